"""The calendar's reads: the releases of a few weeks, through the window and target-date indexes.

Two index range reads of the eleven columns a `CalendarEntry` needs, never a whole release row. The
state (cancelled and rolled-back releases are not shown) is checked on the rows read, not in SQL: with a
state condition SQLite's planner, without table statistics, prefers `ix_release_state_phase` and walks
the sixteen thousand released rows of the 20k demo instead of a few weeks of windows
(`tests/store/test_calendar_query.py` reads the plans).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from relmgr_tui.domain.errors import UnreadableRow
from relmgr_tui.domain.model import BOARD_STATES, ReleaseState
from relmgr_tui.domain.schedule import LONGEST_WINDOW, CalendarEntry
from relmgr_tui.store.rows import to_calendar_entry
from relmgr_tui.store.tables import ReleaseRow

SHOWN_STATES = frozenset(s.value for s in (*BOARD_STATES, ReleaseState.RELEASED))
"""The calendar shows what is planned and what shipped; cancelled and rolled-back releases are left out."""

ENTRY_COLUMNS = ("id", "version", "title", "owner", "kind", "phase", "state", "target_date",
                 "window_start", "window_end", "window_zone")
"""The release columns a CalendarEntry is made of."""


def _entry_columns() -> list[Any]:
    """The columns as the driver returns them, for the checked conversion of rows.to_calendar_entry."""
    table = ReleaseRow.__table__.c
    return [type_coerce(table[name], NullType()).label(name) for name in ENTRY_COLUMNS]


def windows_query(start: datetime, end: datetime) -> Select:
    """Releases whose window overlaps [start, end), by `ix_release_window_start`: a window lasts at most
    LONGEST_WINDOW, so one that overlaps the span starts after start minus that."""
    return select(*_entry_columns()).where(
        ReleaseRow.window_start >= start - LONGEST_WINDOW, ReleaseRow.window_start < end,
        ReleaseRow.window_end > start)


def dated_query(first_day: date, last_day: date) -> Select:
    """Releases whose target date is from first_day to last_day, by `ix_release_target_date` (those with a
    window among them are placed on it instead, by `windows_query`)."""
    return select(*_entry_columns()).where(ReleaseRow.target_date >= first_day, ReleaseRow.target_date <= last_day)


def shown(values: Any) -> bool:
    """A row the calendar shows: on the board or released."""
    return values["state"] in SHOWN_STATES


def shown_undated(values: Any) -> bool:
    """A row of `dated_query` placed on its target date: shown, and without a window."""
    return shown(values) and values["window_start"] is None and values["window_zone"] is None


def entries(session: Session, query: Select, wanted: Callable[[Any], bool], skipped: list[str]) -> list[CalendarEntry]:
    """The calendar entries of the rows `query` reads that are `wanted`; the problem of each row this relmgr
    cannot read goes into `skipped` (as `Reader.readable` does): one bad row must not hide the others."""
    found = []
    for values in session.execute(query):
        row = values._mapping
        try:
            if wanted(row):
                found.append(to_calendar_entry(row))
        except UnreadableRow as exc:
            skipped.append(exc.problem)
    return found


def entry_order(entry: CalendarEntry) -> tuple[datetime, str]:
    """By window start (or the start of the target date, UTC), then version."""
    when = entry.window.start if entry.window else datetime.combine(entry.target_date, time.min, UTC)
    return when, entry.version
