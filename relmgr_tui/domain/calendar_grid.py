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

from relmgr_tui.domain.schedule import CalendarEntry, CalendarSpan, Freeze, Window, clashes, span_bounds

WEEK = timedelta(days=7)
DAY = timedelta(days=1)
INSTANT = timedelta(microseconds=1)
"""A window's last day is the day of its last instant, not of its end: 00:00 is the next day's start."""


def monday(day: date) -> date:
    """The Monday of `day`'s week: every row of the calendar starts on one."""
    return day - timedelta(days=day.weekday())


def weeks_from(first_monday: date, count: int) -> tuple[date, date]:
    """The first and last day of `count` weeks from `first_monday`: the span to read for them."""
    return first_monday, first_monday + count * WEEK - DAY


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


def layout(span: CalendarSpan) -> CalendarGrid:
    """Every day of `span` with its releases, freezes, holiday and clashes."""
    zone = ZoneInfo(span.zone)
    days = list(_days(span.first_day, span.last_day))
    entries: dict[date, list[CalendarEntry]] = defaultdict(list)
    for entry in sorted(span.entries, key=_entry_order):
        for day in entry.days(zone):
            if span.first_day <= day <= span.last_day:
                entries[day].append(entry)
    clashing = _clash_days(span.entries, zone)
    holidays = dict(span.holidays)
    cells = {day: DayCell(day, tuple(entries[day]), _freezes_on(span.freezes, day, zone), holidays.get(day),
                          frozenset(clashing[day]))
             for day in days}
    return CalendarGrid(span.first_day, span.last_day, cells)


def window_days(start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[date]:
    """The days in `zone` that the time from `start` to `end` touches."""
    return _days(start.astimezone(zone).date(), (end - INSTANT).astimezone(zone).date())


def _freezes_on(freezes: Iterable[Freeze], day: date, zone: ZoneInfo) -> tuple[Freeze, ...]:
    """The freezes in force at any moment of `day` (23 or 25 hours long on a clock change)."""
    start, end = span_bounds(day, day, zone)
    return tuple(f for f in freezes if f.overlaps(start, end))


def _clash_days(entries: Iterable[CalendarEntry], zone: ZoneInfo) -> dict[date, set[int]]:
    """For each day, the releases whose windows overlap another's during that day."""
    days: dict[date, set[int]] = defaultdict(set)
    for first, second in clashes(tuple(entries)):
        overlap = _overlap(first.window, second.window)
        if overlap is None:
            continue
        for day in window_days(*overlap, zone):
            days[day].update((first.release_id, second.release_id))
    return days


def _overlap(a: Window | None, b: Window | None) -> tuple[datetime, datetime] | None:
    if a is None or b is None:
        return None
    start, end = max(a.start, b.start), min(a.end, b.end)
    return (start, end) if start < end else None


def _entry_order(entry: CalendarEntry) -> tuple:
    """Windows by their start, then releases with only a target date, each by version."""
    start = entry.window.start if entry.window is not None else None
    return (start is None, start or datetime.min.replace(tzinfo=UTC), entry.version)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += DAY
