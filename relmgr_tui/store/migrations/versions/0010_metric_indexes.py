"""An index on the audit log by action and time, for the delivery metrics (store/metrics.py): rollbacks,
moves forward and the releases moved in a period are found without reading the whole log.

Revision ID: 0010_metric_indexes
Revises: 0005_tick_evidence
Create Date: 2026-11-30
"""

from alembic import op

revision = '0010_metric_indexes'
down_revision = '0009_schedule'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_event_action_at', 'event', ['action', 'at'])


def downgrade() -> None:
    op.drop_index('ix_event_action_at', table_name='event')
