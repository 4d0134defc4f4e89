"""The demo's schedule: deployment windows on the target day, milestones (a few slipped), a year-end freeze.

Drawn from the release's id and plan, not from the random stream, so adding the schedule left every other
demo value as it was for a seed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from relmgr_tui.demo.plans import Plan
from relmgr_tui.domain.model import PHASES, Phase

ZONE = "Europe/London"
SCHEDULED_FROM = Phase.TESTING
"""Releases from Testing on have a window; earlier ones have only a target date."""
SLIPPING = 7
"""One board release in SLIPPING is past the planned end of the phase it is still in."""


def window_columns(plan: Plan, release_id: int) -> dict[str, Any]:
    """A window of one to three hours from 21:00, 22:00 or 23:00 UTC on the target day, given in London
    (the same time in winter), for board releases from Testing on. The archive keeps its target dates only:
    eighteen thousand windows would cost its listing a fifth more, for history nobody plans."""
    if not plan.on_board or plan.phase.index < SCHEDULED_FROM.index:
        return {"window_start": None, "window_end": None, "window_zone": None}
    day = plan.target_date
    start = datetime(day.year, day.month, day.day, 21 + release_id % 3, tzinfo=UTC)
    return {"window_start": start, "window_end": start + timedelta(hours=1 + release_id % 3), "window_zone": ZONE}


def milestone_rows(plan: Plan, release_id: int) -> list[dict[str, Any]]:
    """The planned end of the phase a board release is in and of those after it, three days apart up to
    the target date (today at the earliest); one in SLIPPING planned its current phase to end days ago."""
    if not plan.on_board:
        return []
    today = plan.ends_at.date()
    rows = []
    for phase in PHASES[plan.phase.index:]:
        planned = max(today, plan.target_date - timedelta(days=3 * (Phase.DEPLOYING.index - phase.index)))
        if phase is plan.phase and release_id % SLIPPING == 0:
            planned = today - timedelta(days=1 + release_id % 5)
        rows.append({"release_id": release_id, "phase": phase.value, "planned": planned})
    return rows


def year_end_freeze(now: datetime) -> dict[str, Any]:
    """'Year end' from 20 December to 4 January (the one under way, else the next), emergencies exempt."""
    year = now.year if now.date() > date(now.year, 1, 4) else now.year - 1
    return {"name": "Year end", "starts": datetime(year, 12, 20, tzinfo=UTC),
            "ends": datetime(year + 1, 1, 5, tzinfo=UTC), "reason": "Change freeze over the holidays",
            "exempt_kinds": "emergency", "row_version": 1, "zone": ZONE}
