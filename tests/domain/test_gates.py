"""Gate rules: may a release leave its phase? Every blocker is reported, each as a sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from relmgr_tui.domain import gates
from relmgr_tui.domain.gates import GateEvidence, evaluate
from relmgr_tui.domain.model import (
    ChecklistItem,
    Decision,
    Methodology,
    Outcome,
    Phase,
    Release,
    ReleaseDetail,
    ReleaseKind,
    ReleaseState,
    Risk,
    RiskStatus,
    RollbackStep,
    StepStatus,
)
from relmgr_tui.domain.risk import RiskBand

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def ready_to_deploy(**changes) -> GateEvidence:
    """Evidence of a release in Preparing that may enter Deploying; tests knock out one condition."""
    values = {
        "version": "2.4.0",
        "phase": Phase.PREPARING,
        "methodology": Methodology.WATERFALL,
        "rollback_steps": 2,
        "decision_outcome": Outcome.GO,
    }
    values.update(changes)
    return GateEvidence(**values)


def test_ready_release_passes_the_deploy_gate() -> None:
    report = evaluate(ready_to_deploy())
    assert report.open
    assert report.blockers == ()
    assert report.target is Phase.DEPLOYING
    assert report.summary() == "Ready to move from Preparing to Deploying."


def test_every_required_item_is_reported_not_only_the_first() -> None:
    evidence = GateEvidence(
        version="2.4.0",
        phase=Phase.PLANNING,
        methodology=Methodology.WATERFALL,
        open_required_items=("Hold the kickoff", "Write the business case", "Get approval"),
    )
    report = evaluate(evidence)
    assert report.blockers == (
        "Required Planning item not done: Hold the kickoff",
        "Required Planning item not done: Write the business case",
        "Required Planning item not done: Get approval",
    )
    assert report.summary() == "3 blockers before Planning → Building."


def test_all_kinds_of_deploy_blockers_are_reported_together() -> None:
    evidence = ready_to_deploy(
        open_required_items=("Pass the final QA sign-off",),
        rollback_steps=2,
        unrehearsed_steps=("Restore the database snapshot", "Switch the load balancer back"),
        live_risks=(("Payment provider outage", 20), ("Slow page", 6)),
        decision_outcome=None,
    )
    blockers = evaluate(evidence).blockers
    assert blockers == (
        "Required Preparing item not done: Pass the final QA sign-off",
        "Rollback step not rehearsed: Restore the database snapshot",
        "Rollback step not rehearsed: Switch the load balancer back",
        "Open critical risk (score 20): Payment provider outage",
        "No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide).",
    )


def test_no_rollback_plan_blocks_deploying() -> None:
    report = evaluate(ready_to_deploy(rollback_steps=0))
    assert report.blockers == ("No rollback plan: add at least one rollback step and rehearse it.",)


def test_unrehearsed_step_blocks_deploying() -> None:
    report = evaluate(ready_to_deploy(unrehearsed_steps=("Roll back the schema",)))
    assert report.blockers == ("Rollback step not rehearsed: Roll back the schema",)


@pytest.mark.parametrize(
    ("band", "score", "label"),
    [
        (RiskBand.CRITICAL, 16, "critical"),
        (RiskBand.CRITICAL, 25, "critical"),
        (RiskBand.CRITICAL, 15, None),
        (RiskBand.HIGH, 10, "high"),
        (RiskBand.HIGH, 16, "critical"),
        (RiskBand.HIGH, 9, None),
        (RiskBand.MEDIUM, 5, "medium"),
        (RiskBand.MEDIUM, 4, None),
        (RiskBand.LOW, 1, "low"),
    ],
)
def test_live_risk_at_or_above_the_blocking_band_blocks(band: RiskBand, score: int, label: str | None) -> None:
    report = evaluate(ready_to_deploy(live_risks=(("Data loss", score),)), blocking_band=band)
    if label is None:
        assert report.open
    else:
        assert report.blockers == (f"Open {label} risk (score {score}): Data loss",)


def test_risk_one_band_below_the_blocking_band_is_a_warning() -> None:
    report = evaluate(ready_to_deploy(live_risks=(("Slow search", 12), ("Typo", 2))))
    assert report.open
    assert report.warnings == ("1 risk is still open in the high band.",)


def test_missing_decision_blocks_deploying() -> None:
    report = evaluate(ready_to_deploy(decision_outcome=None))
    assert report.blockers == ("No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide).",)


def test_stale_decision_blocks_deploying() -> None:
    report = evaluate(ready_to_deploy(decision_stale=True))
    assert len(report.blockers) == 1
    assert report.blockers[0].startswith("The last go/no-go decision is stale")
    assert "Hold the review again (g, or relmgr decide)." in report.blockers[0]


def test_no_go_decision_blocks_deploying() -> None:
    report = evaluate(ready_to_deploy(decision_outcome=Outcome.NO_GO))
    assert report.blockers == ("The last go/no-go decision was NO-GO: nothing moves on until a new decision is recorded."
                              " Hold the review again (g, or relmgr decide).",)
    agile = evaluate(ready_to_deploy(decision_outcome=Outcome.NO_GO, methodology=Methodology.AGILE))
    assert agile.stopped and not agile.overridable, "a NO-GO is a stop on agile too"


def test_conditional_go_blocks_until_its_conditions_are_met() -> None:
    unmet = evaluate(ready_to_deploy(decision_outcome=Outcome.CONDITIONAL_GO, decision_conditions=2, decision_unmet=1))
    assert unmet.blockers == ("The conditional GO has 1 unmet condition: mark them met"
                              " (relmgr condition 2.4.0 N --met).",)
    met = evaluate(ready_to_deploy(decision_outcome=Outcome.CONDITIONAL_GO, decision_conditions=2))
    assert met.open


def test_a_used_go_authorises_no_second_move() -> None:
    report = evaluate(ready_to_deploy(decision_used_at=datetime(2026, 11, 26, 9, 30, tzinfo=UTC)))
    assert report.blockers == ("The last GO already authorised the move to Deploying (2026-11-26 09:30 UTC):"
                               " a decision authorises one move. Hold the review again (g, or relmgr decide).",)


def test_an_agile_go_over_blockers_is_the_override() -> None:
    blocked = ready_to_deploy(methodology=Methodology.AGILE, unrehearsed_steps=("Restore",), decision_override=True)
    report = evaluate(blocked)
    assert report.open and report.authorised_by_decision
    assert report.warnings == ("Overridden by the agile GO: Rollback step not rehearsed: Restore",)
    assert not evaluate(replace(blocked, methodology=Methodology.WATERFALL)).open


def test_accepted_risks_are_listed_apart_and_do_not_block() -> None:
    report = evaluate(ready_to_deploy(accepted_risks=(("Vendor outage", 20, "Dana"),)))
    assert report.open
    assert report.warnings == ("Accepted critical risk (score 20): Vendor outage, accepted by Dana",)


def test_live_critical_risks_are_early_warnings_before_deploying() -> None:
    evidence = GateEvidence(version="2.4.0", phase=Phase.PLANNING, methodology=Methodology.WATERFALL,
                            live_risks=(("Vendor outage", 20),))
    assert evaluate(evidence).warnings == ("Open critical risk (score 20) will block Deploying: Vendor outage",)


def test_deploy_conditions_apply_only_to_the_gate_into_deploying() -> None:
    evidence = GateEvidence(version="2.4.0", phase=Phase.TESTING, methodology=Methodology.WATERFALL)
    report = evaluate(evidence)
    assert report.open, "no rollback plan or decision is needed to leave Testing"


def test_leaving_deploying_means_released() -> None:
    report = evaluate(GateEvidence(version="2.4.0", phase=Phase.DEPLOYING, methodology=Methodology.WATERFALL))
    assert report.target is None
    assert report.target_label == "Released"
    assert report.summary() == "Ready to move from Deploying to Released."


def test_on_hold_blocks_every_phase() -> None:
    report = evaluate(
        GateEvidence(version="2.4.0", phase=Phase.BUILDING, methodology=Methodology.AGILE, state=ReleaseState.ON_HOLD,
                     state_reason="legal review")
    )
    assert report.blockers == ("on hold: legal review (resume it first)",)
    assert not report.overridable, "a written reason must not move a release that is on hold"


@pytest.mark.parametrize("state", [ReleaseState.RELEASED, ReleaseState.CANCELLED, ReleaseState.ROLLED_BACK])
def test_a_finished_release_has_no_gate_and_no_blockers(state: ReleaseState) -> None:
    report = evaluate(GateEvidence(version="2.4.0", phase=Phase.TESTING, methodology=Methodology.AGILE, state=state,
                                   open_required_items=("Run the regression suite",)))
    assert (report.blockers, report.warnings) == ((), ())
    assert not report.open and not report.overridable
    assert report.summary() == f"No gate: the release is {state.label}."


def test_waterfall_gate_is_not_overridable_agile_is() -> None:
    blocked = ("Run the regression suite",)
    waterfall = evaluate(GateEvidence("2.4.0", Phase.TESTING, Methodology.WATERFALL, open_required_items=blocked))
    agile = evaluate(GateEvidence("2.4.0", Phase.TESTING, Methodology.AGILE, open_required_items=blocked))
    assert not waterfall.open and not waterfall.overridable
    assert not agile.open and agile.overridable
    assert agile.blockers == waterfall.blockers, "agile advises with the same sentences"


def test_open_optional_items_warn_but_do_not_block() -> None:
    report = evaluate(GateEvidence("2.4.0", Phase.BUILDING, Methodology.WATERFALL, open_optional_items=2))
    assert report.open
    assert report.warnings == ("2 optional items are not done.",)


def test_single_blocker_summary_uses_singular() -> None:
    report = evaluate(ready_to_deploy(rollback_steps=0))
    assert report.summary() == "1 blocker before Preparing → Deploying."


# -- from a loaded release ---------------------------------------------------------------------------


def _detail(
    *,
    items: tuple[ChecklistItem, ...] = (),
    risks: tuple[Risk, ...] = (),
    steps: tuple[RollbackStep, ...] = (),
    decisions: tuple[Decision, ...] = (),
    evidence_revision: int = 3,
    phase: Phase = Phase.PREPARING,
) -> ReleaseDetail:
    release = Release(
        id=1, version="2.4.0", title="Checkout", kind=ReleaseKind.MINOR, methodology=Methodology.WATERFALL,
        phase=phase, state=ReleaseState.ACTIVE, owner="alice", target_date=None, summary="",
        created_at=NOW, updated_at=NOW, evidence_revision=evidence_revision,
    )
    return ReleaseDetail(release, items, risks, steps, decisions)


def _decision(outcome: Outcome = Outcome.GO, revision: int = 3, gate: Phase = Phase.PREPARING, id: int = 1) -> Decision:
    return Decision(id=id, release_id=1, gate=gate, outcome=outcome, rationale="ok", decided_at=NOW,
                    decided_by="alice", evidence_revision=revision)


def test_report_for_a_release_reads_only_its_current_phase_items() -> None:
    items = (
        ChecklistItem(1, 1, Phase.TESTING, 1, "Run UAT", required=True, done=False),
        ChecklistItem(2, 1, Phase.PREPARING, 1, "Final QA", required=True, done=False),
        ChecklistItem(3, 1, Phase.PREPARING, 2, "Announce", required=True, done=True),
        ChecklistItem(4, 1, Phase.PREPARING, 3, "Nice to have", required=False, done=False),
    )
    steps = (RollbackStep(1, 1, 1, "Restore", status=StepStatus.REHEARSED),)
    report = gates.report_for(_detail(items=items, steps=steps, decisions=(_decision(),)))
    assert report.blockers == ("Required Preparing item not done: Final QA",)
    assert report.warnings == ("1 optional item is not done.",)


@pytest.mark.parametrize(
    ("status", "blocks"),
    [(StepStatus.PENDING, True), (StepStatus.FAILED, True), (StepStatus.REHEARSED, False), (StepStatus.EXECUTED, False)],
)
def test_pending_and_failed_steps_count_as_unrehearsed(status: StepStatus, blocks: bool) -> None:
    steps = (RollbackStep(1, 1, 1, "Restore the snapshot", status=status),)
    report = gates.report_for(_detail(steps=steps, decisions=(_decision(),)))
    assert (report.blockers == ("Rollback step not rehearsed: Restore the snapshot",)) is blocks
    assert report.open is not blocks


def test_closed_and_occurred_risks_do_not_block() -> None:
    risks = (
        Risk(1, 1, "Closed", 5, 5, status=RiskStatus.CLOSED),
        Risk(2, 1, "Occurred", 5, 5, status=RiskStatus.OCCURRED),
        Risk(3, 1, "Mitigating", 4, 4, status=RiskStatus.MITIGATING),
    )
    steps = (RollbackStep(1, 1, 1, "Restore", status=StepStatus.REHEARSED),)
    report = gates.report_for(_detail(risks=risks, steps=steps, decisions=(_decision(),)))
    assert report.blockers == ("Open critical risk (score 16): Mitigating",)


def test_decision_taken_before_an_evidence_change_is_stale() -> None:
    steps = (RollbackStep(1, 1, 1, "Restore", status=StepStatus.REHEARSED),)
    current = gates.report_for(_detail(steps=steps, decisions=(_decision(revision=3),), evidence_revision=3))
    stale = gates.report_for(_detail(steps=steps, decisions=(_decision(revision=3),), evidence_revision=4))
    assert current.open
    assert len(stale.blockers) == 1 and "stale" in stale.blockers[0]


def test_only_the_newest_preparing_decision_counts() -> None:
    steps = (RollbackStep(1, 1, 1, "Restore", status=StepStatus.REHEARSED),)
    newest_first = (_decision(Outcome.NO_GO, id=3), _decision(Outcome.GO, id=2),
                    _decision(Outcome.GO, gate=Phase.TESTING, id=1))
    report = gates.report_for(_detail(steps=steps, decisions=newest_first))
    assert report.blockers == ("The last go/no-go decision was NO-GO: nothing moves on until a new decision is recorded."
                              " Hold the review again (g, or relmgr decide).",)
    testing_only = (_decision(Outcome.GO, gate=Phase.TESTING),)
    assert "No go/no-go decision recorded" in gates.report_for(_detail(steps=steps, decisions=testing_only)).blockers[0]


def test_blockers_besides_decision_ignores_only_the_decision() -> None:
    detail = _detail(steps=())
    assert gates.blockers_besides_decision(detail) == (
        "No rollback plan: add at least one rollback step and rehearse it.",
    )
