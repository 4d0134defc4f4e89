"""Issue #14: a decision authorises one move and never contradicts itself afterwards; a methodology change
needs a reason; accepted risks; checklist items that follow the evidence."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import decision_status
from relmgr_tui.domain.errors import GateBlocked, InvalidInput
from relmgr_tui.domain.model import Phase, PHASES
from relmgr_tui.domain.templates import TemplateItem, TemplateSet
from relmgr_tui.service import Service
from tests.service.support import TEAM, finish_phase, walk_to


def ready_for_review(service: Service) -> int:
    release = walk_to(service, service.create_release("2.4.0"), Phase.PREPARING)
    finish_phase(service, release)
    service.rehearse_step(service.add_step(release.id, "Switch traffic back").id)
    return release.id


def status(service: Service, release_id: int) -> str:
    detail = service.detail(release_id)
    return decision_status.status(detail.decisions[0], detail.release, service.activity(release_id))


def test_the_go_that_authorised_the_move_stays_authorised_after_every_deploying_tick(quick: Service, clock) -> None:
    release_id = ready_for_review(quick)
    quick.record_decision(release_id, "go", TEAM, "All green")
    clock.advance(minutes=10)
    quick.advance(release_id)
    finish_phase(quick, quick.release("2.4.0"))
    detail = quick.detail(release_id)
    assert not detail.decisions[0].is_stale(detail.release)
    assert status(quick, release_id) == f"authorised the move to Deploying at {clock.now:%Y-%m-%d %H:%M} UTC"
    quick.move_back(release_id)
    with pytest.raises(GateBlocked, match="already authorised the move to Deploying"):
        quick.advance(release_id)


def test_undoing_the_move_gives_the_decision_back(store, small_templates, clock) -> None:
    service = Service(store, small_templates, who="alice", clock=clock, remember=True)
    with service.unrecorded():
        release_id = ready_for_review(service)
        service.record_decision(release_id, "go", TEAM, "All green")
    service.advance(release_id)
    service.undo()
    assert not service.detail(release_id).decisions[0].used
    assert service.advance(release_id).phase is Phase.DEPLOYING


def test_a_methodology_change_after_planning_needs_a_reason_and_makes_the_decision_stale(quick: Service,
                                                                                         clock) -> None:
    release_id = ready_for_review(quick)
    quick.record_decision(release_id, "go", TEAM, "All green")
    with pytest.raises(InvalidInput, match="changing its methodology after Planning needs a written reason"):
        quick.edit_release(release_id, None, methodology="agile")
    assert status(quick, release_id) == "current"
    clock.advance(minutes=3)
    quick.edit_release(release_id, None, "the team moved to sprints", methodology="agile")
    event = quick.activity(release_id, 1)[0]
    assert (event.action, event.old, event.new, event.reason) == (
        "release.methodology", "waterfall", "agile", "the team moved to sprints")
    assert status(quick, release_id) == (
        "stale: changed since: changed methodology 'agile' by alice at 2026-11-26 09:33 UTC")


def test_the_stale_label_names_the_first_changes_and_counts_the_rest(quick: Service, clock) -> None:
    release_id = ready_for_review(quick)
    quick.record_decision(release_id, "go", TEAM, "All green")
    clock.advance(minutes=1)
    quick.edit_release(release_id, None, target_date="2026-12-24")
    for n in range(5):
        quick.add_risk(release_id, f"Risk {n}", 1, 1)
    assert status(quick, release_id) == (
        "stale: changed since: edited 'target_date: 2026-12-24' by alice at 2026-11-26 09:31 UTC;"
        " added risk 'Risk 0 (L1 x I1)' by alice at 2026-11-26 09:31 UTC;"
        " added risk 'Risk 1 (L1 x I1)' by alice at 2026-11-26 09:31 UTC, and 3 more")


def test_an_accepted_critical_risk_does_not_block_until_its_score_changes(quick: Service) -> None:
    release_id = ready_for_review(quick)
    risk = quick.add_risk(release_id, "Vendor outage", 5, 5)
    for by, reason in (("", "signed"), ("dana", "  ")):
        with pytest.raises(InvalidInput):
            quick.accept_risk(risk.id, by, reason)
    quick.accept_risk(risk.id, "dana", "the vendor signed a fix date")
    quick.record_decision(release_id, "go", TEAM, "Accepted the vendor risk")
    report = quick.gate_report(quick.detail(release_id))
    assert report.open
    assert "Accepted critical risk (score 25): Vendor outage, accepted by dana" in report.warnings
    quick.edit_risk(risk.id, None, likelihood=4)
    after = quick.risk(risk.id)
    assert (after.accepted_by, after.accepted_reason) == ("", "")
    assert "Open critical risk (score 20): Vendor outage" in quick.gate_report(quick.detail(release_id)).blockers


@pytest.fixture
def ruled(store, clock) -> Service:
    sets = {"standard": {phase: (TemplateItem(f"Finish {phase.value}"),) for phase in PHASES},
            "emergency": {}}
    sets["standard"][Phase.PLANNING] += (TemplateItem("No blocking risk", rule="risks_resolved"),
                                         TemplateItem("Rollback rehearsed", rule="rollback_rehearsed"))
    return Service(store, TemplateSet(sets, source="test"), who="alice", clock=clock, remember=False)


def test_rule_items_cannot_be_ticked_by_hand_and_follow_the_register_and_the_plan(ruled: Service) -> None:
    release = ruled.create_release("3.0.0")
    risks_item, plan_item = ruled.detail(release.id).items_in(Phase.PLANNING)[1:]
    assert (risks_item.done, plan_item.done) == (True, False)
    with pytest.raises(InvalidInput, match="cannot be ticked by hand"):
        ruled.set_done(plan_item.id, True)

    risk = ruled.add_risk(release.id, "Outage", 5, 5)
    step = ruled.add_step(release.id, "Redeploy")
    assert [i.done for i in ruled.detail(release.id).items_in(Phase.PLANNING)[1:]] == [False, False]
    ruled.accept_risk(risk.id, "dana", "fix date signed")
    ruled.rehearse_step(step.id)
    items = ruled.detail(release.id).items_in(Phase.PLANNING)[1:]
    assert [(i.done, i.done_by) for i in items] == [(True, "relmgr (rule)"), (True, "relmgr (rule)")]
