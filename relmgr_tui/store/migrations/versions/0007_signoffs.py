"""Sign-offs by role: who approved (or rejected) a release's move, as themselves, at which evidence revision.

Revision ID: 0007_signoffs
Revises: 0005_tick_evidence
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0007_signoffs'
down_revision = '0006_scope_items'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'signoff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('move', sa.String(length=16), nullable=False),
        sa.Column('role', sa.String(length=64), nullable=False),
        sa.Column('who', sa.String(), nullable=False, server_default=''),
        sa.Column('verdict', sa.String(length=16), nullable=False),
        sa.Column('comment', sa.String(), nullable=False, server_default=''),
        sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('evidence_revision', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('release_id', 'move', 'role', name='uq_signoff_release_move_role'),
    )
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signoff_release_id'), ['release_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signoff_release_id'))
    op.drop_table('signoff')
