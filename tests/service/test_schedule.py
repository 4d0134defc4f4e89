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
    london.create_release("2.0.0", "Ledger", target_date="2026-12-16")
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


# -- the writes: audited, and what a go/no-go meeting saw ------------------------------------------

def test_a_new_window_or_milestone_makes_an_unused_decision_stale_and_says_what_changed(tracked: Service) -> None:
    from relmgr_tui.domain.model import Attendee, Vote

    release = tracked.create_release("1.0.0")
    tracked.record_decision(release.id, "go", [Attendee("ana", "QA", Vote.GO)], "fine")
    tracked.set_window(release.id, None, parse_window("2026-12-14 22:00/2026-12-15 01:00", "UTC"))
    detail = tracked.detail(release.id)
    assert detail.decisions[0].is_stale(detail.release)
    status = tracked.decision_statuses(detail)[detail.decisions[0].id]
    assert "changed the deployment window '2026-12-14 22:00 → 2026-12-15 01:00 UTC'" in status

    tracked.undo()
    detail = tracked.detail(release.id)
    tracked.record_decision(release.id, "go", [Attendee("ana", "QA", Vote.GO)], "again")
    tracked.set_milestone(release.id, "testing", "2026-12-10")
    detail = tracked.detail(release.id)
    assert "changed a milestone 'testing: 2026-12-10'" in tracked.decision_statuses(detail)[detail.decisions[0].id]


def test_freeze_changes_are_in_the_audit_log(tracked: Service) -> None:
    freeze = tracked.add_freeze("Year end", datetime(2026, 12, 20, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC),
                                zone="UTC")
    tracked.edit_freeze(freeze.id, freeze.row_version, reason="quiet")
    tracked.remove_freeze(freeze.id, freeze.row_version + 1)
    assert [(e.action, e.old, e.new) for e in tracked.audit_log()] == [
        ("freeze.add", "", "Year end: 2026-12-20 → 2027-01-04 UTC (exempt: emergency)"),
        ("freeze.edit", "Year end: 2026-12-20 → 2027-01-04 UTC (exempt: emergency)",
         "Year end: 2026-12-20 → 2027-01-04 UTC (exempt: emergency); reason: quiet"),
        ("freeze.remove", "Year end: 2026-12-20 → 2027-01-04 UTC (exempt: emergency); reason: quiet", ""),
    ]


@pytest.mark.parametrize(("change", "words"), [
    ({"name": "  "}, "freeze name"),
    ({"starts": datetime(2027, 2, 1, tzinfo=UTC)}, "before it starts"),
    ({"name": "Spring"}, "named 'Spring' exists already"),
    ({"exempt_kinds": ["sometimes"]}, "exempt kind 'sometimes'"),
])
def test_a_bad_freeze_edit_is_refused_and_changes_nothing(tracked: Service, change, words) -> None:
    freeze = tracked.add_freeze("Year end", datetime(2026, 12, 20, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC))
    tracked.add_freeze("Spring", datetime(2027, 4, 1, tzinfo=UTC), datetime(2027, 4, 3, tzinfo=UTC))
    with pytest.raises(InvalidInput, match=words):
        tracked.edit_freeze(freeze.id, freeze.row_version, **change)
    assert tracked.freeze("year end") == freeze


def test_a_window_longer_than_a_week_is_refused(london: Service) -> None:
    with pytest.raises(InvalidInput, match="a window of 8 days is too long"):
        parse_window("2026-12-01 00:00/2026-12-09 00:00", "UTC")
