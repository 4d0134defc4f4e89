"""Lifecycle: a release's state reason, hold date, release and close dates; early checklist items.

Existing rows get their dates from the audit log where it has them: released_at from the advance out of
Deploying, closed_at from that or from the state change that archived the release, state_changed_at
and the reason from the last state change. Nothing else is touched.

Revision ID: 0002_lifecycle
Revises: 0001_initial
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0002_lifecycle'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

RELEASED_EVENT = ("(SELECT MAX(e.at) FROM event e WHERE e.release_id = release.id"
                  " AND e.action IN ('release.advance', 'release.override') AND e.new = 'released')")
LAST_STATE_EVENT = ("(SELECT MAX(e.id) FROM event e WHERE e.release_id = release.id"
                    " AND e.action = 'release.state' AND e.new = release.state)")


def upgrade() -> None:
    with op.batch_alter_table('release', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state_reason', sa.String(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('state_changed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hold_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('released_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('early', sa.Boolean(), server_default=sa.false(), nullable=False))
    _fill_dates()


def _fill_dates() -> None:
    op.execute(f"UPDATE release SET released_at = {RELEASED_EVENT} WHERE state IN ('released', 'rolled_back')")
    op.execute("UPDATE release SET"
               f" state_changed_at = (SELECT e.at FROM event e WHERE e.id = {LAST_STATE_EVENT}),"
               f" state_reason = COALESCE((SELECT e.reason FROM event e WHERE e.id = {LAST_STATE_EVENT}), '')"
               " WHERE state <> 'active'")
    op.execute("UPDATE release SET state_changed_at = released_at"
               " WHERE state = 'released' AND state_changed_at IS NULL")
    op.execute("UPDATE release SET closed_at = COALESCE(state_changed_at, released_at)"
               " WHERE state IN ('released', 'rolled_back', 'cancelled')")


def downgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_column('early')
    with op.batch_alter_table('release', schema=None) as batch_op:
        for column in ('closed_at', 'released_at', 'hold_until', 'state_changed_at', 'state_reason'):
            batch_op.drop_column(column)
