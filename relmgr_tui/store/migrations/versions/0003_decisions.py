"""Decisions that authorise one move, conditions that can be met, accepted risks, rule-linked items.

Revision ID: 0003_decisions
Revises: 0001_initial
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_decisions'
down_revision = '0002_lifecycle'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('used_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('review_started_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('review_ended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('driver', sa.String(), nullable=False, server_default=''))
    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('met_by', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('met_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('met_note', sa.String(), nullable=False, server_default=''))
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accepted_by', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('accepted_reason', sa.String(), nullable=False, server_default=''))
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule', sa.String(length=32), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_column('rule')
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_column('accepted_reason')
        batch_op.drop_column('accepted_by')
    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.drop_column('met_note')
        batch_op.drop_column('met_at')
        batch_op.drop_column('met_by')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_column('driver')
        batch_op.drop_column('review_ended_at')
        batch_op.drop_column('review_started_at')
        batch_op.drop_column('used_at')
