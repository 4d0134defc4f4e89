"""The schedule: a deployment window per release, milestones (the planned end of each phase), change freezes.

Revision ID: 0009_schedule
Revises: 0005_tick_evidence
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_schedule'
down_revision = '0005_tick_evidence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('release', schema=None) as batch_op:
        batch_op.add_column(sa.Column('window_start', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('window_end', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('window_zone', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_release_window_start', ['window_start'], unique=False)
        batch_op.create_index('ix_release_target_date', ['target_date'], unique=False)
    op.create_table(
        'milestone',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('phase', sa.String(length=16), nullable=False),
        sa.Column('planned', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('release_id', 'phase', name='uq_milestone_release_phase'),
    )
    op.create_table(
        'change_freeze',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('starts', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reason', sa.String(), nullable=False),
        sa.Column('exempt_kinds', sa.String(), nullable=False),
        sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('zone', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('change_freeze')
    op.drop_table('milestone')
    with op.batch_alter_table('release', schema=None) as batch_op:
        batch_op.drop_index('ix_release_target_date')
        batch_op.drop_index('ix_release_window_start')
        batch_op.drop_column('window_zone')
        batch_op.drop_column('window_end')
        batch_op.drop_column('window_start')
