"""The calendar's layout on hand-built spans: which day each release, freeze, holiday and clash is on."""

from __future__ import annotations

from datetime import UTC, date, datetime

from relmgr_tui.domain.calendar_grid import joined, layout, monday, unread, within
from relmgr_tui.domain.model import Phase, ReleaseKind, ReleaseState
from relmgr_tui.domain.schedule import CalendarEntry, CalendarSpan, Freeze, Window

LONDON = "Europe/London"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def entry(release_id: int, window: tuple[str, str] | None = None, target: date | None = None,
          owner: str = "alice") -> CalendarEntry:
    shown = Window(utc(window[0]), utc(window[1]), LONDON) if window else None
    return CalendarEntry(release_id, f"1.{release_id}.0", f"Release {release_id}", owner, ReleaseKind.MINOR,
                         Phase.PREPARING, ReleaseState.ACTIVE, shown, target)


def span(*entries: CalendarEntry, freezes=(), holidays=(), zone: str = LONDON) -> CalendarSpan:
    return CalendarSpan(date(2026, 12, 7), date(2027, 1, 3), tuple(entries), tuple(freezes), tuple(holidays), zone)


def ids(grid, day: date) -> list[int]:
    return [e.release_id for e in grid.cell(day).entries]


def test_weeks_start_on_monday() -> None:
    assert monday(date(2026, 12, 13)) == date(2026, 12, 7)  # a Sunday
    assert monday(date(2026, 12, 7)) == date(2026, 12, 7)


def test_a_window_over_midnight_covers_both_days_and_one_ending_at_midnight_does_not_reach_the_next() -> None:
    grid = layout(span(entry(1, ("2026-12-14 22:00", "2026-12-15 01:00")),
                       entry(2, ("2026-12-16 20:00", "2026-12-17 00:00"))))
    assert ids(grid, date(2026, 12, 14)) == [1]
    assert ids(grid, date(2026, 12, 15)) == [1]
    assert ids(grid, date(2026, 12, 16)) == [2]
    assert ids(grid, date(2026, 12, 17)) == []


def test_days_are_the_spans_zone_not_utc() -> None:
    """23:30 UTC on the 14th is already the 15th in Tokyo."""
    grid = layout(span(entry(1, ("2026-12-14 23:30", "2026-12-14 23:50")), zone="Asia/Tokyo"))
    assert ids(grid, date(2026, 12, 14)) == []
    assert ids(grid, date(2026, 12, 15)) == [1]


def test_without_a_window_a_release_shows_on_its_target_date_and_windows_come_first() -> None:
    grid = layout(span(entry(5, target=date(2026, 12, 9)), entry(3, ("2026-12-09 10:00", "2026-12-09 11:00")),
                       entry(4)))
    assert ids(grid, date(2026, 12, 9)) == [3, 5]
    assert grid.release_count() == 2  # the release with neither shows nowhere


def test_a_freeze_covers_the_days_it_overlaps_in_the_users_zone() -> None:
    year_end = Freeze(1, "Year end", utc("2026-12-21 00:00"), utc("2026-12-24 00:00"), "", frozenset(), 1)
    grid = layout(span(freezes=[year_end]))
    frozen = [d for d, cell in grid.cells.items() if cell.freezes]
    assert frozen == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)]
    assert grid.cell(date(2026, 12, 21)).freezes[0].name == "Year end"


def test_holidays_are_named_on_their_day() -> None:
    grid = layout(span(holidays=[(date(2026, 12, 25), "Christmas Day")]))
    assert grid.cell(date(2026, 12, 25)).holiday == "Christmas Day"
    assert grid.cell(date(2026, 12, 24)).holiday is None


def test_a_clash_is_flagged_on_the_days_the_windows_overlap_only() -> None:
    grid = layout(span(entry(1, ("2026-12-14 20:00", "2026-12-16 02:00")),
                       entry(2, ("2026-12-15 23:00", "2026-12-16 01:00")),
                       entry(3, ("2026-12-14 08:00", "2026-12-14 09:00"))))
    assert not grid.cell(date(2026, 12, 14)).clash
    assert grid.cell(date(2026, 12, 15)).clashing == {1, 2}
    assert grid.cell(date(2026, 12, 16)).clashing == {1, 2}
    assert not grid.cell(date(2026, 12, 17)).clash


def test_entries_outside_the_span_are_left_out_and_days_outside_are_empty() -> None:
    grid = layout(span(entry(1, ("2027-01-03 22:00", "2027-01-04 02:00"))))
    assert ids(grid, date(2027, 1, 3)) == [1]
    assert date(2027, 1, 4) not in grid.cells
    assert grid.cell(date(2027, 1, 4)).entries == ()
    assert grid.covers(date(2026, 12, 7), date(2026, 12, 20))
    assert not grid.covers(date(2026, 12, 28), date(2027, 1, 10))
    assert [c.day for c in grid.week(date(2026, 12, 28))][-1] == date(2027, 1, 3)


def test_a_clash_ending_at_midnight_is_not_flagged_on_the_next_day() -> None:
    grid = layout(span(entry(1, ("2026-12-17 20:00", "2026-12-18 00:00")),
                       entry(2, ("2026-12-17 21:00", "2026-12-18 00:00"))))
    assert grid.cell(date(2026, 12, 17)).clashing == {1, 2}
    assert not grid.cell(date(2026, 12, 18)).clash


def test_weeks_read_apart_join_into_the_grid_of_one_read_and_the_days_not_held_are_named() -> None:
    """The calendar reads the visible weeks, then the weeks either side: joined, they hold what one read of
    the whole span holds, a window over the Sunday night between two reads and its clash included."""
    entries = (entry(1, ("2026-12-13 22:00", "2026-12-14 02:00")), entry(2, ("2026-12-13 23:00", "2026-12-14 01:00")),
               entry(3, target=date(2026, 12, 22)))

    def read(first: date, last: date):
        return layout(CalendarSpan(first, last, entries, (), (), LONDON))

    whole = read(date(2026, 12, 7), date(2027, 1, 3))
    shown = read(date(2026, 12, 14), date(2026, 12, 27))
    assert unread(shown, date(2026, 12, 7), date(2027, 1, 3)) == [(date(2026, 12, 7), date(2026, 12, 13)),
                                                                  (date(2026, 12, 28), date(2027, 1, 3))]
    assert unread(shown, date(2026, 12, 14), date(2026, 12, 20)) == []
    assert unread(shown, date(2027, 2, 1), date(2027, 2, 7)) == [(date(2027, 2, 1), date(2027, 2, 7))]
    assert unread(None, date(2026, 12, 14), date(2026, 12, 20)) == [(date(2026, 12, 14), date(2026, 12, 20))]

    grid = shown
    for first, last in unread(shown, date(2026, 12, 7), date(2027, 1, 3)):
        grid = joined(grid, read(first, last))
    assert grid == whole
    assert grid.cell(date(2026, 12, 13)).clashing == grid.cell(date(2026, 12, 14)).clashing == {1, 2}

    far = read(date(2027, 3, 1), date(2027, 3, 7))
    assert joined(grid, far) == far  # apart: the new read alone
    kept = within(grid, date(2026, 12, 14), date(2026, 12, 20))
    assert (kept.first_day, kept.last_day, sorted(kept.cells)[0]) == (date(2026, 12, 14), date(2026, 12, 20),
                                                                      date(2026, 12, 14))
