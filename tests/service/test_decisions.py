"""Go/no-go decisions: who was there, how they voted, conditions, overrides, and the gate snapshot."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.domain.errors import GateBlocked, InvalidInput
from relmgr_tui.domain.model import Attendee, Condition, Outcome, Phase, Vote
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import (
    TEAM,
    assert_event,
    finish_phase,
    only_new_event,
    walk_to,
)


def ready_for_review(service: Service) -> int:
    """A release in Preparing whose gate is open but for the decision."""
    release = walk_to(service, service.create_release("2.4.0"), Phase.PREPARING)
    finish_phase(service, release)
    service.rehearse_step(service.add_step(release.id, "Switch traffic back").id)
    return release.id


def test_go_is_recorded_with_attendees_votes_and_an_empty_gate_snapshot(quick: Service, clock) -> None:
    release_id = ready_for_review(quick)
    events = len(quick.activity(release_id))
    revision = quick.detail(release_id).release.evidence_revision
    clock.advance(hours=1)
    decision = quick.record_decision(release_id, "go", [*TEAM, Attendee("  ", "nobody")], "  All checks green. ")
    assert (decision.outcome, decision.gate, decision.rationale) == (Outcome.GO, Phase.PREPARING, "All checks green.")
    assert decision.attendees == TEAM, "attendees without a name are dropped"
    assert (decision.decided_by, decision.decided_at) == ("alice", clock.now)
    assert decision.evidence_revision == revision
    assert decision.gate_snapshot == ()
    assert decision.override_reason == ""
    stored = quick.detail(release_id).decisions[0]
    assert stored == decision
    assert_event(only_new_event(quick, release_id, events), clock.now, action="decision.record", version="2.4.0",
                 new="GO on preparing")
    assert quick.gate_report(quick.detail(release_id)).open


def test_conditional_go_needs_a_condition(quick: Service, store: Store, db_contents) -> None:
    release_id = ready_for_review(quick)
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        quick.record_decision(release_id, "conditional go", TEAM, "Fine if we watch it",
                              conditions=[Condition("   ")])
    assert "a conditional GO needs at least one condition" in str(caught.value)
    assert caught.value.field == "conditions"
    assert db_contents(store) == before


def test_an_unmet_condition_blocks_and_meeting_it_unblocks_and_leaves_the_decision_current(
        quick: Service, clock) -> None:
    release_id = ready_for_review(quick)
    conditions = (
        Condition("Watch the error rate for an hour", "Ravi", date(2026, 11, 27)),
        Condition("Support on call until 22:00", "Mei"),
    )
    decision = quick.record_decision(release_id, Outcome.CONDITIONAL_GO, TEAM, "Go, carefully",
                                     conditions=conditions)
    assert quick.detail(release_id).decisions[0].conditions == conditions == decision.conditions
    report = quick.gate_report(quick.detail(release_id))
    assert report.blockers == ("The conditional GO has 2 unmet conditions: mark them met"
                               " (relmgr condition 2.4.0 N --met).",)
    with pytest.raises(GateBlocked):
        quick.advance(release_id)

    clock.advance(minutes=5)
    quick.set_condition_met(release_id, 1, note="flat for an hour")
    quick.set_condition_met(release_id, 2)
    detail = quick.detail(release_id)
    met = detail.decisions[0].conditions[0]
    assert (met.met_by, met.met_at, met.met_note) == ("alice", clock.now, "flat for an hour")
    assert not detail.decisions[0].is_stale(detail.release), "meeting a condition is not a change the meeting saw"
    assert quick.gate_report(detail).open
    assert quick.advance(release_id).phase is Phase.DEPLOYING


def test_an_agile_go_over_blockers_needs_a_written_reason(quick: Service, store: Store, db_contents) -> None:
    release = walk_to(quick, quick.create_release("2.4.0", methodology="agile"), Phase.PREPARING)
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        quick.record_decision(release.id, "go", TEAM, "Ship it")
    assert str(caught.value) == ("the gate still has 2 blockers: on agile, a GO over them needs a written"
                                 " reason, which is the override")
    assert caught.value.field == "override_reason"
    assert db_contents(store) == before


def test_a_waterfall_go_over_blockers_allows_the_move_only_once_they_are_cleared(quick: Service, clock) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.PREPARING)
    with pytest.raises(InvalidInput, match="waterfall gates are enforced"):
        quick.record_decision(release.id, "go", TEAM, "Ship it", override_reason="CEO demo")
    decision = quick.record_decision(release.id, "go", TEAM, "Ship it")
    assert len(decision.gate_snapshot) == 2 and decision.override_reason == ""
    assert quick.activity(release.id)[0].new == "GO once these 2 blockers are cleared on preparing"
    with pytest.raises(GateBlocked):
        quick.advance(release.id, "please")

    finish_phase(quick, quick.release("2.4.0"))
    quick.rehearse_step(quick.add_step(release.id, "Switch traffic back").id)
    detail = quick.detail(release.id)
    assert not detail.decisions[0].is_stale(detail.release), "clearing the listed blockers keeps the GO current"
    assert quick.advance(release.id).phase is Phase.DEPLOYING


def test_an_agile_go_over_blockers_is_the_override_and_the_move_links_to_it(quick: Service, clock) -> None:
    release = walk_to(quick, quick.create_release("2.4.0", methodology="agile"), Phase.PREPARING)
    events = len(quick.activity(release.id))
    decision = quick.record_decision(release.id, "go", TEAM, "Ship it", override_reason=" CEO demo tomorrow ")
    assert decision.gate_snapshot == (
        "Required Preparing item not done: Finish preparing",
        "No rollback plan: add at least one rollback step and rehearse it.",
    )
    assert decision.override_reason == "CEO demo tomorrow"
    assert quick.detail(release.id).decisions[0].gate_snapshot == decision.gate_snapshot
    assert_event(only_new_event(quick, release.id, events), clock.now, action="decision.record",
                 version="2.4.0", new="GO on preparing", reason="CEO demo tomorrow")
    report = quick.gate_report(quick.detail(release.id))
    assert report.open and report.authorised_by_decision
    moved = quick.advance(release.id)  # no second reason asked
    assert moved.phase is Phase.DEPLOYING
    event = quick.activity(release.id)[0]
    assert event.action == "release.override"
    assert f"(decision {decision.id}) over blockers: CEO demo tomorrow" in event.reason


@pytest.mark.parametrize("reason", ["", "we know better"])
def test_a_no_go_stops_an_agile_release_with_or_without_a_reason(quick: Service, reason: str) -> None:
    release_id = ready_for_review(quick)
    quick.edit_release(release_id, None, "the team works in sprints now", methodology="agile")
    votes = (Attendee("Dana", "release manager", Vote.NO_GO),)
    decision = quick.record_decision(release_id, "no-go", votes, "Too many open bugs")
    assert decision.outcome is Outcome.NO_GO
    with pytest.raises(GateBlocked) as caught:
        quick.advance(release_id, reason)
    assert "NO-GO: nothing moves on until a new decision is recorded" in str(caught.value)
    assert quick.release("2.4.0").phase is Phase.PREPARING


@pytest.mark.parametrize(
    ("outcome", "attendees", "rationale", "message"),
    [
        ("go", (), "ok", "a decision needs at least one attendee with a name and a vote"),
        ("go", (Attendee(" ", "QA"),), "ok", "a decision needs at least one attendee"),
        ("go", TEAM, "   ", "the rationale is required"),
        ("maybe", TEAM, "ok", "outcome 'maybe' is not one of: go, conditional_go, no_go"),
    ],
)
def test_invalid_decision_is_refused(quick: Service, store: Store, db_contents, outcome, attendees, rationale,
                                     message: str) -> None:
    release_id = ready_for_review(quick)
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        quick.record_decision(release_id, outcome, attendees, rationale)
    assert db_contents(store) == before


def test_last_attendees_are_offered_for_the_next_meeting(quick: Service) -> None:
    release_id = ready_for_review(quick)
    assert quick.last_attendees(release_id) == ()
    quick.record_decision(release_id, "no_go", TEAM[:1], "Not yet")
    quick.record_decision(release_id, "go", TEAM, "Now")
    assert quick.last_attendees(release_id) == TEAM


def test_every_condition_needs_an_owner(service: Service) -> None:
    release = service.create_release("7.0.0")
    with pytest.raises(InvalidInput, match="every condition needs an owner: 'Fix the login bug' has none"):
        service.record_decision(release.id, "conditional_go", [Attendee("Ana", "QA", Vote.GO)], "ok",
                                conditions=[Condition("Fix the login bug")], override_reason="accepted")
    assert service.detail(release.id).decisions == ()
