"""The calendar screen's layout: which releases, freezes, holidays and clashes fall on which day.

Pure and fast: one pass over a `CalendarSpan` (the releases, freezes and holidays of a few weeks, read by
`Service.calendar`) gives a `CalendarGrid` of days, Monday to Sunday in weeks, that the screen only
draws. Days are the user's days: a window from 22:00 to 01:00 in the span's zone covers two of them, and
a window ending at midnight does not reach into the next day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from relmgr_tui.domain.schedule import CalendarEntry, CalendarSpan, Freeze, span_bounds

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


def monday(day: date) -> date:
    """The Monday of `day`'s week: every row of the calendar starts on one."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class DayCell:
    """One day of the calendar: what the screen draws in its box, and what `enter` chooses from."""

    day: date
    entries: tuple[CalendarEntry, ...] = ()
    """The releases whose window covers the day or, without a window, whose target date it is."""
    freezes: tuple[Freeze, ...] = ()
    holiday: str | None = None
    clashing: frozenset[int] = frozenset()
    """The ids of the day's releases whose window overlaps another's on this day."""

    @property
    def clash(self) -> bool:
        return bool(self.clashing)


@dataclass(frozen=True)
class CalendarGrid:
    """The days of a span, in whole weeks (Monday first), each a `DayCell`."""

    first_day: date
    last_day: date
    cells: dict[date, DayCell]

    def cell(self, day: date) -> DayCell:
        return self.cells.get(day) or DayCell(day)

    def covers(self, first: date, last: date) -> bool:
        """The grid was read for every day from `first` to `last`: drawing them needs no new read."""
        return self.first_day <= first and last <= self.last_day

    def week(self, first_monday: date) -> tuple[DayCell, ...]:
        return tuple(self.cell(first_monday + n * DAY) for n in range(7))

    def release_count(self) -> int:
        return len({entry.release_id for cell in self.cells.values() for entry in cell.entries})


def joined(grid: CalendarGrid, other: CalendarGrid) -> CalendarGrid:
    """One grid of two that meet or overlap (`other`'s days win): what a day holds depends on that day
    alone, so weeks read apart join into the grid of one read. Apart, `other` alone."""
    if other.first_day > grid.last_day + DAY or grid.first_day > other.last_day + DAY:
        return other
    return CalendarGrid(min(grid.first_day, other.first_day), max(grid.last_day, other.last_day),
                        grid.cells | other.cells)


def within(grid: CalendarGrid, first: date, last: date) -> CalendarGrid:
    """The grid's days from `first` to `last` only (at most those it has): what is kept as the cursor moves on."""
    first, last = max(first, grid.first_day), min(last, grid.last_day)
    return CalendarGrid(first, last, {day: cell for day, cell in grid.cells.items() if first <= day <= last})


def unread(grid: CalendarGrid | None, first: date, last: date) -> list[tuple[date, date]]:
    """The spans of first..last the grid does not hold: none, the part before it, after it, or both (all of
    it when they do not meet)."""
    if grid is None or grid.first_day > last or grid.last_day < first:
        return [(first, last)]
    spans = [(first, grid.first_day - DAY)] if first < grid.first_day else []
    return spans + ([(grid.last_day + DAY, last)] if last > grid.last_day else [])


def layout(span: CalendarSpan) -> CalendarGrid:
    """Every day of `span` with its releases, freezes, holiday and clashes."""
    zone = ZoneInfo(span.zone)
    days = list(_days(span.first_day, span.last_day))
    entries: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in sorted(span.entries, key=_entry_order):
        for day in entry.days(zone):
            if span.first_day <= day <= span.last_day:
                entries[day].append(entry)
    holidays = dict(span.holidays)
    cells = {day: DayCell(day, tuple(entries[day]), _freezes_on(span.freezes, day, zone), holidays.get(day),
                          frozenset(_clashing_on(day, entries[day], zone)))
             for day in days}
    return CalendarGrid(span.first_day, span.last_day, cells)


def _freezes_on(freezes: Iterable[Freeze], day: date, zone: ZoneInfo) -> tuple[Freeze, ...]:
    """The freezes in force at any moment of `day` (23 or 25 hours long on a clock change)."""
    start, end = span_bounds(day, day, zone)
    return tuple(f for f in freezes if f.overlaps(start, end))


def _clashing_on(day: date, entries: Iterable[CalendarEntry], zone: ZoneInfo) -> set[int]:
    """The releases whose windows overlap another's during `day`: one sweep over the day's windows, in
    order of start (the demo's busiest weeks hold thousands of overlapping pairs; a day, a few dozen)."""
    day_start, day_end = span_bounds(day, day, zone)
    windows = sorted((max(e.window.start, day_start), min(e.window.end, day_end), e.release_id)
                     for e in entries if e.window is not None)
    clashing: set[int] = set()
    running: list[tuple[datetime, int]] = []
    for start, end, release_id in windows:
        running = [(until, other) for until, other in running if until > start]
        if running:
            clashing.add(release_id)
            clashing.update(other for _, other in running)
        running.append((end, release_id))
    return clashing


def _entry_order(entry: CalendarEntry) -> tuple:
    """Windows by their start, then releases with only a target date, each by version."""
    start = entry.window.start if entry.window is not None else None
    return (start is None, start or datetime.min.replace(tzinfo=UTC), entry.version)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += DAY
