"""The demo generator, in-process: what a person trying relmgr out will see on the board and in the archive."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from dataclasses import replace
from pathlib import Path

from relmgr_tui import demo, export
from relmgr_tui.domain import gates, templates
from relmgr_tui.domain.model import (
    PHASES,
    Outcome,
    Phase,
    ReleaseKind,
    ReleaseState,
    ScopeStatus,
    ScopeType,
    Severity,
    StepStatus,
)
from relmgr_tui.domain.risk import RiskBand, band_of
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FIXED_NOW, FixedClock


def test_counts_per_state_and_phase(service: Service) -> None:
    result = demo.generate(service, 200, seed=3, now=FIXED_NOW)

    releases = service.releases(include_archived=True)
    states = Counter(r.state for r in releases)
    board = [r for r in releases if r.state.on_board]
    assert (result.releases, result.on_board, result.archived) == (200, 20, 180)
    assert len(releases) == 200
    assert len(board) == 20
    assert {r.phase for r in board} == set(PHASES)
    assert states[ReleaseState.ON_HOLD] == 2
    assert sum(r.kind is ReleaseKind.EMERGENCY for r in board) == 2
    assert states[ReleaseState.RELEASED] > 100
    assert states[ReleaseState.CANCELLED] > 0
    assert states[ReleaseState.ROLLED_BACK] > 0
    assert service.info()["counts"]["events"] > 200 * 3, "each release's creation and its phase moves"


@pytest.mark.slow
def test_recent_finished_releases_have_reviews_with_actions_some_overdue(service: Service) -> None:
    demo.generate(service, 800, seed=3, now=FIXED_NOW)
    today = FIXED_NOW.date()
    reviews = [(r, service.review(r.id)) for r in service.archive()]
    reviews = [(r, review) for r, review in reviews if review is not None]
    assert 3 <= len(reviews) <= 30, "a few"
    assert {r.state for r, _ in reviews} <= {ReleaseState.RELEASED, ReleaseState.ROLLED_BACK}
    actions = [a for _, review in reviews for a in review.actions]
    assert all(1 <= len(review.actions) <= 3 for _, review in reviews)
    assert any(a.overdue(today) for a in actions) and any(a.done for a in actions)
    assert any(a.proposal for a in actions)
    assert service.review_actions_due_count(today) == sum(a.overdue(today) for a in actions)


def test_versions_are_unique_and_valid_and_dates_span_years(service: Service) -> None:
    demo.generate(service, 500, seed=3, now=FIXED_NOW)

    releases = service.releases(include_archived=True)
    versions = [r.version for r in releases]
    assert len(set(versions)) == 500
    assert any("-hotfix." in v for v in versions)
    assert any(v.startswith("20") and v.count(".") == 2 for v in versions)
    created = sorted(r.created_at for r in releases)
    assert (created[-1] - created[0]).days > 4 * 365
    assert all(r.created_at <= FIXED_NOW for r in releases)


def test_the_board_has_work_in_every_state_of_readiness(service: Service) -> None:
    demo.generate(service, 200, seed=3, now=FIXED_NOW)
    today = FIXED_NOW.date()

    details = [service.detail(r.id) for r in service.releases()]
    targets = [d.release.target_date for d in details]
    assert any(t < today for t in targets), "some release is overdue"
    assert any(0 <= (t - today).days <= 7 for t in targets), "some release is due this week"
    live_bands = {band_of(r.score) for d in details for r in d.risks if r.status.is_live}
    assert live_bands == set(RiskBand)
    assert all(r.owner and r.mitigation for d in details for r in d.risks)
    assert any(s.status is StepStatus.REHEARSED for d in details for s in d.steps)
    assert any(s.status is StepStatus.PENDING for d in details for s in d.steps)

    preparing = [d for d in details if d.release.phase is Phase.PREPARING and d.release.state.on_board]
    reports = [service.gate_report(d) for d in preparing]
    assert any(report.open for report in reports), "a Preparing release is ready to deploy"
    assert any(not report.open for report in reports)
    decisions = [dec for d in preparing for dec in d.decisions]
    assert {dec.outcome for dec in decisions} >= {Outcome.GO, Outcome.NO_GO}
    assert all(len(dec.attendees) >= 3 for dec in decisions)
    assert any(dec.is_stale(d.release) for d in preparing for dec in d.decisions)


def test_deploying_releases_passed_a_current_go(service: Service) -> None:
    demo.generate(service, 300, seed=5, now=FIXED_NOW)

    deploying = [service.detail(r.id) for r in service.releases(Phase.DEPLOYING)]
    assert deploying
    for detail in deploying:
        latest = detail.decisions[0]
        assert latest.outcome.permits_deploy and not latest.is_stale(detail.release)
        assert detail.steps and all(s.status is StepStatus.REHEARSED for s in detail.steps)
        assert not any(band_of(r.score) is RiskBand.CRITICAL for r in detail.risks if r.status.is_live)


def test_checklists_come_from_the_templates_of_each_kind(service: Service) -> None:
    demo.generate(service, 60, seed=9, now=FIXED_NOW)

    for release in service.releases(include_archived=True):
        detail = service.detail(release.id)
        expected = service.templates.for_kind(release.kind)
        assert [i.text for i in detail.items] == [t.text for phase in PHASES for t in expected[phase]]
        if release.state is ReleaseState.RELEASED:
            assert all(i.done for i in detail.items if i.required)
        if release.state.on_board:
            assert not any(i.done for i in detail.items if i.phase.index > release.phase.index)


def test_titles_and_owners_that_look_like_markup_are_included(service: Service) -> None:
    demo.generate(service, 40, seed=1, now=FIXED_NOW)

    board = service.releases()
    assert {r.title for r in board} >= set(demo.MARKUP_TITLES)
    assert any("[" in r.owner for r in service.releases(include_archived=True))


def _snapshot(service: Service) -> list[dict]:
    return [
        export.release_data(detail, service.gate_report(detail), service.decision_statuses(detail))
        for detail in (service.detail(r.id) for r in service.releases(include_archived=True))
    ]


def test_same_seed_and_clock_give_the_same_data(tmp_path: Path) -> None:
    def fresh(name: str) -> Service:
        return Service(Store.open(str(tmp_path / name)), templates.builtin(), who="alice", clock=FixedClock())

    first, second, other = fresh("a.db"), fresh("b.db"), fresh("c.db")
    for service, seed in ((first, 11), (second, 11), (other, 12)):
        demo.generate(service, 80, seed=seed, now=FIXED_NOW)

    assert _snapshot(first) == _snapshot(second)
    assert _snapshot(first) != _snapshot(other)


def test_adds_to_a_database_in_use_without_clashes(service: Service) -> None:
    service.create_release("2.3.1", title="Mine")
    demo.generate(service, 50, seed=1, now=FIXED_NOW)
    demo.generate(service, 50, seed=1, now=FIXED_NOW)

    after = service.create_release("after-demo")

    versions = [r.version for r in service.releases(include_archived=True)]
    assert len(versions) == len(set(versions)) == 102
    assert service.release("2.3.1").title == "Mine"
    assert len(service.detail(after.id).items) == 28


def test_the_templates_in_use_are_followed(service: Service) -> None:
    emergency = {**service.templates.sets["emergency"], Phase.PLANNING: (templates.TemplateItem("Page the CTO"),)}
    service.templates = replace(service.templates, sets={**service.templates.sets, "emergency": emergency})

    demo.generate(service, 100, seed=2, now=FIXED_NOW)

    emergencies = [r for r in service.releases(include_archived=True) if r.kind is ReleaseKind.EMERGENCY]
    assert emergencies
    assert all(service.detail(r.id).items_in(Phase.PLANNING)[0].text == "Page the CTO" for r in emergencies)


def test_works_on_every_backend(backend: str) -> None:
    store = Store.open(backend)
    try:
        service = Service(store, templates.builtin(), who="alice", clock=FixedClock())
        demo.generate(service, 30, seed=4, now=FIXED_NOW)

        created = service.create_release("after-demo")

        assert service.info()["counts"]["releases"] == 31
        assert len(service.detail(created.id).items) == 28
    finally:
        store.close()


def test_the_audit_log_moves_every_release_through_its_phases_as_its_dates_say(service: Service) -> None:
    """Time in each phase, rollbacks and fix-forwards come from the log: it must agree with the releases."""
    demo.generate(service, 300, seed=5, now=FIXED_NOW)

    for release in service.releases(include_archived=True):
        log = service.audit_log(release.version)
        assert [e.at for e in log] == sorted(e.at for e in log), release.version
        moves = [e for e in log if e.action in ("release.advance", "release.override")]
        reached = [e.new for e in moves if e.new != "released"]
        assert reached[-1:] == ([release.phase.value] if release.phase is not Phase.PLANNING else []) or (
            release.state is not ReleaseState.ACTIVE), release.version
        if release.state is ReleaseState.RELEASED:
            assert moves[-1].new == "released" and moves[-1].at == release.released_at == release.closed_at
        if release.state is ReleaseState.ROLLED_BACK:
            last = [e for e in log if e.action.startswith("release.")][-1]  # a review may follow
            assert last.action == "release.rolled_back" and last.at == release.closed_at
            assert moves[-1].new == "released" and moves[-1].at == release.released_at < release.closed_at


def test_the_demo_gives_the_metrics_something_to_say(service: Service) -> None:
    demo.generate(service, 300, seed=5, now=FIXED_NOW)
    metrics = service.metrics(365)

    assert metrics.released > 30
    assert 0 < metrics.change_failure.part < metrics.change_failure.whole / 4, "some, not many, rolled back"
    assert 0 < metrics.restore.fixed < metrics.restore.rollbacks, "some fixed forward"
    assert 0 < metrics.on_time.part < metrics.on_time.whole, "some late"
    assert metrics.overrides.part > 0
    assert all(t.stays and t.median_days for t in metrics.phase_times)
    planning, building, testing, preparing, deploying = (t.median_days for t in metrics.phase_times)
    assert deploying < min(planning, building, testing, preparing), "deploying takes hours, not weeks"


def test_every_release_has_scope_that_fits_its_phase(service: Service) -> None:
    """Three to eight items keyed by the product, mostly open in Planning, done once released (a few bugs
    left open as known issues), and on a few Preparing cards an open critical bug that the gate names."""
    demo.generate(service, 200, seed=3, now=FIXED_NOW)

    details = [service.detail(r.id) for r in service.releases(include_archived=True)]
    assert all(3 <= len(d.scope) <= 8 for d in details)
    assert all(re.fullmatch(r"[A-Z]+-\d+", i.key) for d in details for i in d.scope)
    assert {i.type for d in details for i in d.scope} == set(ScopeType)
    assert all((i.severity is not None) == (i.type is ScopeType.BUG) for d in details for i in d.scope)
    planning = [i for d in details if d.release.phase is Phase.PLANNING and d.release.state.on_board for i in d.scope]
    assert sum(i.status.unfinished for i in planning) > len(planning) * 0.9
    released = [i for d in details if d.release.state is ReleaseState.RELEASED for i in d.scope]
    assert all(i.status is ScopeStatus.DONE for i in released if i.type is not ScopeType.BUG)
    known_issues = [i for i in released if i.open_bug]
    assert 0 < len(known_issues) < len(released) / 10
    assert all(i.severity in (Severity.MAJOR, Severity.MINOR) for i in known_issues)

    cards = {card.release.id: card for card in service.board()}
    late = [d for d in details if d.release.state.on_board and d.release.phase.index >= Phase.PREPARING.index]
    blocked = [d for d in late if any(gates.blocks_deploying(i, Severity.CRITICAL) for i in d.scope)]
    assert blocked and all(d.release.phase is Phase.PREPARING for d in blocked), "past the gate, none is left"
    for detail in blocked:
        sentence = next(b for b in cards[detail.release.id].gate.blockers if b.startswith("Open critical bug"))
        assert sentence in service.gate_report(detail).blockers, "the card and the workspace agree"
