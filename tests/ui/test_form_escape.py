"""Escape on a form: one that holds only what it opened with closes at once; one with changes typed asks
"Discard your changes?" first, and No keeps every character."""

from __future__ import annotations

from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.item_form import ItemFormModal
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.ui.helpers import make_app, screen_text
from tests.ui.workspace_seed import open_workspace, workspace_app

SIZE = (120, 36)


async def test_escape_on_a_new_release_with_typing_asks_and_no_keeps_it(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "escape")
        assert isinstance(app.screen, BoardScreen), "nothing typed: closed at once"

        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"9.9.9", "escape")
        assert isinstance(app.screen, ConfirmModal)
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, ReleaseFormModal) and app.screen.values()["version"] == "9.9.9"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "9.9.9" not in [r.version for r in app.service.releases()]


async def test_escape_on_an_edit_form_asks_only_once_something_changed(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "escape")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "x", "backspace", "escape")
        assert isinstance(app.screen, BoardScreen), "typed and taken back: nothing to lose"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "x", "escape")
        assert isinstance(app.screen, ConfirmModal)


async def test_escape_on_a_checklist_item_form_with_typing_asks(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Check the backups", "escape")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert isinstance(app.screen, ItemFormModal) and app.screen.values()["text"] == "Check the backups"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
