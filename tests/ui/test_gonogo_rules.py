"""The rules a go/no-go decision lives by: it goes stale when the evidence changes, a stale or missing one
blocks Deploying, and going over blockers needs a written reason."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import GateBlocked, InvalidInput
from relmgr_tui.domain.model import Attendee, Condition, Phase, RiskOutcome, Vote
from relmgr_tui.service import Service
from tests.service.support import sign_everything
from tests.ui.gonogo_data import review_app, seed_review
from tests.ui.helpers import screen_text

VOTES = [Attendee("Ana", "release manager", Vote.GO)]


def clear_every_blocker(service: Service, release_id: int) -> None:
    """Tick the items people tick; the rule-linked ones follow the rehearsals and the closed risk."""
    detail = service.detail(release_id)
    for step in detail.steps:
        service.rehearse_step(step.id)
    for risk in detail.risks:
        if risk.score >= 16:
            service.close_risk(risk.id, RiskOutcome.MITIGATED)
    for item in service.detail(release_id).items_in(Phase.PREPARING):
        if not item.done and not item.rule:
            service.set_done(item.id, True)
    sign_everything(service, service.detail(release_id).release)


def test_a_checklist_change_after_a_go_makes_it_stale_and_blocks_deploying(service):
    release_id = seed_review(service)
    clear_every_blocker(service, release_id)
    decision = service.record_decision(release_id, "go", VOTES, "All evidence green")
    assert decision.gate_snapshot == ()
    assert not decision.is_stale(service.detail(release_id).release)

    item = service.detail(release_id).items_in(Phase.PREPARING)[0]
    service.edit_item(item.id, None, note="re-checked after the meeting")
    detail = service.detail(release_id)
    assert detail.decisions[0].is_stale(detail.release)
    report = service.gate_report(detail)
    assert any("stale" in blocker for blocker in report.blockers)
    with pytest.raises(GateBlocked, match="stale"):
        service.advance(release_id)

    sign_everything(service, detail.release)  # what they approved changed too
    service.record_decision(release_id, "go", VOTES, "Looked again: still green")
    assert service.advance(release_id).phase is Phase.DEPLOYING


@pytest.mark.parametrize("change", ["risk", "rollback"])
def test_risk_and_rollback_changes_make_a_decision_stale_too(service, change):
    release_id = seed_review(service)
    service.record_decision(release_id, "no_go", VOTES, "Not yet")
    if change == "risk":
        service.add_risk(release_id, "New vendor contract", 2, 3)
    else:
        service.add_step(release_id, "Flush the CDN", "cdn purge", "ops", 2)
    detail = service.detail(release_id)
    assert detail.decisions[0].is_stale(detail.release)


def test_a_missing_decision_blocks_deploying(service):
    release = service.create_release("3.0.0", "Fresh")
    for _ in range(3):
        detail = service.detail(release.id)
        for item in detail.items_in(detail.release.phase):
            service.set_done(item.id, True)
        service.advance(release.id)
    service.rehearse_step(service.add_step(release.id, "Redeploy", "deploy prev").id)
    clear_every_blocker(service, release.id)
    report = service.gate_report(service.detail(release.id))
    assert report.blockers == ("No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide).",)


@pytest.mark.parametrize("outcome", ["go", "conditional_go"])
def test_going_over_blockers_needs_a_reason_on_agile(service, outcome):
    release_id = seed_review(service, "agile")
    conditions = [Condition("QA sign-off", "Bo")]
    with pytest.raises(InvalidInput, match="needs a written reason") as refused:
        service.record_decision(release_id, outcome, VOTES, "Ship it", conditions)
    assert refused.value.field == "override_reason"
    decision = service.record_decision(release_id, outcome, VOTES, "Ship it", conditions,
                                       override_reason="Blockers accepted by the sponsor")
    assert decision.override_reason == "Blockers accepted by the sponsor"
    assert len(decision.gate_snapshot) == 9  # 7 and the two sign-offs
    event = service.activity(release_id, 1)[0]
    assert event.action == "decision.record" and event.reason == "Blockers accepted by the sponsor"


def test_a_no_go_over_blockers_needs_no_reason(service):
    release_id = seed_review(service)
    assert service.record_decision(release_id, "no_go", VOTES, "Not ready").override_reason == ""


async def test_the_review_shows_a_go_going_stale_when_an_item_is_unticked(db_path, clock):
    app, release_id = review_app(db_path, clock)
    clear_every_blocker(app.service, release_id)
    item = app.service.detail(release_id).items_in(Phase.PREPARING)[0]
    app.service.record_decision(release_id, "go", VOTES, "All green")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.open_review(release_id)
        await pilot.pause()
        assert "Last decision: ✓ GO · m writes its minutes" in screen_text(app)
        await pilot.press("space")  # the meeting finds the item was not done after all: evidence changed
        await app.writes_settled()
        await pilot.pause()
        text = screen_text(app)
        assert "Last decision: ✓ GO · STALE" in text
        await pilot.press("5")
        await pilot.pause()
        words = " ".join(screen_text(app).split())  # the label wraps in the section
        assert f"STALE: changed since: unticked '{item.text}' by alice at 2026-11-26 09:30 UTC" in words
