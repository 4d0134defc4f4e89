"""The footer at 80 columns on the screens the other snapshot files show only at 120 (board, workspace
checklist and risks, review and decision form are at 80x24 there), and the override prompt whole.

Update after a deliberate UI change with `pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.ui.helpers import make_app

SMALL = (80, 24)
SHOTS = {
    "workspace-rollback": ("enter", "3"),
    "workspace-activity": ("enter", "4"),
    "archive": ("a",),
    "help": ("question_mark",),
    "gate-override": ("greater_than_sign", "ctrl+s"),
}


@pytest.mark.parametrize("name", SHOTS)
def test_footer_at_80_columns(snap_compare, db_path, clock, name):
    assert snap_compare(make_app(db_path, clock), press=list(SHOTS[name]), terminal_size=SMALL)
