"""Durable intake of webhook messages: intake_message (helpline/tickets/intake.py); web chat rate limits
shared by every web process: rate_counter (helpline/rate_limits.py).

Revision ID: 0005_intake_and_webchat_limits
Revises: 0004_login_attempt
Create Date: 2026-12-02 14:00:00
"""
from alembic import op
import sqlalchemy as sa
import helpline.store.models


revision = '0005_intake_and_webchat_limits'
down_revision = '0004_login_attempt'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('intake_message',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('channel', sa.String(length=20), nullable=False),
                    sa.Column('key', sa.String(length=200), nullable=False),
                    sa.Column('sender', sa.String(length=100), nullable=False),
                    sa.Column('payload', sa.JSON(), nullable=True),
                    sa.Column('status', sa.String(length=10), nullable=False),
                    sa.Column('attempts', sa.Integer(), nullable=False),
                    sa.Column('holder', sa.String(length=64), nullable=True),
                    sa.Column('available_at', helpline.store.models.UTCDateTime(), nullable=False),
                    sa.Column('received_at', helpline.store.models.UTCDateTime(), nullable=False),
                    sa.Column('done_at', helpline.store.models.UTCDateTime(), nullable=True),
                    sa.Column('last_error', sa.String(length=500), nullable=True),
                    sa.PrimaryKeyConstraint('id'),
                    sa.UniqueConstraint('channel', 'key', name='uq_intake_message'))
    op.create_index('ix_intake_message_due', 'intake_message', ['status', 'available_at'])
    op.create_index('ix_intake_message_received', 'intake_message', ['received_at'])
    op.create_table('rate_counter',
                    sa.Column('key', sa.String(length=160), nullable=False),
                    sa.Column('window_start', helpline.store.models.UTCDateTime(), nullable=False),
                    sa.Column('count', sa.Integer(), nullable=False),
                    sa.Column('expires_at', helpline.store.models.UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('key', 'window_start'))
    op.create_index('ix_rate_counter_expires', 'rate_counter', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_rate_counter_expires', table_name='rate_counter')
    op.drop_table('rate_counter')
    op.drop_index('ix_intake_message_received', table_name='intake_message')
    op.drop_index('ix_intake_message_due', table_name='intake_message')
    op.drop_table('intake_message')
