"""The archive: a finished release reads as finished (early or late, no blockers, no OVERDUE), `/` searches
version, title, owner and state, and `s` sorts by the day it was released or closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui.ui.screens.archive import ArchiveScreen
from tests.ui.helpers import make_app, screen_text, tick_phase


def archived_app(db_path: Path, clock):
    """The seeded board with 2.2.0 released (10 days after its target) and 2.4.0 cancelled."""
    app = make_app(db_path, clock)
    service = app.service
    with service.unrecorded():
        service.transition(service.release("2.4.0").id, "cancel", "budget moved to Q2")
        shipped = service.release("2.2.0")
        tick_phase(service, shipped.id)
        service.advance(shipped.id)
    return app


async def open_archive(pilot) -> None:
    await pilot.pause()
    await pilot.press("a")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(app) -> list[str]:
    return [line.replace("▌", " ").split()[0] for line in screen_text(app).splitlines()[2:]
            if line.strip() and line.replace("▌", " ").split()[0][:1].isdigit() and " · " not in line]


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_a_released_release_reads_early_or_late_without_blockers_or_overdue(snap_compare, db_path, clock, size):
    assert snap_compare(archived_app(db_path, clock), run_before=open_archive, terminal_size=size)


async def test_the_archive_says_how_each_release_ended(db_path, clock):
    app = archived_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_archive(pilot)
        text = screen_text(app)
        assert "2.2.0 · Search relevance tuning · released 10 days late" in text
        assert "cancelled: budget moved" in text
        assert "OVERDUE" not in text and "blocker" not in text and "LATE" not in text
        assert "O Reopen" in text, "the archive's footer offers Reopen"


async def test_slash_searches_version_title_owner_and_state_and_escape_clears_it(db_path, clock):
    app = archived_app(db_path, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_archive(pilot)
        await pilot.press("slash", *"cancel")
        await pilot.pause()
        assert listed(app) == ["2.4.0"]
        assert "Archive · 1 of 2 releases" in screen_text(app)
        await pilot.press(*["backspace"] * 6, *"eli")  # 2.2.0's owner
        await pilot.pause()
        assert listed(app) == ["2.2.0"]
        await pilot.press(*["backspace"] * 3, *"nothing like it")
        await pilot.pause()
        assert listed(app) == [] and "No archived release matches 'nothing like it'" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert sorted(listed(app)) == ["2.2.0", "2.4.0"] and "Archive · 2 releases" in screen_text(app)
        assert isinstance(app.screen, ArchiveScreen)


async def test_s_sorts_by_the_released_day_after_created(db_path, clock):
    app = archived_app(db_path, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_archive(pilot)
        assert "sorted by Closed ↓" in screen_text(app)
        for _ in range(7):  # Closed -> Version -> ... -> Created -> Released
            await pilot.press("s")
        await pilot.pause()
        assert "sorted by Released ↓" in screen_text(app)
        assert listed(app) == ["2.2.0", "2.4.0"], "a release that never shipped sorts last, newest first"
        await pilot.press("r")
        await pilot.pause()
        assert listed(app) == ["2.4.0", "2.2.0"]
