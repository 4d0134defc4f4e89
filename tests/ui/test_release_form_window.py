"""The release form's deployment window: checked with its zone as it is typed, the problem said beside the
field, and saved with the release (at 80x24)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.ui.helpers import make_app, screen_text, wait_for
from tests.ui.test_board import focus_release


@pytest.fixture
def app(db_path: Path, clock):
    return make_app(db_path, clock)


async def test_a_bad_window_is_said_beside_the_field_and_a_good_one_is_saved(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"5.1.0")
        form = app.screen
        form.query_one("#window").value = "2026-12-15 01:00/2026-12-14 22:00"
        await pilot.pause()
        assert "✗ the window ends (2026-12-14 22:00) before it starts" in screen_text(app)
        form.query_one("#window").value = "2026-12-14 22:00/2026-12-15 01:00"
        form.query_one("#window_zone").value = "Mars/Olympus"
        await pilot.pause()
        assert "✗ unknown time zone 'Mars/Olympus'" in screen_text(app)
        await pilot.press("ctrl+s")
        await app.writes_settled()
        await pilot.pause()
        assert isinstance(app.screen, ReleaseFormModal), "the form stays open with what was typed"
        with pytest.raises(Exception, match="No release"):
            app.service.release("5.1.0")

        form.query_one("#window_zone").value = "Europe/London"
        await pilot.pause()
        assert "✗" not in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        window = app.service.release("5.1.0").window
        assert (window.start, window.end, window.zone) == (
            datetime(2026, 12, 14, 22, 0, tzinfo=UTC), datetime(2026, 12, 15, 1, 0, tzinfo=UTC), "Europe/London")


async def test_editing_shows_the_window_and_emptying_it_clears_it(app):
    from relmgr_tui.domain.schedule import parse_window

    release = app.service.release("1.9.2")
    with app.service.unrecorded():
        app.service.set_window(release.id, None, parse_window("2026-12-14 22:00/2026-12-15 01:00", "Europe/Paris"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await focus_release(pilot, "1.9.2")
        await pilot.press("e")
        assert app.screen.query_one("#window").value == "2026-12-14 22:00/2026-12-15 01:00"
        assert app.screen.query_one("#window_zone").value == "Europe/Paris"
        app.screen.query_one("#window").value = ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.service.release("1.9.2").window is None
