"""Inbound message de-duplication table; provider delivery reports on the outbox.

Revision ID: 0002
Revises: p1_dashboard_login
Create Date: 2026-11-28 23:07:50
"""
from alembic import op
import sqlalchemy as sa
import helpline.store.models


revision = '0002'
down_revision = 'p1_dashboard_login'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbound_message',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('seen_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'key', name='uq_inbound')
    )
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbound_message_seen_at'), ['seen_at'], unique=False)
    with op.batch_alter_table('notification_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivery_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('delivery_status_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_notification_outbox_provider_message_id'), ['provider_message_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_outbox_provider_message_id'))
        batch_op.drop_column('delivery_status_at')
        batch_op.drop_column('delivery_status')
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbound_message_seen_at'))
    op.drop_table('inbound_message')
