"""sessions and scores: rooms, staff, slots, stored plans, score sheets, entries, corrections, re-checks, publications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 05:50:00

Hand-written to match persistence/session_models.py and persistence/score_models.py (constraint names
follow the naming convention of persistence/models.py, so they are the same on SQLite and PostgreSQL).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _pk(table):
    return sa.PrimaryKeyConstraint('id', name=f'pk_{table}')


def _fk(table, column, target, ondelete='CASCADE'):
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=f'fk_{table}_{column}_{target}', ondelete=ondelete)


def upgrade() -> None:
    op.create_table('room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 0', name='ck_room_capacity_not_negative'),
    _pk('room'),
    sa.UniqueConstraint('code', name='uq_room_code'),
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('institution', sa.String(length=200), nullable=False),
    sa.Column('unavailable', sa.JSON(), nullable=False),
    sa.Column('credentials', sa.JSON(), nullable=False),
    sa.Column('chief', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    _pk('staff'),
    sa.UniqueConstraint('code', name='uq_staff_code'),
    )
    op.create_table('slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('"end" > start', name='ck_slot_end_after_start'),
    _fk('slot', 'batch_id', 'batch'),
    _pk('slot'),
    sa.UniqueConstraint('batch_id', 'code', name='uq_slot_batch_code'),
    )
    op.create_index('ix_slot_batch_id', 'slot', ['batch_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=True),
    sa.Column('operator', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('plan_json', sa.JSON(), nullable=False),
    sa.Column('scenario_json', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'final')", name='ck_plan_status_known'),
    _fk('plan', 'batch_id', 'batch'),
    _pk('plan'),
    sa.UniqueConstraint('batch_id', 'number', name='uq_plan_batch_number'),
    )
    op.create_index('ix_plan_batch_id', 'plan', ['batch_id'], unique=False)

    op.create_table('score_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('session', sa.String(length=64), nullable=False),
    sa.Column('room', sa.String(length=64), nullable=False),
    sa.Column('part', sa.String(length=32), nullable=False),
    sa.Column('level', sa.String(length=4), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('panel', sa.JSON(), nullable=False),
    sa.Column('locked_by', sa.String(length=100), nullable=True),
    sa.Column('locked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    _fk('score_sheet', 'batch_id', 'batch'),
    _fk('score_sheet', 'plan_id', 'plan'),
    _pk('score_sheet'),
    sa.UniqueConstraint('batch_id', 'session', 'part', name='uq_score_sheet_session_part'),
    )
    op.create_index('ix_score_sheet_batch_id', 'score_sheet', ['batch_id'], unique=False)
    op.create_index('ix_score_sheet_plan_id', 'score_sheet', ['plan_id'], unique=False)

    op.create_table('score_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.Column('candidate', sa.String(length=64), nullable=False),
    sa.Column('recorder', sa.Integer(), nullable=False),
    sa.Column('examiner', sa.String(length=64), nullable=False),
    sa.Column('score', sa.String(length=16), nullable=True),
    sa.Column('mark', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('entered_by', sa.String(length=100), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('recorder IN (0, 1, 2)', name='ck_score_entry_recorder_known'),
    sa.CheckConstraint('(score IS NULL) <> (mark IS NULL)', name='ck_score_entry_score_or_mark'),
    _fk('score_entry', 'sheet_id', 'score_sheet'),
    _pk('score_entry'),
    sa.UniqueConstraint('sheet_id', 'seat', 'recorder', 'examiner', name='uq_score_entry_cell'),
    )

    op.create_table('recheck',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.Column('candidate', sa.String(length=64), nullable=False),
    sa.Column('part', sa.String(length=32), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    _fk('recheck', 'batch_id', 'batch'),
    _fk('recheck', 'sheet_id', 'score_sheet'),
    _pk('recheck'),
    )
    op.create_index('ix_recheck_batch_id', 'recheck', ['batch_id'], unique=False)
    op.create_index('ix_recheck_sheet_seat', 'recheck', ['sheet_id', 'seat'], unique=False)

    op.create_table('score_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.Column('candidate', sa.String(length=64), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('recheck_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(trim(reason)) > 0', name='ck_score_correction_reason_required'),
    _fk('score_correction', 'sheet_id', 'score_sheet'),
    _fk('score_correction', 'recheck_id', 'recheck', ondelete='SET NULL'),
    _pk('score_correction'),
    )
    op.create_index('ix_score_correction_sheet_id', 'score_correction', ['sheet_id'], unique=False)

    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('published_by', sa.String(length=100), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('pass_list', sa.JSON(), nullable=False),
    sa.Column('results', sa.JSON(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    _fk('publication', 'batch_id', 'batch'),
    _pk('publication'),
    sa.UniqueConstraint('batch_id', 'number', name='uq_publication_batch_number'),
    )
    op.create_index('ix_publication_batch_id', 'publication', ['batch_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_publication_batch_id', table_name='publication')
    op.drop_table('publication')
    op.drop_index('ix_score_correction_sheet_id', table_name='score_correction')
    op.drop_table('score_correction')
    op.drop_index('ix_recheck_sheet_seat', table_name='recheck')
    op.drop_index('ix_recheck_batch_id', table_name='recheck')
    op.drop_table('recheck')
    op.drop_table('score_entry')
    op.drop_index('ix_score_sheet_plan_id', table_name='score_sheet')
    op.drop_index('ix_score_sheet_batch_id', table_name='score_sheet')
    op.drop_table('score_sheet')
    op.drop_index('ix_plan_batch_id', table_name='plan')
    op.drop_table('plan')
    op.drop_index('ix_slot_batch_id', table_name='slot')
    op.drop_table('slot')
    op.drop_table('staff')
    op.drop_table('room')
