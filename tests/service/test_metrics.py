"""Each delivery metric on the hand-built history of metrics_history.py, worked out by hand here, on SQLite
and PostgreSQL. Period: 2026-10-27 00:00 UTC to FIXED_NOW (2026-11-26 09:30), 30 days, 5 weeks."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.metrics import LeadTime, Restore, Share
from relmgr_tui.domain.model import Phase
from tests.service.metrics_history import build


@pytest.mark.slow
def test_every_metric_on_a_hand_built_history(quick, clock) -> None:
    """One history for all the checks: writing it through the service costs about a second."""
    build(quick, clock)
    for check in (releases_per_week, lead_time_median_and_p90_by_kind, time_in_phase,
                  change_failure_rate_and_time_to_restore, on_time_rate, gate_overrides_and_risks_occurred,
                  one_kind, since_a_day_or_days):
        check(quick)


def releases_per_week(history) -> None:
    metrics = history.metrics(30)
    # Released in the period: A 11-08 21:00, B 11-07 09:00, C 11-19 09:00 (its fix-forward; the rollback
    # cleared the first), D 11-21 15:00 (rolled back, keeps its day). E (09-06) is before 10-27.
    # Whole days after 10-27 00:00: A 12, B 11 -> week 12 // 7 = 1; C 23, D 25 -> week 3.
    assert metrics.released == 4
    assert [(w.start, w.releases) for w in metrics.per_week] == [
        (date(2026, 10, 27), 0), (date(2026, 11, 3), 2), (date(2026, 11, 10), 0), (date(2026, 11, 17), 2),
        (date(2026, 11, 24), 0)]


def lead_time_median_and_p90_by_kind(history) -> None:
    # Created -> released: A 11-01 09:00 -> 11-08 21:00 = 7.5; B 10-20 -> 11-07 = 18; C 11-10 -> 11-19 = 9;
    # D 11-20 09:00 -> 11-21 15:00 = 1.25. All sorted: 1.25, 7.5, 9, 18: median rank ceil(0.5 * 4) = 2 ->
    # 7.5; p90 rank ceil(0.9 * 4) = 4 -> 18. Patch: 9, 18: ranks 1 and 2.
    assert history.metrics(30).lead_times == (
        LeadTime("all", 4, 7.5, 18.0), LeadTime("minor", 1, 7.5, 7.5), LeadTime("patch", 2, 9.0, 18.0),
        LeadTime("emergency", 1, 1.25, 1.25))


def time_in_phase(history) -> None:
    # Stays that ended in the period (days): Planning A 2, B 10 (10-20 -> 10-30, ended inside), C 1, D 0.25;
    # Building A 3, B 4, C 1, D 0.25; Testing A 1, B 2, C 1, D 0.25; Preparing A 1, B 1, C 1 and 2 (after
    # the reopen), D 0.25; Deploying A 0.5, B 1, C 1 and 1, D 0.25. E's stays ended in September.
    # Medians (nearest rank): Planning 0.25 1 2 10 -> rank 2 = 1; Preparing 0.25 1 1 1 2 -> rank 3 = 1.
    found = {t.phase: (t.stays, t.total_days, t.median_days) for t in history.metrics(30).phase_times}
    assert found == {
        Phase.PLANNING: (4, pytest.approx(13.25), pytest.approx(1.0)),
        Phase.BUILDING: (4, pytest.approx(8.25), pytest.approx(1.0)),
        Phase.TESTING: (4, pytest.approx(4.25), pytest.approx(1.0)),
        Phase.PREPARING: (5, pytest.approx(5.25), pytest.approx(1.0)),
        Phase.DEPLOYING: (5, pytest.approx(3.75), pytest.approx(1.0)),
    }


def change_failure_rate_and_time_to_restore(history) -> None:
    metrics = history.metrics(30)
    # Rolled back out of released in the period: C (11-15 21:00) and D (11-22 09:00), of 4 released = 50%.
    # C released again 11-19 09:00: 3.5 days after its rollback; D is not fixed forward.
    assert metrics.change_failure == Share(2, 4) and metrics.change_failure.percent == 50.0
    assert metrics.restore == Restore(rollbacks=2, fixed=1, median_days=pytest.approx(3.5))


def on_time_rate(history) -> None:
    # With a target: A (11-08 <= 11-12, on time), B (11-07 > 11-05, late), C (11-19 <= 11-20, on time);
    # D has none. 2 of 3 = 66.7%.
    on_time = history.metrics(30).on_time
    assert on_time == Share(2, 3) and on_time.percent == 66.7


def gate_overrides_and_risks_occurred(history) -> None:
    metrics = history.metrics(30)
    # Moves forward in the period: A 5, B 5 (the first on 10-30), C 7 (5 + 2 after the reopen), D 5 = 22.
    # Overrides (from Preparing on): A 2, B 2, C 4, D 2 = 10. Risks occurred: C and D (ended in the
    # period); E's ended on 09-06.
    assert metrics.overrides == Share(10, 22)
    assert metrics.risks_occurred == 2


def one_kind(history) -> None:
    # Patch only: B and C. Released 2; lead 9, 18; on time C of B, C; rolled back C of 2; C restored in
    # 3.5 days; moves B 5 + C 7 = 12, overrides 2 + 4 = 6; risk occurred C; Planning B 10 + C 1.
    metrics = history.metrics(30, kind="patch")
    assert (metrics.released, metrics.on_time, metrics.change_failure, metrics.overrides, metrics.risks_occurred) == (
        2, Share(1, 2), Share(1, 2), Share(6, 12), 1)
    assert metrics.lead_times == (LeadTime("all", 2, 9.0, 18.0), LeadTime("patch", 2, 9.0, 18.0))
    assert metrics.restore == Restore(1, 1, pytest.approx(3.5))
    assert metrics.phase_times[0].total_days == pytest.approx(11.0)


def since_a_day_or_days(history) -> None:
    # From 11-10: C (11-19) and D (11-21) released; "16d" is 11-10 too (11-26 minus 16 days).
    assert history.metrics(since="2026-11-10").released == 2
    assert history.metrics(since="16d").period == history.metrics(since="2026-11-10").period


@pytest.mark.parametrize(("since", "kind", "message"), [
    ("90 days", None, "--since '90 days' is neither a number of days nor a date: give e.g. 90d or 2026-09-01"),
    ("2026-12-01", None, "--since 2026-12-01 is in the future"),
    ("0d", None, "a period is at least one day"),
    ("30d", "huge", "--kind 'huge' is not a release kind: give one of major, minor, patch, emergency"),
])
def test_bad_period_or_kind(quick, since, kind, message) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        quick.metrics(since=since, kind=kind)
