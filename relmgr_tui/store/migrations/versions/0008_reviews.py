"""Post-release reviews (issue #17): one review per released or rolled-back release, with its actions.

Revision ID: 0008_reviews
Revises: 0005_tick_evidence
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_reviews'
down_revision = '0007_signoffs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('went_well', sa.String(), nullable=False),
        sa.Column('went_badly', sa.String(), nullable=False),
        sa.Column('findings', sa.String(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(), nullable=False),
        sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('release_id'),
    )
    op.create_table(
        'review_action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('review_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(), nullable=False),
        sa.Column('owner', sa.String(), nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('done', sa.Boolean(), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('proposal_phase', sa.String(length=16), nullable=True),
        sa.Column('proposal_text', sa.String(), nullable=False),
        sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['review_id'], ['review.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_review_action_review_id', 'review_action', ['review_id'])
    op.create_index('ix_review_action_open_due', 'review_action', ['done', 'due'])


def downgrade() -> None:
    op.drop_index('ix_review_action_open_due', table_name='review_action')
    op.drop_index('ix_review_action_review_id', table_name='review_action')
    op.drop_table('review_action')
    op.drop_table('review')
