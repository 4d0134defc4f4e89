"""Advancing and moving back through the gates: waterfall refuses, agile needs a written reason."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import GateBlocked, InvalidInput, StaleWrite
from relmgr_tui.domain.model import Outcome, Phase, ReleaseState
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import (
    TEAM,
    assert_event,
    finish_phase,
    make_deployable,
    only_new_event,
    walk_to,
)


def test_advance_through_an_open_gate(quick: Service, clock) -> None:
    release = quick.create_release("2.4.0")
    finish_phase(quick, release)
    events = len(quick.activity(release.id))
    clock.advance(days=1)
    moved = quick.advance(release.id, expected_version=release.row_version)
    assert moved.phase is Phase.BUILDING
    assert moved.updated_at == clock.now
    assert quick.release("2.4.0").phase is Phase.BUILDING
    assert_event(only_new_event(quick, release.id, events), clock.now, action="release.advance",
                 version="2.4.0", old="planning", new="building")


def test_waterfall_gate_refuses_with_every_blocker_and_writes_nothing(service: Service, store: Store,
                                                                      db_contents) -> None:
    release = service.create_release("2.4.0", methodology="waterfall")
    before = db_contents(store)
    with pytest.raises(GateBlocked) as caught:
        service.advance(release.id, reason="we are in a hurry")
    report = caught.value.report
    planning = [i.text for i in service.detail(release.id).items_in(Phase.PLANNING)]
    assert report.blockers == tuple(f"Required Planning item not done: {text}" for text in planning)
    assert len(report.blockers) == 6
    message = str(caught.value)
    assert message.startswith("2.4.0 cannot leave Planning: ")
    assert all(text in message for text in planning), "the message lists every blocker, not only the first"
    assert db_contents(store) == before


def test_agile_gate_without_a_reason_refuses_and_asks_for_one(quick: Service, store: Store, db_contents) -> None:
    release = quick.create_release("2.4.0", methodology="agile")
    before = db_contents(store)
    with pytest.raises(GateBlocked) as caught:
        quick.advance(release.id, reason="   ")
    assert str(caught.value) == (
        "2.4.0 has 1 blocker; agile releases may override with a written reason (--reason)."
    )
    assert caught.value.report.overridable
    assert db_contents(store) == before


def test_agile_override_moves_and_writes_the_reason_and_the_blockers(quick: Service, clock) -> None:
    release = quick.create_release("2.4.0", methodology="agile")
    moved = quick.advance(release.id, reason="  Sponsor approved by mail  ")
    assert moved.phase is Phase.BUILDING
    assert_event(only_new_event(quick, release.id, 1), clock.now, action="release.override", version="2.4.0",
                 old="planning", new="building",
                 reason="Sponsor approved by mail (overrode: Required Planning item not done: Finish planning)")


def test_agile_release_on_hold_cannot_be_overridden(quick: Service, store: Store, db_contents) -> None:
    release = quick.create_release("2.4.0", methodology="agile")
    finish_phase(quick, release)
    quick.transition(release.id, "hold", "legal review")
    before = db_contents(store)
    with pytest.raises(GateBlocked) as caught:
        quick.advance(release.id, reason="just move it")
    assert caught.value.report.blockers == ("on hold: legal review (resume it first)",)
    assert not caught.value.report.overridable
    assert db_contents(store) == before


def test_cancelled_agile_release_does_not_move(quick: Service, store: Store, db_contents) -> None:
    release = quick.create_release("2.4.0", methodology="agile")
    quick.transition(release.id, "cancel", "superseded")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match="2.4.0 is cancelled: it no longer moves between phases;"
                                           " allowed from here: reopen"):
        quick.advance(release.id, reason="oops")
    with pytest.raises(InvalidInput, match="2.4.0 is cancelled: it no longer moves between phases"):
        quick.move_back(release.id)
    assert db_contents(store) == before


def test_entering_deploying_needs_rollback_rehearsal_risks_and_a_go(quick: Service) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.PREPARING)
    finish_phase(quick, release)
    quick.add_risk(release.id, "Card payments fail", 4, 4)
    quick.add_step(release.id, "Restore the database snapshot")
    with pytest.raises(GateBlocked) as caught:
        quick.advance(release.id)
    assert caught.value.report.blockers == (
        "Rollback step not rehearsed: Restore the database snapshot",
        "Open critical risk (score 16): Card payments fail",
        "No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide).",
    )


def test_full_walk_to_released(quick: Service, clock) -> None:
    release = make_deployable(quick, quick.create_release("2.4.0"))
    deploying = quick.advance(release.id)
    assert deploying.phase is Phase.DEPLOYING
    finish_phase(quick, deploying)
    events = len(quick.activity(release.id))
    released = quick.advance(release.id)
    assert released.state is ReleaseState.RELEASED
    assert released.phase is Phase.DEPLOYING
    assert (released.released_at, released.closed_at) == (clock.now, clock.now)
    sealed, moved = quick.activity(release.id)[:2]
    assert len(quick.activity(release.id)) == events + 2, "the move, and the evidence pack's seal"
    assert_event(moved, clock.now, action="release.advance", version="2.4.0", old="deploying", new="released")
    assert (sealed.action, sealed.new.split()[0]) == ("release.evidence", "sha256")
    assert quick.board() == []
    assert [r.version for r in quick.archive()] == ["2.4.0"]
    with pytest.raises(InvalidInput, match="2.4.0 is released: it no longer moves between phases;"
                                           " allowed from here: rolled-back"):
        quick.advance(release.id)


def test_move_back_one_phase(quick: Service, clock) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.TESTING)
    events = len(quick.activity(release.id))
    back = quick.move_back(release.id, reason=" UAT found a blocker ")
    assert back.phase is Phase.BUILDING
    assert_event(only_new_event(quick, release.id, events), clock.now, action="release.back", version="2.4.0",
                 old="testing", new="building", reason="UAT found a blocker")


def test_move_back_from_planning_is_refused(quick: Service, store: Store, db_contents) -> None:
    release = quick.create_release("2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match="2.4.0 is in Planning, the first phase: it cannot move back"):
        quick.move_back(release.id)
    assert db_contents(store) == before


def test_advance_with_an_old_row_version_is_stale(quick: Service, store: Store, db_contents) -> None:
    release = quick.create_release("2.4.0")
    finish_phase(quick, release)
    quick.edit_release(release.id, release.row_version, title="Renamed elsewhere")
    before = db_contents(store)
    with pytest.raises(StaleWrite):
        quick.advance(release.id, expected_version=release.row_version)
    assert db_contents(store) == before


def test_decision_goes_stale_after_a_checklist_change_and_then_blocks_deploying(quick: Service) -> None:
    release = make_deployable(quick, quick.create_release("2.4.0"))
    assert quick.gate_report(quick.detail(release.id)).open
    optional = next(i for i in quick.detail(release.id).items_in(Phase.PREPARING) if not i.required)
    quick.set_done(optional.id, True)  # any change of the evidence makes the GO stale
    report = quick.gate_report(quick.detail(release.id))
    assert report.blockers == (
        (
            "The last go/no-go decision is stale: what the meeting saw changed since."
            " Hold the review again (g, or relmgr decide)."
        ),
    )
    with pytest.raises(GateBlocked, match="stale"):
        quick.advance(release.id)
    quick.record_decision(release.id, Outcome.GO, TEAM, "Reviewed again after the change.")
    assert quick.advance(release.id).phase is Phase.DEPLOYING


@pytest.mark.parametrize(
    "change",
    [
        lambda s, r: s.add_risk(r.id, "New risk", 1, 1),
        lambda s, r: s.add_step(r.id, "Another step"),
        lambda s, r: s.add_item(r.id, "deploying", "Extra check"),
        lambda s, r: s.rehearse_step(s.detail(r.id).steps[0].id),
    ],
    ids=["risk", "rollback step", "checklist item", "rehearsal"],
)
def test_risk_and_rollback_changes_also_make_the_decision_stale(quick: Service, change) -> None:
    release = make_deployable(quick, quick.create_release("2.4.0"))
    change(quick, release)
    detail = quick.detail(release.id)
    assert detail.decisions[0].is_stale(detail.release)
