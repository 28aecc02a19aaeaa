"""rule language v2 facts: birth date, work end known, 1+X certificates and undated ones, training,
apprenticeships, a batch's chosen rule version

Revision ID: 0004
Revises: 0007 (chained after main's audit chain when main was merged; the task gave 0002)
Create Date: 2026-12-04 23:30:00

Hand-written to match persistence/models.py (constraint names follow its naming convention).
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0007'
branch_labels = None
depends_on = None


def _child(table):
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('applicant_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('occupation', sa.String(length=200), nullable=False),
    ], [
        sa.ForeignKeyConstraint(['applicant_id'], ['applicant.id'], name=f'fk_{table}_applicant_id_applicant',
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=f'pk_{table}'),
    ]


def upgrade() -> None:
    with op.batch_alter_table('applicant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
    with op.batch_alter_table('work_period', schema=None) as batch_op:
        batch_op.add_column(sa.Column('end_known', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule_version', sa.String(length=64), nullable=True))
    with op.batch_alter_table('certificate', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint(op.f('ck_certificate_level_1_5'), type_='check')
        batch_op.alter_column('level', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('obtained_on', existing_type=sa.Date(), nullable=True)
        batch_op.add_column(sa.Column('standard', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('level_word', sa.String(length=32), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_certificate_level_known'),
            "(standard = '' AND level BETWEEN 1 AND 5) OR (standard <> '' AND level_word IS NOT NULL)")

    columns, constraints = _child('training')
    op.create_table('training', *columns,
                    sa.Column('level', sa.String(length=32), nullable=False),
                    sa.Column('hours', sa.Float(), nullable=False),
                    sa.Column('finished_on', sa.Date(), nullable=True),
                    sa.CheckConstraint('hours >= 0', name=op.f('ck_training_hours_not_negative')),
                    *constraints)
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.create_index('ix_training_applicant_id', ['applicant_id'], unique=False)
    columns, constraints = _child('apprenticeship')
    op.create_table('apprenticeship', *columns,
                    sa.Column('finished_on', sa.Date(), nullable=True),
                    sa.Column('started_on', sa.Date(), nullable=True),
                    *constraints)
    with op.batch_alter_table('apprenticeship', schema=None) as batch_op:
        batch_op.create_index('ix_apprenticeship_applicant_id', ['applicant_id'], unique=False)


def downgrade() -> None:
    op.drop_table('apprenticeship')
    op.drop_table('training')
    with op.batch_alter_table('certificate', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint(op.f('ck_certificate_level_known'), type_='check')
        batch_op.drop_column('level_word')
        batch_op.drop_column('standard')
        batch_op.alter_column('obtained_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('level', existing_type=sa.Integer(), nullable=False)
        batch_op.create_check_constraint(op.f('ck_certificate_level_1_5'), 'level BETWEEN 1 AND 5')
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.drop_column('rule_version')
    with op.batch_alter_table('work_period', schema=None) as batch_op:
        batch_op.drop_column('end_known')
    with op.batch_alter_table('applicant', schema=None) as batch_op:
        batch_op.drop_column('birth_date')
