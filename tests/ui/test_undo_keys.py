"""`u` and ctrl+r from the keyboard: what the screen says before and after, on the workspace and the board."""

from __future__ import annotations

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.item_form import ItemFormModal
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from tests.ui.helpers import screen_text, wait_for
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (120, 36)
ORIGINAL = "Write the business case and the scope of the release"


def row_text(app) -> str:
    """The text of the checklist row under the cursor, as the list draws it."""
    return app.screen.query_one(ChecklistView).current.text


async def rename_third_item(pilot, suffix: str) -> None:
    await pilot.press("e")
    assert isinstance(pilot.app.screen, ItemFormModal)
    await pilot.press("end", *suffix, "ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, ItemFormModal))
    await settle(pilot)


async def test_two_renames_then_u_u_show_the_original_text(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("down", "down")
        await rename_third_item(pilot, " (v2)")
        await rename_third_item(pilot, " (v3)")
        assert f"{ORIGINAL} (v2) (v3)" in screen_text(app)
        await pilot.press("u")
        await wait_for(pilot, lambda: row_text(app) == f"{ORIGINAL} (v2)")
        await pilot.press("u")
        await wait_for(pilot, lambda: row_text(app) == ORIGINAL)
        await settle(pilot)
        text = screen_text(app)
        assert f"3 ✗ {ORIGINAL}" in text
        assert "since in another terminal" not in text
        assert app.service.detail(release_id).items_in(Phase.PLANNING)[2].text.startswith(ORIGINAL)
