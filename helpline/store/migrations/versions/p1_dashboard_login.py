"""Dashboard login: officer passwords, one-time login codes, outbox rows not tied to a ticket.

Revision ID: p1_dashboard_login
Revises: 0001
Create Date: 2026-11-28 23:10:00
"""
from alembic import op
import sqlalchemy as sa
import helpline.store.models


revision = 'p1_dashboard_login'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Additive only: a nullable column, a new table, and two outbox columns made nullable so a
    # login code (which belongs to no ticket) can travel through the same outbox and sender.
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.String(length=200), nullable=True))
    op.create_table('dashboard_login_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
    sa.Column('expires_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', helpline.store.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', helpline.store.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dashboard_login_code', schema=None) as batch_op:
        batch_op.create_index('ix_login_code_officer', ['officer_id', 'created_at'], unique=False)
    with op.batch_alter_table('notification_outbox', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                              nullable=True)
        batch_op.alter_column('ticket_id', existing_type=sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                              nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('dashboard_login_code', schema=None) as batch_op:
        batch_op.drop_index('ix_login_code_officer')
    op.drop_table('dashboard_login_code')
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_column('password_hash')
