"""The calendar screen (`c`): releases on their windows, a freeze and a clash in words, the keys that move
the cursor and open a release, the freezes screen (`f`), and reading only the weeks around those shown."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from relmgr_tui.domain.calendar_grid import DayCell
from relmgr_tui.domain.model import Phase, ReleaseKind, ReleaseState
from relmgr_tui.domain.schedule import CalendarEntry, Window
from relmgr_tui.ui.screens.calendar import CalendarScreen
from relmgr_tui.ui.screens.freezes import FreezesScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.release_choice import ReleaseChoiceModal
from relmgr_tui.ui.widgets.calendar_view import day_lines
from tests.conftest import FixedClock
from tests.ui.helpers import make_app, screen_text, wait_for


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def seed_schedule(service) -> None:
    """2.4.0 and 3.0.0 deploy over the night of Monday 30 November (a clash); a code freeze on 7-9 December.
    The clock stands on Thursday 26 November 2026, 09:30 UTC."""
    for version, start, end in (("2.4.0", "2026-11-30 22:00", "2026-12-01 01:00"),
                                ("3.0.0", "2026-11-30 23:00", "2026-12-01 02:00")):
        release = service.release(version)
        service.set_window(release.id, release.row_version, Window(utc(start), utc(end), "UTC"))
    service.add_freeze("Code freeze", utc("2026-12-07 00:00"), utc("2026-12-10 00:00"), "Audit week")


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> Path:
    """The seeded board and schedule, built once: each test opens its own copy."""
    path = tmp_path_factory.mktemp("calendar") / "seeded.db"
    app = make_app(path, FixedClock())
    with app.service.unrecorded():
        seed_schedule(app.service)
    app.service.close()
    return path


@pytest.fixture
def calendar_app(seeded_file: Path, db_path: Path, clock):
    def build():
        shutil.copyfile(seeded_file, db_path)
        return make_app(db_path, clock, seed=False)

    return build


async def open_calendar(pilot) -> CalendarScreen:
    await pilot.pause()
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen) and pilot.app.screen.loaded is not None)
    await pilot.pause()
    return pilot.app.screen


def status(app) -> str:
    return str(app.screen.query_one("#calendar-status").render())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_the_calendar_shows_weeks_with_a_freeze_and_a_clash(snap_compare, calendar_app, size):
    assert snap_compare(calendar_app(), run_before=open_calendar, terminal_size=size)


async def test_releases_freezes_and_clashes_in_words_and_the_keys_that_move_at_80x24(calendar_app):
    app = calendar_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        text = screen_text(app)
        assert "23 Nov" in text and "7 Dec" in text  # three weeks at 80x24
        assert "⚠ clash" in text and "!2.4.0" in text and "!3.0.0" in text
        assert "❄ Code fre" in text
        assert "26 Nov ●" in text  # today
        assert status(app).startswith("Thu 26 Nov 2026 · no release")
        await pilot.press("l", "right", "j")
        assert status(app).startswith("Sat 05 Dec 2026 · no release")
        await pilot.press("h", "h", "left", "h", "down")
        assert status(app).startswith("Tue 08 Dec 2026 · no release · ❄ Code freeze freeze 07 Dec 00:00–10 Dec 00:00")
        await pilot.press("k", "up", "left")
        assert status(app).startswith("Mon 23 Nov 2026 · 2.3.7 (target date)")
        await pilot.press("t")
        assert status(app).startswith("Thu 26 Nov 2026")


async def test_enter_opens_the_days_release_or_a_list_of_them(calendar_app):
    app = calendar_app()
    service = app.service
    async with app.run_test(size=(120, 36)) as pilot:
        await open_calendar(pilot)
        await pilot.press("l", "l")  # Saturday 28 November: no release
        await pilot.press("enter")
        assert isinstance(app.screen, CalendarScreen)
        assert "No release on Sat 28 Nov" in screen_text(app)
        await pilot.press("l", "l")  # Monday 30 November: 2.4.0 and 3.0.0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseChoiceModal))
        assert "2 releases on Mon 30 Nov 2026" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        assert app.screen.release_id == service.release("3.0.0").id
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        service.set_window(service.release("3.0.0").id, None,
                           Window(utc("2026-12-02 10:00"), utc("2026-12-02 11:00"), "UTC"))
        app.data_changed()  # as another terminal's write arrives: the calendar reads again
        await wait_for(pilot, lambda: "!2.4.0" not in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        assert app.screen.release_id == service.release("2.4.0").id


async def test_the_visible_weeks_are_read_first_then_the_margins_and_moving_within_them_reads_nothing(calendar_app):
    app = calendar_app()
    async with app.run_test(size=(120, 36)) as pilot:
        reads = []
        read = app.service.calendar

        def counted(first, last):
            reads.append((first, last))
            return read(first, last)

        app.service.calendar = counted
        screen = await open_calendar(pilot)
        await wait_for(pilot, lambda: len(reads) == 3 and not screen.reading_margins)
        (first, last), before, after = reads
        assert (first, last) == screen.view.visible_days()  # the weeks shown, alone: the first frame waits for them
        assert before == (first - timedelta(weeks=2), first - timedelta(days=1))  # then two weeks either side
        assert after == (last + timedelta(days=1), last + timedelta(weeks=2))
        await pilot.press("j", "j", "l", "k")
        await pilot.pause()
        assert len(reads) == 3
        for _ in range(screen.view.week_count + 2):
            await pilot.press("j")
        await wait_for(pilot, lambda: screen.reading is None and not screen.reading_margins)
        assert len(reads) > 3 and all(first > after[1] for first, _ in reads[3:])  # only days not read before
        assert screen.loaded.covers(screen.view.visible_days()[0] - timedelta(weeks=2),
                                    screen.view.visible_days()[1] + timedelta(weeks=2))


@pytest.mark.slow
async def test_f_opens_the_freezes_where_a_freeze_is_added_removed_and_undone(calendar_app):
    app = calendar_app()
    service = app.service
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, FreezesScreen) and "Code freeze" in screen_text(app))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Year end", "tab", *"2026-12-21", "tab", *"2026-12-01", "tab", *"Staff away")
        await pilot.press("ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: "✗ the freeze ends" in screen_text(app))  # beside the field; nothing saved
        assert [f.name for f in service.freezes()] == ["Code freeze"]
        await pilot.press("shift+tab", *["backspace"] * 8, *"27-01-03", "ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: isinstance(app.screen, FreezesScreen) and "Year end" in screen_text(app))
        year_end = next(f for f in service.freezes() if f.name == "Year end")
        assert (year_end.starts, year_end.ends) == (utc("2026-12-21 00:00"), utc("2027-01-04 00:00"))
        assert "2027-01-03" in screen_text(app)  # the last day, included
        await pilot.press("u")  # off the board, undo takes back this screen's change at once
        await app.writes_settled()
        await wait_for(pilot, lambda: [f.name for f in service.freezes()] == ["Code freeze"])
        await wait_for(pilot, lambda: [f.name for f in app.screen.table.rows] == ["Code freeze"])
        await pilot.press("e")
        await wait_for(pilot, lambda: "Edit freeze Code freeze" in screen_text(app))
        await pilot.press("tab", "tab", "tab", "end", *" and audit", "tab", "end", *" patch", "ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: "emergency…" in screen_text(app))  # the list shows the edit
        [edited] = service.freezes()
        assert edited.reason == "Audit week and audit" and {k.value for k in edited.exempt_kinds} == {"emergency", "patch"}
        await pilot.press("d")
        await wait_for(pilot, lambda: "Remove the freeze Code freeze?" in screen_text(app))
        await pilot.press("y")
        await app.writes_settled()
        await wait_for(pilot, lambda: service.freezes() == [] and "No change freeze" in screen_text(app))


async def test_what_a_move_or_a_read_redraws_is_what_a_whole_redraw_shows(calendar_app):
    """The view redraws only the weeks a move or a read changed: each step shows what drawing every line
    anew shows (the cursor left nowhere behind, no week stale after the weeks move up or down)."""
    app = calendar_app()
    service = app.service

    async def redrawn_whole() -> str:
        app.screen.view._forget()  # the view's own "draw every line again"
        await pilot.pause()
        return screen_text(app)

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        for keys in (["l"], ["j"], ["h", "k"], ["j"] * (screen.view.week_count + 1), ["k"] * 3, ["t"]):
            await pilot.press(*keys)
            await wait_for(pilot, lambda: screen.reading is None and not screen.reading_margins)
            await pilot.pause()
            shown = screen_text(app)
            assert shown == await redrawn_whole(), keys
        service.set_window(service.release("3.0.0").id, None,
                           Window(utc("2026-12-02 10:00"), utc("2026-12-02 11:00"), "UTC"))
        app.data_changed()
        await wait_for(pilot, lambda: "!2.4.0" not in screen_text(app))
        assert "3.0.0" in screen_text(app)
        assert screen_text(app) == await redrawn_whole()


def test_a_day_box_shows_whole_versions_and_a_title_only_where_it_says_something():
    """At 80 columns a box has 10 or 11 cells: the version comes whole (or by its distinctive end), and a
    title cut to two letters ('Se…') is left out."""
    def entry(release_id: int, version: str, title: str) -> CalendarEntry:
        return CalendarEntry(release_id, version, title, "ana", ReleaseKind.PATCH, Phase.DEPLOYING,
                             ReleaseState.ACTIVE, None, date(2026, 12, 1))

    cell = DayCell(date(2026, 12, 1), (entry(1, "156.24.4-hotfix.131", "Checkout"), entry(2, "3.2.0", "Search"),
                                       entry(3, "3.10.12", "Ledger")), clashing=frozenset({1}))
    assert [text for text, _ in day_lines(cell, 11)] == ["⚠ clash", "!…otfix.131", " 3.2.0", " 3.10.12"]
    assert [text for text, _ in day_lines(cell, 16)] == ["⚠ clash", "!…4.4-hotfix.131", " 3.2.0 Search",
                                                         " 3.10.12 Ledger"]
