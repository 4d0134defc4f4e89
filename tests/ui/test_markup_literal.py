"""Text from people shows as typed, wherever the app quotes it: `[/]`, `[bold]` or `[link=x]` in a title,
an item, a setting or a file name is never read as markup (which showed it wrong, or crashed the app)."""

from __future__ import annotations

from datetime import date

from relmgr_tui import paths
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.gate import GateModal
from tests.ui.helpers import make_app, screen_text, toast_texts, wait_for

SIZE = (120, 36)
HOSTILE = "[/] sign-off by [bold]ops[/bold], see [link=x]runbook"


def hostile_release(app) -> tuple[int, int]:
    """Release 9.0.0 titled and with a required Planning item in HOSTILE words: (release id, item id)."""
    release = app.service.create_release("9.0.0", HOSTILE, "minor", "waterfall", "ana", date(2026, 12, 1), "")
    item = app.service.add_item(release.id, Phase.PLANNING, HOSTILE, True, "ops")
    return release.id, item.id


async def test_undo_notification_quotes_the_item_as_typed(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    _, item_id = hostile_release(app)
    with app.service.made_from("board"):  # as if ticked on the board, where `u` then undoes it directly
        app.service.set_done(item_id, True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert toast_texts(app) == [f"Undid: tick '{HOSTILE}' on 9.0.0"]
        app.clear_notifications()
        await pilot.press("ctrl+c")  # Textual's own hint is markup: said plainly too
        await pilot.pause()
        assert toast_texts(app) == ["Do you want to quit?\nPress ctrl+q to quit the app."]
    assert not app.service.item(item_id).done


async def test_conflict_message_quotes_the_item_as_typed(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    _, item_id = hostile_release(app)
    with app.service.made_from("board"):  # as if ticked on the board, where `u` then undoes it directly
        app.service.set_done(item_id, True)
    other = Store.open(str(db_path))
    try:
        Service(other, app.service.templates, who="bo", clock=clock).set_done(item_id, False)
    finally:
        other.close()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("u")
        await pilot.pause()
        [toast] = toast_texts(app)
    assert toast.startswith(f"Changed in another terminal\nCannot undo 'tick '{HOSTILE}'': bo changed it")


async def test_palette_shows_titles_as_typed_and_finds_brackets(db_path, clock):
    app = make_app(db_path, clock)  # 2.3.7 is "Fix [bold red]urgent[/] ledger rounding"
    hostile_release(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"[/]")
        await wait_for(pilot, lambda: f"Open release 9.0.0 — {HOSTILE}" in screen_text(app))
        text = screen_text(app)
    assert "Open release 2.3.7 — Fix [bold red]urgent[/] ledger rounding" in text
    assert f"Open release 9.0.0 — {HOSTILE}" in text
    assert "Open release 2.4.0" not in text, "only titles with [/] match"


async def test_start_up_warnings_quote_settings_and_templates_as_typed(db_path, clock):
    paths.config_dir().mkdir(parents=True)
    paths.config_file().write_text('"[/] colour" = "[bold]red"\n', encoding="utf-8")
    paths.templates_file().write_text('"[link=x]" = 1\n', encoding="utf-8")
    app = make_app(db_path, clock, seed=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        config_warning, templates_warning = toast_texts(app)
    assert f"{paths.config_file()}: unknown setting '[/] colour'" in config_warning
    assert "unknown template set [[link=x]]" in templates_warning


async def test_dialogs_quote_titles_and_items_as_typed(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    hostile_release(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")  # the gate lists the open item
        await pilot.pause()
        assert isinstance(app.screen, GateModal)
        blockers = [str(line.render()) for line in app.screen.query(".blocker")]
        assert f"✗ Required Planning item not done: {HOSTILE}" in blockers
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert str(app.screen.query_one("#confirm-question").render()) == f"Delete release 9.0.0 {HOSTILE}?"


async def test_a_right_to_left_override_shows_as_its_escape_on_the_board_and_in_the_workspace(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    release = app.service.create_release("9.1.0", "ab\u202etxt.exe", "minor", "waterfall", "ana", None, "")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = screen_text(app)
        app.open_release(release.id)
        await pilot.pause()
        workspace_header = screen_text(app).splitlines()[0]
    assert "ab\\u202etxt.exe" in board and "\u202e" not in board
    assert "ab\\u202etxt.exe" in workspace_header and "\u202e" not in workspace_header
