"""Initial schema: reference data, officer posts, citizens, tickets, audit events, outbox.

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 22:44:25.769906
"""
from alembic import op
import sqlalchemy as sa
import helpline.store.models


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The whole schema of the first release (generated from helpline.models, checked by hand).
    op.create_table('app_setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('citizen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citizen_phone'), ['phone'], unique=False)

    op.create_table('department',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_hi', sa.String(length=200), nullable=False),
    sa.Column('level_days', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('district',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_hi', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('ticket_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('block',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('district_code', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_hi', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], ),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_block_district_code'), ['district_code'], unique=False)

    op.create_table('citizen_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('external_id', sa.String(length=120), nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'external_id', name='uq_identity')
    )
    with op.batch_alter_table('citizen_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citizen_identity_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('officer_post',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('district_code', sa.String(length=40), nullable=True),
    sa.Column('block_code', sa.String(length=60), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('title_hi', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("role IN ('officer', 'district_admin')", name='ck_post_role'),
    sa.CheckConstraint('level IS NULL OR level BETWEEN 1 AND 4', name='ck_post_level'),
    sa.ForeignKeyConstraint(['block_code'], ['block.code'], ),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], ),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('officer_post', schema=None) as batch_op:
        batch_op.create_index('ix_post_route', ['department_code', 'level', 'district_code', 'block_code'], unique=False)

    op.create_table('officer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('telegram_chat_id', sa.String(length=40), nullable=True),
    sa.Column('whatsapp_id', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['officer_post.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_telegram_chat_id'), ['telegram_chat_id'], unique=False)

    op.create_table('officer_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    with op.batch_alter_table('officer_invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_invite_officer_id'), ['officer_id'], unique=False)

    op.create_table('ticket',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('normalised_text', sa.Text(), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('district_code', sa.String(length=40), nullable=False),
    sa.Column('block_code', sa.String(length=60), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('assigned_post_id', sa.Integer(), nullable=True),
    sa.Column('due_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_sweep_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_level', sa.Integer(), nullable=False),
    sa.Column('overdue_notified', sa.Boolean(), nullable=False),
    sa.Column('resolved_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('pending_action', sa.String(length=20), nullable=True),
    sa.Column('pending_reason', sa.String(length=40), nullable=True),
    sa.Column('pending_note', sa.Text(), nullable=True),
    sa.Column('pending_to_department', sa.String(length=40), nullable=True),
    sa.Column('pending_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('is_practice', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('registered', 'assigned', 'in_progress', 'resolved', 'closed', 'closed_no_feedback', 'reopened', 'rejected', 'special_closed', 'transferred')", name='ck_ticket_state'),
    sa.CheckConstraint('level BETWEEN 1 AND 4', name='ck_ticket_level'),
    sa.ForeignKeyConstraint(['assigned_post_id'], ['officer_post.id'], ),
    sa.ForeignKeyConstraint(['block_code'], ['block.code'], ),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], ),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], ),
    sa.ForeignKeyConstraint(['pending_by_officer_id'], ['officer.id'], ),
    sa.ForeignKeyConstraint(['pending_to_department'], ['department.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_citizen', ['citizen_id', 'created_at'], unique=False)
        batch_op.create_index('ix_ticket_created', ['created_at'], unique=False)
        batch_op.create_index('ix_ticket_next_sweep', ['next_sweep_at'], unique=False)
        batch_op.create_index('ix_ticket_place', ['district_code', 'department_code', 'state'], unique=False)
        batch_op.create_index('ix_ticket_post_state', ['assigned_post_id', 'state'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('satisfied', sa.Boolean(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name='ck_rating'),
    sa.ForeignKeyConstraint(['post_id'], ['officer_post.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('linked_filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    with op.batch_alter_table('linked_filing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_linked_filing_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('ticket_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=True),
    sa.Column('from_level', sa.Integer(), nullable=True),
    sa.Column('to_level', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], ),
    sa.ForeignKeyConstraint(['post_id'], ['officer_post.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.create_index('ix_event_at', ['at', 'kind'], unique=False)
        batch_op.create_index('ix_event_ticket', ['ticket_id', 'id'], unique=False)

    op.create_table('ticket_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('ref', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('added_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_photo_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('notification_outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recipient_kind', sa.String(length=10), nullable=False),
    sa.Column('recipient_id', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('provider_message_id', sa.String(length=120), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.CheckConstraint("recipient_kind IN ('officer', 'citizen')", name='ck_outbox_recipient'),
    sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name='ck_outbox_status'),
    sa.ForeignKeyConstraint(['event_id'], ['ticket_event.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    with op.batch_alter_table('notification_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_outbox_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_outbox_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)



def downgrade() -> None:
    # The whole schema of the first release (generated from helpline.models, checked by hand).
    with op.batch_alter_table('notification_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')
        batch_op.drop_index(batch_op.f('ix_notification_outbox_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_notification_outbox_event_id'))

    op.drop_table('notification_outbox')
    with op.batch_alter_table('ticket_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_photo_ticket_id'))

    op.drop_table('ticket_photo')
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_ticket')
        batch_op.drop_index('ix_event_at')

    op.drop_table('ticket_event')
    with op.batch_alter_table('linked_filing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_linked_filing_ticket_id'))

    op.drop_table('linked_filing')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_ticket_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_post_state')
        batch_op.drop_index('ix_ticket_place')
        batch_op.drop_index('ix_ticket_next_sweep')
        batch_op.drop_index('ix_ticket_created')
        batch_op.drop_index('ix_ticket_citizen')

    op.drop_table('ticket')
    with op.batch_alter_table('officer_invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_invite_officer_id'))

    op.drop_table('officer_invite')
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_telegram_chat_id'))
        batch_op.drop_index(batch_op.f('ix_officer_post_id'))

    op.drop_table('officer')
    with op.batch_alter_table('officer_post', schema=None) as batch_op:
        batch_op.drop_index('ix_post_route')

    op.drop_table('officer_post')
    with op.batch_alter_table('citizen_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citizen_identity_citizen_id'))

    op.drop_table('citizen_identity')
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_block_district_code'))

    op.drop_table('block')
    op.drop_table('ticket_counter')
    op.drop_table('district')
    op.drop_table('department')
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citizen_phone'))

    op.drop_table('citizen')
    op.drop_table('app_setting')
