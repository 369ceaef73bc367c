"""Dashboard login throttle shared by every web process: login_attempt (helpline/officers/login_throttle.py).

Revision ID: 0004_login_attempt
Revises: 0003
Create Date: 2026-12-02 13:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_login_attempt'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_attempt',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('key', sa.String(length=120), nullable=False),
                    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_key', ['key', 'at'], unique=False)
        batch_op.create_index('ix_login_attempt_at', ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_at')
        batch_op.drop_index('ix_login_attempt_key')
    op.drop_table('login_attempt')
