"""Go/no-go decisions: who was there, how they voted, conditions, overrides, and the gate snapshot."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.domain.errors import InvalidInput
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


def test_conditional_go_keeps_its_conditions_and_warns_on_the_gate(quick: Service) -> None:
    release_id = ready_for_review(quick)
    conditions = (
        Condition("Watch the error rate for an hour", "Ravi", date(2026, 11, 27)),
        Condition("Support on call until 22:00", "Mei"),
    )
    decision = quick.record_decision(release_id, Outcome.CONDITIONAL_GO, TEAM, "Go, carefully",
                                     conditions=conditions)
    assert quick.detail(release_id).decisions[0].conditions == conditions == decision.conditions
    report = quick.gate_report(quick.detail(release_id))
    assert report.open
    assert "The conditional GO has 2 conditions to meet." in report.warnings


def test_go_over_blockers_needs_a_written_reason(quick: Service, store: Store, db_contents) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.PREPARING)
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        quick.record_decision(release.id, "go", TEAM, "Ship it")
    assert str(caught.value) == "the gate still has 2 blocker(s): a GO needs a written reason"
    assert caught.value.field == "override_reason"
    assert db_contents(store) == before


def test_go_over_blockers_with_a_reason_keeps_the_blockers_in_the_snapshot(quick: Service, clock) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.PREPARING)
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
    assert report.blockers == decision.gate_snapshot, "a GO does not remove the other blockers"


def test_no_go_needs_no_reason_and_blocks_deploying(quick: Service) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.PREPARING)
    votes = (Attendee("Dana", "release manager", Vote.NO_GO),)
    decision = quick.record_decision(release.id, "no-go", votes, "Too many open bugs")
    assert decision.outcome is Outcome.NO_GO
    assert "The last go/no-go decision was NO-GO." in quick.gate_report(quick.detail(release.id)).blockers


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
