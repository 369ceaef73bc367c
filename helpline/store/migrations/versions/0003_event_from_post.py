"""The post a ticket left on escalation, transfer or reopening: ticket_event.from_post_id.

Revision ID: 0003
Revises: t9_officer_training
Create Date: 2026-11-29 03:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = 't9_officer_training'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Additive: a nullable column (instant on PostgreSQL); earlier events keep NULL (not known).
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_post_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_ticket_event_from_post', 'officer_post', ['from_post_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('ticket_event', schema=None) as batch_op:
        batch_op.drop_constraint('fk_ticket_event_from_post', type_='foreignkey')
        batch_op.drop_column('from_post_id')
