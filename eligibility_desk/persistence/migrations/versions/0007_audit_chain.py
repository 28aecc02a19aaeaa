"""audit chain: every audit row carries its place in the chain and the hash of the row before it

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-04 23:55:00

Adds ``seq``, ``prev_hash`` and ``row_hash`` to ``audit`` and seals the rows already there, in id order, with
the same rule the application uses (persistence/audit.py ``row_hash``; written out here so the migration
never changes when that module does).
"""
import hashlib

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0003'
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _hash(prev, seq, row):
    parts = [prev, str(seq), str(row.at.isoformat() if hasattr(row.at, "isoformat") else row.at), row.user or "",
             row.entity or "", "" if row.entity_id is None else str(row.entity_id), row.action or "",
             row.before or "", row.after or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('audit') as batch:
        batch.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('prev_hash', sa.String(64), nullable=True))
        batch.add_column(sa.Column('row_hash', sa.String(64), nullable=True))
        batch.create_index('ix_audit_seq', ['seq'], unique=True)
    audit = sa.table('audit', sa.column('id', sa.Integer), sa.column('at', sa.DateTime), sa.column('user', sa.String),
                     sa.column('entity', sa.String), sa.column('entity_id', sa.Integer), sa.column('action', sa.String),
                     sa.column('before', sa.Text), sa.column('after', sa.Text), sa.column('seq', sa.Integer),
                     sa.column('prev_hash', sa.String), sa.column('row_hash', sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(audit.c.id, audit.c.at, audit.c.user, audit.c.entity, audit.c.entity_id,
                                  audit.c.action, sa.cast(audit.c.before, sa.Text).label('before'),
                                  sa.cast(audit.c.after, sa.Text).label('after')).order_by(audit.c.id)).all()
    prev, updates = GENESIS, []
    for seq, row in enumerate(rows, start=1):
        digest = _hash(prev, seq, row)
        updates.append({"rid": row.id, "s": seq, "p": prev, "h": digest})
        prev = digest
    if updates:
        bind.execute(audit.update().where(audit.c.id == sa.bindparam("rid"))
                     .values(seq=sa.bindparam("s"), prev_hash=sa.bindparam("p"), row_hash=sa.bindparam("h")), updates)


def downgrade() -> None:
    with op.batch_alter_table('audit') as batch:
        batch.drop_index('ix_audit_seq')
        batch.drop_column('row_hash')
        batch.drop_column('prev_hash')
        batch.drop_column('seq')
