"""`u` and ctrl+r from the keyboard: what the screen says before and after, on the workspace and the board."""

from __future__ import annotations

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.item_form import ItemFormModal
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.write_status import WriteStatus
from tests.ui.helpers import screen_text, wait_for
from tests.ui.test_write_queue import hold_write_lock
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


def status_line(app) -> str:
    return str(app.screen.query_one(WriteStatus).content)


async def test_u_on_the_workspace_names_the_change_and_its_release_while_it_runs(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("down", "down")
        await rename_third_item(pilot, " (v2)")
        lock = hold_write_lock(db_path)  # holds the undo, so that its status line can be read
        try:
            await pilot.press("u")
            await wait_for(pilot, lambda: status_line(app).startswith(f"undo: edit '{ORIGINAL} (v2)' on 2.5.0"))
            assert not isinstance(app.screen, ConfirmModal)  # the workspace undoes its own changes directly
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        await wait_for(pilot, lambda: row_text(app) == ORIGINAL)
        assert f"Undid: edit '{ORIGINAL} (v2)' on 2.5.0" in app.notified
        await app.writes_settled()
        assert status_line(app) == ""


async def board_after_a_workspace_rename(pilot, release_id: int) -> None:
    await open_workspace(pilot, release_id)
    await pilot.press("down", "down")
    await rename_third_item(pilot, " (v2)")
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BoardScreen))
    await pilot.press("u")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))


async def test_u_on_the_board_asks_before_undoing_a_workspace_change_and_n_keeps_it(db_path, clock):
    app, release_id = workspace_app(db_path, clock, board=True)
    async with app.run_test(size=SIZE) as pilot:
        await board_after_a_workspace_rename(pilot, release_id)
        dialog = app.screen
        assert str(dialog.query_one("#confirm-question").content) == f"Undo edit '{ORIGINAL} (v2)' on 2.5.0?"
        assert "It was made in the release's workspace, not on the board." in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        await app.writes_settled()
        assert app.service.detail(release_id).items_in(Phase.PLANNING)[2].text == f"{ORIGINAL} (v2)"
        assert not [n for n in app.notified if n.startswith("Undid")]


async def test_u_on_the_board_then_enter_undoes_the_workspace_change(db_path, clock):
    app, release_id = workspace_app(db_path, clock, board=True)
    async with app.run_test(size=SIZE) as pilot:
        await board_after_a_workspace_rename(pilot, release_id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: f"Undid: edit '{ORIGINAL} (v2)' on 2.5.0" in app.notified)
        assert app.service.detail(release_id).items_in(Phase.PLANNING)[2].text == ORIGINAL
