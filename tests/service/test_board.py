"""The board's cards and the activity log."""

from __future__ import annotations

from relmgr_tui.domain.model import Condition, Outcome, Phase, ReleaseState
from relmgr_tui.domain.risk import RiskBand, highest_live_band
from relmgr_tui.service import Service
from tests.service.support import TEAM, finish_phase, make_deployable, walk_to


def test_cards_show_progress_band_and_gate(service: Service) -> None:
    release = service.create_release("2.4.0", "Checkout", target_date="2026-12-01")
    items = service.detail(release.id).items_in(Phase.PLANNING)
    for item in items[:2]:
        service.set_done(item.id, True)
    service.add_risk(release.id, "Data migration slow", 3, 4)
    [card] = service.board()
    assert card.release.version == "2.4.0"
    assert (card.done, card.total) == (2, 6)
    assert card.highest_band is RiskBand.HIGH
    assert not card.gate.open
    assert len(card.gate.blockers) == 4
    assert card.gate.summary() == "4 blockers before Planning → Building."


def test_board_and_workspace_judge_the_gate_alike(quick: Service) -> None:
    """The board builds its gate evidence from grouped queries, the workspace from one loaded release:
    for releases in every situation they must give the same blockers and warnings."""
    planning = quick.create_release("1.0", methodology="agile")
    held = quick.create_release("1.1")
    quick.transition(held.id, "hold", "legal")
    preparing = walk_to(quick, quick.create_release("1.2"), Phase.PREPARING)
    quick.add_risk(preparing.id, "Outage", 5, 4)
    quick.add_risk(preparing.id, "Slow", 3, 4)
    quick.add_step(preparing.id, "Restore")
    ready = make_deployable(quick, quick.create_release("1.3"))
    stale = make_deployable(quick, quick.create_release("1.4"))
    finish_phase(quick, stale)
    quick.add_risk(stale.id, "Late change", 1, 1)
    no_go = walk_to(quick, quick.create_release("1.5"), Phase.PREPARING)
    quick.record_decision(no_go.id, Outcome.NO_GO, TEAM, "Not ready")
    deploying = quick.advance(make_deployable(quick, quick.create_release("1.6")).id)
    conditional = walk_to(quick, quick.create_release("1.7"), Phase.PREPARING)
    finish_phase(quick, conditional)
    quick.rehearse_step(quick.add_step(conditional.id, "Restore").id)
    quick.record_decision(conditional.id, Outcome.CONDITIONAL_GO, TEAM, "Watch it",
                          conditions=[Condition("Watch errors", "Ravi"), Condition("Keep support on call", "Mei")])

    cards = {card.release.version: card for card in quick.board()}
    assert set(cards) == {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}
    for release in (planning, held, preparing, ready, stale, no_go, deploying, conditional):
        detail = quick.detail(release.id)
        workspace = quick.gate_report(detail)
        card = cards[release.version]
        assert card.gate.blockers == workspace.blockers, release.version
        assert card.gate.warnings == workspace.warnings, release.version
        assert card.gate.open == workspace.open
        assert card.gate.overridable == workspace.overridable
        assert card.highest_band == highest_live_band(detail.risks)
        current = detail.items_in(detail.release.phase)
        assert (card.done, card.total) == (sum(i.done for i in current), len(current))
    assert cards["1.3"].gate.open
    assert any("stale" in b for b in cards["1.4"].gate.blockers)
    assert cards["1.1"].release.state is ReleaseState.ON_HOLD
    assert "The conditional GO has 2 unmet conditions" in cards["1.7"].gate.blockers[0]


def test_activity_is_newest_first_and_per_release(quick: Service, clock) -> None:
    a = quick.create_release("1.0")
    clock.advance(minutes=1)
    b = quick.create_release("1.1")
    clock.advance(minutes=1)
    quick.add_risk(a.id, "Outage", 2, 2)
    activity = quick.activity(a.id)
    assert [e.action for e in activity] == ["risk.add", "release.create"]
    assert activity[0].at > activity[1].at
    assert [e.action for e in quick.activity(b.id)] == ["release.create"]
    assert len(quick.activity(a.id, limit=1)) == 1
