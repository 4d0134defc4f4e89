"""The schedule's reads: the calendar's span (windows and target dates), freezes, milestones in the detail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Milestone, Phase, ReleaseKind
from relmgr_tui.domain.schedule import parse_window
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from relmgr_tui.domain import templates


@pytest.fixture
def london(store: Store, clock) -> Service:
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=False,
                   timezone=ZoneInfo("Europe/London"), holiday_country="GB")


def test_the_calendar_places_windows_and_target_dates_of_its_span_only(london: Service) -> None:
    windowed = london.create_release("1.0.0", "Checkout", owner="ana", target_date="2027-03-01")
    london.set_window(windowed.id, None, parse_window("2026-12-14 22:00/2026-12-15 01:00", "Europe/London"))
    dated = london.create_release("2.0.0", "Ledger", target_date="2026-12-16")
    london.create_release("3.0.0", "Later", target_date="2027-01-20")
    cancelled = london.create_release("4.0.0", "Dropped", target_date="2026-12-16")
    london.transition(cancelled.id, "cancel", "no longer needed")

    span = london.calendar(date(2026, 12, 14), date(2026, 12, 27))

    assert [e.version for e in span.entries] == ["1.0.0", "2.0.0"]
    assert span.entries[0].window.start == datetime(2026, 12, 14, 22, 0, tzinfo=UTC)
    assert span.zone == "Europe/London"
    assert (date(2026, 12, 25), "Christmas Day") in span.holidays


def test_freezes_are_listed_and_the_calendar_holds_those_overlapping_it(london: Service) -> None:
    year_end = london.add_freeze("Year end", datetime(2026, 12, 20, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC),
                                 "quiet period")
    london.add_freeze("Spring", datetime(2027, 4, 1, tzinfo=UTC), datetime(2027, 4, 3, tzinfo=UTC))

    assert [f.name for f in london.freezes()] == ["Year end", "Spring"]
    assert year_end.exempt_kinds == frozenset({ReleaseKind.EMERGENCY})
    assert london.calendar(date(2026, 12, 14), date(2026, 12, 27)).freezes == (year_end,)


def test_the_detail_carries_the_milestones_in_phase_order(london: Service) -> None:
    release = london.create_release("1.0.0")
    london.set_milestone(release.id, Phase.PREPARING, date(2026, 12, 12))
    london.set_milestone(release.id, "testing", "2026-12-10")

    assert london.detail(release.id).milestones == (
        Milestone(Phase.TESTING, date(2026, 12, 10)), Milestone(Phase.PREPARING, date(2026, 12, 12)))


def test_a_reversed_calendar_span_is_refused(london: Service) -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        london.calendar(date(2026, 12, 14), date(2026, 12, 1))
