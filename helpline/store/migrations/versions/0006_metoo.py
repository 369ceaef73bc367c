""""Me too" (issue 17): ticket.match_key, ticket.parent_id, ticket.affected and the lookup indexes.

Revision ID: 0006_metoo
Revises: 0005_intake_and_webchat_limits
Create Date: 2026-12-02 14:00:00
"""
from alembic import op
import sqlalchemy as sa

from helpline import rules
from helpline.tickets import matcher


revision = '0006_metoo'
down_revision = '0005_intake_and_webchat_limits'
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of the table): on SQLite, copying `ticket` while other tables'
    # rows point at it fails under foreign_keys=ON, and on PostgreSQL these are instant.
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column('ticket', sa.Column('match_key', sa.Text(), server_default='', nullable=False))
    if sqlite:   # SQLite takes a foreign key only inline, in the column's definition
        op.execute("ALTER TABLE ticket ADD COLUMN parent_id INTEGER "
                   "CONSTRAINT fk_ticket_parent REFERENCES ticket (id)")
    else:
        op.add_column('ticket', sa.Column('parent_id', sa.BigInteger(), nullable=True))
        op.create_foreign_key('fk_ticket_parent', 'ticket', 'ticket', ['parent_id'], ['id'])
    op.add_column('ticket', sa.Column('affected', sa.Integer(), server_default='1', nullable=False))
    op.create_index('ix_ticket_metoo', 'ticket', ['department_code', 'district_code', 'block_code', 'state',
                                                  'created_at'], unique=False)
    op.create_index('ix_ticket_metoo_geo', 'ticket', ['department_code', 'lat', 'lon'], unique=False)
    op.create_index('ix_ticket_parent', 'ticket', ['parent_id'], unique=False)
    # Signatures for the tickets a lookup can find (pending ones); closed tickets are never offered.
    ticket = sa.table('ticket', sa.column('id', sa.Integer), sa.column('text', sa.Text),
                      sa.column('state', sa.String), sa.column('match_key', sa.Text))
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(sa.select(ticket.c.id, ticket.c.text).where(
            ticket.c.id > last, ticket.c.state.in_(sorted(rules.PENDING))).order_by(ticket.c.id).limit(BATCH)).all()
        if not rows:
            break
        for row in rows:
            bind.execute(ticket.update().where(ticket.c.id == row.id).values(match_key=matcher.signature(row.text)))
        last = rows[-1].id


def downgrade() -> None:
    # On SQLite this copies the table: with tickets stored, run it with PRAGMA foreign_keys=OFF.
    op.drop_index('ix_ticket_parent', table_name='ticket')
    op.drop_index('ix_ticket_metoo_geo', table_name='ticket')
    op.drop_index('ix_ticket_metoo', table_name='ticket')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":
            batch_op.drop_constraint('fk_ticket_parent', type_='foreignkey')
        batch_op.drop_column('affected')
        batch_op.drop_column('parent_id')
        batch_op.drop_column('match_key')
