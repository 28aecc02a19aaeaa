"""accounts: who may sign in, with which roles (issue 14)

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05 01:30:00

The ``account`` table (persistence/account_models.py).  The login mode is a ``centre_setting`` row written at
first run, so it needs no schema.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0008'   # was 0004; chained after main's 0008 (screen-speed) when it landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('display_name', sa.String(length=100), nullable=False),
        sa.Column('roles', sa.String(length=200), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('failed_attempts', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('changed_by', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
        sa.UniqueConstraint('name', name=op.f('uq_account_name')),
    )


def downgrade() -> None:
    op.drop_table('account')
