"""print data: applicant photos, the centre's check-code keys, centre settings, a batch's centre name and venue

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 23:00:00

Hand-written to match persistence/print_models.py and the two new columns of ``batch`` in
persistence/models.py (constraint names follow the naming convention there).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applicant_photo',
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('jpeg', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=260), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('size = length(jpeg)', name='ck_applicant_photo_size_is_length'),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicant.id'], name='fk_applicant_photo_applicant_id_applicant',
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('applicant_id', name='pk_applicant_photo'),
    )
    op.create_table('check_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secret_hex', sa.String(length=128), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.CheckConstraint('length(secret_hex) >= 32', name='ck_check_key_secret_16_bytes'),
    sa.PrimaryKeyConstraint('id', name='pk_check_key'),
    sa.UniqueConstraint('is_current', name='uq_check_key_is_current'),
    )
    op.create_table('centre_setting',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('name', name='pk_centre_setting'),
    )
    with op.batch_alter_table('batch') as batch:
        batch.add_column(sa.Column('centre_name', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('venue', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('batch') as batch:
        batch.drop_column('venue')
        batch.drop_column('centre_name')
    op.drop_table('centre_setting')
    op.drop_table('check_key')
    op.drop_table('applicant_photo')
