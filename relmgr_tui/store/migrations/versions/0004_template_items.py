"""Checklist items remember whether they came from the kind's template set.

Changing a release's kind may replace the unticked template items of the phases not yet reached; an item
added by hand must never go. Existing rows are marked conservatively: an item counts as a template item
only when its phase and text match an item of the built-in set for its release's kind; any other row
counts as added by hand and is always kept.

Revision ID: 0004_template_items
Revises: 0003_decisions
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from relmgr_tui.domain import templates
from relmgr_tui.domain.model import ReleaseKind

revision = '0004_template_items'
down_revision = '0003_decisions'
branch_labels = None
depends_on = None

MARK = sa.text("UPDATE checklist_item SET from_template = :yes WHERE phase = :phase AND text IN :texts"
               " AND release_id IN (SELECT id FROM release WHERE kind = :kind)"
               ).bindparams(sa.bindparam("texts", expanding=True))


def upgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_template', sa.Boolean(), server_default=sa.false(), nullable=False))
    builtin = templates.builtin()
    for kind in ReleaseKind:
        for phase, items in builtin.for_kind(kind).items():
            if items:
                op.get_bind().execute(MARK, {"yes": True, "phase": phase.value, "kind": kind.value,
                                             "texts": [item.text for item in items]})


def downgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_column('from_template')
