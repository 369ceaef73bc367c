"""Officer training and roster changes: practice_ticket and roster_event tables.

Revision ID: t9_officer_training
Revises: 0002
Create Date: 2026-11-28 23:40:00
"""
from alembic import op
import sqlalchemy as sa
import helpline.store.models


revision = 't9_officer_training'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Additive only: two new tables; no existing table changes.
    op.create_table('practice_ticket',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('round_no', sa.Integer(), nullable=False, server_default='1'),
    sa.Column('scenario', sa.String(length=20), nullable=False),
    sa.Column('expected', sa.String(length=40), nullable=True),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cleared_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_id')
    )
    with op.batch_alter_table('practice_ticket', schema=None) as batch_op:
        batch_op.create_index('ix_practice_officer', ['officer_id', 'cleared_at'], unique=False)
    op.create_table('roster_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('previous_officer_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('open_tickets', sa.Integer(), nullable=False, server_default='0'),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['officer_post.id'], ),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], ),
    sa.ForeignKeyConstraint(['previous_officer_id'], ['officer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('roster_event', schema=None) as batch_op:
        batch_op.create_index('ix_roster_event_post', ['post_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('roster_event', schema=None) as batch_op:
        batch_op.drop_index('ix_roster_event_post')
    op.drop_table('roster_event')
    with op.batch_alter_table('practice_ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_officer')
    op.drop_table('practice_ticket')
