"""screening traces stored once per run: screening_trace, screening_result.trace_id

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05 01:40:00

A screening run's results share a few hundred distinct clause documents; they are stored once each in
``screening_trace`` and a result names its document by ``trace_id`` (its own ``clauses`` is then JSON
``null``).  Existing rows are not rewritten: a result with no ``trace_id`` keeps its document in ``clauses``,
and readers take either (``persistence/traces.py: result_clauses``).  ``trace_id`` is added with a plain
``ALTER TABLE ... ADD COLUMN`` and no foreign key: a foreign key would make SQLite copy ``screening_result``,
and dropping the old copy would cascade to the clerks' review decisions.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'screening_trace',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('clauses', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['screening_run.id'], name=op.f('fk_screening_trace_run_id_screening_run'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_trace')),
    )
    with op.batch_alter_table('screening_trace', schema=None) as batch_op:
        batch_op.create_index('ix_screening_trace_run_id', ['run_id'], unique=False)
    with op.batch_alter_table('screening_result', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trace_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    # results stored with a trace_id get their document back into clauses before the column goes
    op.execute("UPDATE screening_result SET clauses = (SELECT t.clauses FROM screening_trace t "
               "WHERE t.id = screening_result.trace_id) WHERE trace_id IS NOT NULL")
    if op.get_bind().dialect.name == "sqlite":  # SQLite ≥ 3.35 drops a column in place (no copy, no cascade)
        op.execute("ALTER TABLE screening_result DROP COLUMN trace_id")
    else:
        op.drop_column('screening_result', 'trace_id')
    op.drop_table('screening_trace')
