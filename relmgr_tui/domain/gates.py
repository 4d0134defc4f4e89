"""May this release leave its phase?  Every blocker is reported, each as a sentence a person reads.

The gate takes a compact `GateEvidence` rather than whole rows so that the board can judge two thousand
cards from a handful of grouped queries, and the workspace from one loaded release: one rule, two callers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from relmgr_tui.domain.model import (
    Decision,
    Methodology,
    Outcome,
    Phase,
    ReleaseDetail,
    ReleaseState,
)
from relmgr_tui.domain.risk import RiskBand, band_of


@dataclass(frozen=True, slots=True)
class GateEvidence:
    """What the gate out of `phase` looks at."""

    version: str
    phase: Phase
    methodology: Methodology
    state: ReleaseState = ReleaseState.ACTIVE
    state_reason: str = ""
    open_required_items: tuple[str, ...] = ()
    """Texts of the required checklist items of `phase` that are not done."""
    open_optional_items: int = 0
    rollback_steps: int = 0
    unrehearsed_steps: tuple[str, ...] = ()
    """Actions of rollback steps that were never rehearsed (pending or failed)."""
    live_risks: tuple[tuple[str, int], ...] = ()
    """(title, score) of every open or mitigating risk."""
    decision_outcome: Outcome | None = None
    """The latest decision on the gate out of Preparing, if any."""
    decision_stale: bool = False
    decision_conditions: int = 0


@dataclass(frozen=True, slots=True)
class GateReport:
    phase: Phase
    target: Phase | None
    """The phase the release would enter; None when leaving Deploying means it is released."""
    methodology: Methodology
    blockers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    state: ReleaseState = ReleaseState.ACTIVE

    @property
    def open(self) -> bool:
        """Nothing stands in the way; a finished release has no blockers, and no gate to pass either."""
        return not self.blockers and self.state.on_board

    @property
    def overridable(self) -> bool:
        """Agile gates advise: a written reason lets an active release through anyway. A release on hold,
        released, rolled back or cancelled does not move, whatever the methodology."""
        return self.methodology is Methodology.AGILE and self.state is ReleaseState.ACTIVE

    @property
    def target_label(self) -> str:
        return self.target.label if self.target else "Released"

    def summary(self) -> str:
        if not self.state.on_board:
            return f"No gate: the release is {self.state.label}."
        if self.open:
            return f"Ready to move from {self.phase.label} to {self.target_label}."
        count = len(self.blockers)
        noun = "blocker" if count == 1 else "blockers"
        return f"{count} {noun} before {self.phase.label} → {self.target_label}."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def evaluate(evidence: GateEvidence, blocking_band: RiskBand = RiskBand.CRITICAL) -> GateReport:
    """Judge the gate out of the release's current phase."""
    blockers: list[str] = []
    warnings: list[str] = []
    phase = evidence.phase
    target = phase.next

    if not evidence.state.on_board:
        return GateReport(phase, target, evidence.methodology, state=evidence.state)  # finished: no gate
    blockers.extend(lifecycle_blockers(evidence))

    for text in evidence.open_required_items:
        blockers.append(f"Required {phase.label} item not done: {text}")
    if evidence.open_optional_items:
        warnings.append(
            f"{_plural(evidence.open_optional_items, 'optional item is', 'optional items are')} not done."
        )

    if target is Phase.DEPLOYING:
        blockers.extend(_deploy_blockers(evidence, blocking_band))
        if evidence.decision_conditions and evidence.decision_outcome is Outcome.CONDITIONAL_GO:
            warnings.append(
                f"The conditional GO has {_plural(evidence.decision_conditions, 'condition', 'conditions')}"
                " to meet."
            )

    below = RiskBand(blocking_band - 1) if blocking_band > RiskBand.LOW else None
    if below is not None:
        near = [title for title, score in evidence.live_risks if band_of(score) == below]
        if near:
            warnings.append(
                f"{_plural(len(near), 'risk is', 'risks are')} still open in the {below.label} band."
            )

    return GateReport(phase, target, evidence.methodology, tuple(blockers), tuple(warnings), evidence.state)


def lifecycle_blockers(evidence: GateEvidence) -> list[str]:
    """A release on hold cannot move, whatever else is done."""
    if evidence.state is ReleaseState.ON_HOLD:
        return [f"on hold: {evidence.state_reason or 'no reason given'} (resume it first)"]
    return []


def _deploy_blockers(evidence: GateEvidence, blocking_band: RiskBand) -> list[str]:
    blockers: list[str] = []
    if evidence.rollback_steps == 0:
        blockers.append("No rollback plan: add at least one rollback step and rehearse it.")
    for action in evidence.unrehearsed_steps:
        blockers.append(f"Rollback step not rehearsed: {action}")
    for title, score in evidence.live_risks:
        band = band_of(score)
        if band >= blocking_band:
            blockers.append(f"Open {band.label} risk (score {score}): {title}")
    if evidence.decision_outcome is None:
        blockers.append("No go/no-go decision recorded: hold the go/no-go review (g).")
    elif evidence.decision_stale:
        blockers.append(
            "The last go/no-go decision is stale: the checklist, risks or rollback plan changed since."
            " Hold the review again (g)."
        )
    elif not evidence.decision_outcome.permits_deploy:
        blockers.append("The last go/no-go decision was NO-GO.")
    return blockers


def latest_gate_decision(detail: ReleaseDetail, gate: Phase = Phase.PREPARING) -> Decision | None:
    """The newest decision on `gate` (decisions are kept newest first)."""
    return next((d for d in detail.decisions if d.gate == gate), None)


def evidence_of(detail: ReleaseDetail) -> GateEvidence:
    """Gather the gate evidence from a fully loaded release."""
    release = detail.release
    items = detail.items_in(release.phase)
    decision = latest_gate_decision(detail)
    return GateEvidence(
        version=release.version,
        phase=release.phase,
        methodology=release.methodology,
        state=release.state,
        state_reason=release.state_reason,
        open_required_items=tuple(i.text for i in items if i.required and not i.done),
        open_optional_items=sum(1 for i in items if not i.required and not i.done),
        rollback_steps=len(detail.steps),
        unrehearsed_steps=tuple(
            s.action for s in detail.steps if not s.status.is_rehearsed
        ),
        live_risks=tuple((r.title, r.score) for r in detail.risks if r.status.is_live),
        decision_outcome=decision.outcome if decision else None,
        decision_stale=decision.is_stale(release) if decision else False,
        decision_conditions=len(decision.conditions) if decision else 0,
    )


def report_for(detail: ReleaseDetail, blocking_band: RiskBand = RiskBand.CRITICAL) -> GateReport:
    return evaluate(evidence_of(detail), blocking_band)


def blockers_besides_decision(detail: ReleaseDetail, blocking_band: RiskBand = RiskBand.CRITICAL) -> tuple[str, ...]:
    """The blockers a GO would be taken over: the gate judged as if a current GO were already recorded."""
    evidence = replace(evidence_of(detail), decision_outcome=Outcome.GO, decision_stale=False)
    return evaluate(evidence, blocking_band).blockers
