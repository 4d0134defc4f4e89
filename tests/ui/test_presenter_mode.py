"""Presenter mode from the palette: on, every key that writes leaves the footer and the help and does
nothing; off again after a yes. A relmgr started `--read-only` cannot be switched to writing from inside."""

from __future__ import annotations

from relmgr_tui.bootstrap import create_app
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.help import HelpScreen
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.ui.helpers import make_app, screen_text, seed_board, wait_for

SIZE = (120, 36)
WRITE_KEYS_SHOWN = ("n New", "e Edit", "d Delete", "> Advance", "u Undo")


def footer(app) -> str:
    return screen_text(app).splitlines()[-1 - len(app.notified)]


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p", *words)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def help_text(pilot) -> str:
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    text = str(pilot.app.screen.query_one("#help-text").render())
    await pilot.press("escape")
    return text


async def test_presenter_mode_on_hides_and_refuses_writes_and_off_asks_first(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert all(key in footer(app) for key in ("n New", "d Delete")), footer(app)
        assert "Delete" in await help_text(pilot)

        await palette(pilot, "presenter")
        assert app.service.read_only and "READ-ONLY" in screen_text(app)
        assert not any(key in footer(app) for key in WRITE_KEYS_SHOWN), footer(app)
        assert "⏎ Open" in footer(app) and "/ Filter" in footer(app), "reading keys stay"
        help_shown = await help_text(pilot)
        assert "Delete" not in help_shown and "Tick" not in help_shown and "Open" in help_shown
        await pilot.press("n", "d", "greater_than_sign")
        await pilot.pause()
        assert not isinstance(app.screen, (ReleaseFormModal, ConfirmModal)), "no key that writes works"
        assert app.service.release("2.3.7").phase.value == "planning"

        await palette(pilot, "presenter mode off")
        assert isinstance(app.screen, ConfirmModal), "switching off asks first"
        await pilot.press("n")
        assert app.service.read_only
        await palette(pilot, "presenter mode off")
        await pilot.press("y")
        await pilot.pause()
        assert not app.service.read_only
        assert "n New" in footer(app) and "READ-ONLY" not in screen_text(app)


async def test_started_read_only_it_stays_read_only_and_says_why(db_path, clock):
    seeding = create_app(str(db_path), clock=clock, who="alice")
    seed_board(seeding.service)
    seeding.service.close()
    app = create_app(str(db_path), clock=clock, who="alice", read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not any(key in footer(app) for key in WRITE_KEYS_SHOWN), footer(app)
        await palette(pilot, "presenter mode off")
        assert not isinstance(app.screen, ConfirmModal)
        assert app.service.read_only
        assert "relmgr was started read-only (--read-only): that cannot be switched off from inside" in \
            screen_text(app)


async def test_a_screenshot_that_cannot_be_saved_says_where_and_why(db_path, clock, tmp_path, monkeypatch):
    missing = tmp_path / "no such folder"
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(missing))
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await palette(pilot, "screenshot")
        await wait_for(pilot, lambda: app.notified)
        assert list(app.notified) == [f"Screenshot not saved: {missing}: No such file or directory. Create that folder"
                                " or make it writable."]
        missing.mkdir()
        await palette(pilot, "screenshot")
        await wait_for(pilot, lambda: len(app.notified) == 2)
        [saved] = missing.iterdir()
        assert app.notified[1] == f"Screenshot saved to {saved}"
