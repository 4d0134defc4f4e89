"""Milestones planned against done, from hand-built audit events: the words the workspace header says."""

from __future__ import annotations

from datetime import UTC, date, datetime

from relmgr_tui.domain.milestones import one_line, phase_exits, progress, slip_days, words
from relmgr_tui.domain.model import Event, Methodology, Milestone, Phase, Release, ReleaseKind, ReleaseState

TODAY = date(2026, 12, 16)


def release(phase: Phase, state: ReleaseState = ReleaseState.ACTIVE) -> Release:
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    return Release(1, "2.4.0", "Payments", ReleaseKind.MINOR, Methodology.WATERFALL, phase, state, "ana", None, "",
                   moment, moment)


def move(event_id: int, day: str, old: str, new: str, action: str = "release.advance") -> Event:
    return Event(event_id, datetime.fromisoformat(day).replace(tzinfo=UTC), "ana", 1, "2.4.0", action, old, new)


PLAN = (Milestone(Phase.TESTING, date(2026, 12, 10)), Milestone(Phase.BUILDING, date(2026, 12, 1)),
        Milestone(Phase.PREPARING, date(2026, 12, 20)))
LOG = [move(3, "2026-12-13 09:00", "testing", "preparing"), move(2, "2026-11-30 16:00", "building", "testing"),
       move(1, "2026-11-20 10:00", "planning", "building")]


def test_the_latest_move_out_of_a_phase_is_when_it_was_done() -> None:
    log = [move(1, "2026-12-05 10:00", "testing", "preparing"), move(2, "2026-12-06 10:00", "preparing", "testing",
                                                                     "release.back"),
           move(3, "2026-12-13 10:00", "testing", "preparing", "release.override")]
    assert phase_exits(log, UTC) == {Phase.TESTING: date(2026, 12, 13)}


def test_words_say_planned_done_and_the_slip_in_days() -> None:
    steps = progress(release(Phase.PREPARING), PLAN, LOG, UTC)
    assert [words(s, TODAY) for s in steps] == [
        "Building: planned 12-01, done 11-30, on time",
        "Testing: planned 12-10, done 12-13, 3 days late",
        "Preparing: planned 12-20, 4 days left",
    ]


def test_the_current_phase_slips_once_its_day_is_past() -> None:
    steps = progress(release(Phase.TESTING), PLAN, LOG[1:], UTC)
    assert words(steps[1], TODAY) == "Testing: planned 12-10, 6 days late"
    assert words(steps[2], TODAY) == "Preparing: planned 12-20"
    assert slip_days(date(2026, 12, 10), None, TODAY) == 6
    assert slip_days(date(2026, 12, 10), date(2026, 12, 9), TODAY) == 0


def test_a_move_out_of_a_phase_that_was_undone_is_not_done() -> None:
    """Moved back into Testing: its milestone is the current one again, whatever the log says."""
    steps = progress(release(Phase.TESTING), PLAN, LOG, UTC)
    assert not steps[1].passed and steps[1].current


def test_one_line_fits_80_columns_by_shortening_the_other_milestones() -> None:
    steps = progress(release(Phase.PREPARING), PLAN, LOG, UTC)
    line = one_line(steps, TODAY, 110)
    assert len(line) <= 110
    assert "Preparing: planned 12-20, 4 days left" in line
    assert "Testing 12-10 ✓12-13 +3d" in line
    assert one_line(steps, TODAY, 78) == "Milestones Building 12-01 ✓11-30 · Testing 12-10 ✓12-13 +3d · Preparing 12-20"
    assert one_line(steps, TODAY, 60) == "Milestones Testing 12-10 ✓12-13 +3d · Preparing 12-20"
    assert one_line((), TODAY, 78) == ""
