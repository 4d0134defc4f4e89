"""Scope items: what a release contains (features, bugs, chores), by tracker key, unique per release.

Revision ID: 0006_scope_items
Revises: 0005_tick_evidence
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_scope_items'
down_revision = '0005_tick_evidence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'scope_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('title', sa.String(), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('severity', sa.String(length=16), nullable=True),
        sa.Column('url', sa.String(), nullable=False),
        sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('release_id', 'key', name='uq_scope_item_release_key'),
    )


def downgrade() -> None:
    op.drop_table('scope_item')
