"""Snapshots of the workspace: seeded data, a fixed clock, fixed sizes, the default theme.

Update after a deliberate UI change with `pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.ui.workspace_seed import open_workspace, workspace_app

WIDE = (120, 36)
SMALL = (80, 24)


def opened(release_id: int, *keys: str):
    async def run_before(pilot) -> None:
        await open_workspace(pilot, release_id)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


SHOTS = {
    "checklist": ((), WIDE),
    "risks": (("2",), WIDE),
    "rollback": (("3",), WIDE),
    "activity": (("4",), WIDE),
    "checklist-80x24": ((), SMALL),
    "risks-80x24": (("2",), SMALL),
    "heatmap-filter": (("2", "m", "up", "right", "right", "enter"), WIDE),
    "risk-form": (("2", "e"), WIDE),
}


@pytest.mark.parametrize("name", SHOTS)
def test_workspace(snap_compare, db_path, clock, name):
    keys, size = SHOTS[name]
    app, release_id = workspace_app(db_path, clock)
    assert snap_compare(app, terminal_size=size, run_before=opened(release_id, *keys))
