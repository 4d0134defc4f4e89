"""May this release leave its phase?  Every blocker is reported, each as a sentence a person reads.

The gate takes a compact `GateEvidence` rather than whole rows so that the board can judge two thousand
cards from a handful of grouped queries, and the workspace from one loaded release: one rule, two callers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from relmgr_tui.domain.model import (
    Decision,
    Methodology,
    Outcome,
    Phase,
    ReleaseDetail,
    ReleaseKind,
    ReleaseState,
    ScopeItem,
    ScopeType,
    Severity,
    Window,
    Verdict,
    move_label,
    signoff_move,
)
from relmgr_tui.domain.risk import RiskBand, band_of
from relmgr_tui.domain.schedule import Freeze, exempt_text, window_text, window_warnings


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
    """(title, score) of every open or mitigating risk not accepted."""
    accepted_risks: tuple[tuple[str, int, str], ...] = ()
    """(title, score, accepted by) of every live risk someone accepted: listed apart, never a blocker."""
    decision_outcome: Outcome | None = None
    """The latest decision on the gate out of Preparing, if any."""
    decision_stale: bool = False
    decision_conditions: int = 0
    decision_unmet: int = 0
    """Conditions of that decision not yet marked met."""
    decision_unmet_due: date | None = None
    """The earliest due date among those conditions (a condition past it shows on the card)."""
    decision_used_at: datetime | None = None
    """When that decision authorised the move into Deploying (it authorises one move)."""
    decision_override: bool = False
    """That decision is a GO over blockers with a written reason: on agile, the override itself."""
    open_bugs: tuple[tuple[str, str, Severity], ...] = ()
    """(key, title, severity) of every open or in-progress bug in the scope that has a severity."""
    unfinished_features: tuple[str, ...] = ()
    """Keys of the scope's features still open or in progress."""
    kind: ReleaseKind | None = None
    window: Window | None = None
    """The deployment window (issue #15)."""
    freezes: tuple[Freeze, ...] = ()
    """The change freezes overlapping the window: one that applies to `kind` blocks entering Deploying."""
    schedule_warnings: tuple[str, ...] = ()
    """Clashing windows and public holidays (schedule.window_warnings): said, never blocking."""
    signoffs_required: tuple[str, ...] = ()
    """The roles the templates ask to sign off this move (`[signoffs]`)."""
    signoffs: tuple[tuple[str, str, Verdict, bool], ...] = ()
    """(role, who, verdict, stale) of each sign-off given for this move."""


@dataclass(frozen=True, slots=True)
class GateReport:
    phase: Phase
    target: Phase | None
    """The phase the release would enter; None when leaving Deploying means it is released."""
    methodology: Methodology
    blockers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    state: ReleaseState = ReleaseState.ACTIVE
    stopped: bool = False
    """A NO-GO was recorded: nothing overrides it but a new decision."""
    authorised_by_decision: bool = False
    """Open only because an agile GO over blockers, with its written reason, overrode them."""
    frozen: bool = False
    """A change freeze covers the deployment window: no agile override or GO lets the release through."""

    @property
    def open(self) -> bool:
        """Nothing stands in the way; a finished release has no blockers, and no gate to pass either."""
        return not self.blockers and self.state.on_board

    @property
    def overridable(self) -> bool:
        """Agile gates advise: a written reason lets an active release through anyway. A release on hold,
        released, rolled back or cancelled does not move, whatever the methodology; nor does a NO-GO."""
        return (self.methodology is Methodology.AGILE and self.state is ReleaseState.ACTIVE and not self.stopped
                and not self.frozen)

    @property
    def target_label(self) -> str:
        return self.target.label if self.target else "Released"

    def summary(self, arrow: str = "→") -> str:
        """One sentence; the command line and the exports pass `arrow="->"`, their text being plain ASCII."""
        if not self.state.on_board:
            return f"No gate: the release is {self.state.label}."
        if self.open:
            return f"Ready to move from {self.phase.label} to {self.target_label}."
        count = len(self.blockers)
        noun = "blocker" if count == 1 else "blockers"
        return f"{count} {noun} before {self.phase.label} {arrow} {self.target_label}."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def evaluate(evidence: GateEvidence, blocking_band: RiskBand = RiskBand.CRITICAL,
             blocking_bug: Severity = Severity.CRITICAL) -> GateReport:
    """Judge the gate out of the release's current phase; `blocking_bug` is config.toml's
    blocking_bug_severity."""
    blockers: list[str] = []
    warnings: list[str] = []
    phase = evidence.phase
    target = phase.next

    if not evidence.state.on_board:
        return GateReport(phase, target, evidence.methodology, state=evidence.state)  # finished: no gate
    blockers.extend(lifecycle_blockers(evidence))

    evidence_blockers = [f"Required {phase.label} item not done: {text}" for text in evidence.open_required_items]
    if evidence.open_optional_items:
        warnings.append(
            f"{_plural(evidence.open_optional_items, 'optional item is', 'optional items are')} not done."
        )

    stopped = authorised = False
    if target is Phase.DEPLOYING:
        evidence_blockers += _deploy_blockers(evidence, blocking_band)
        evidence_blockers += scope_blockers(evidence, blocking_bug)
        decision = decision_blockers(evidence)
        stopped = evidence.decision_outcome is Outcome.NO_GO
        if evidence_blockers and not decision and not blockers and _overridden_by_decision(evidence):
            warnings.extend(f"Overridden by the agile GO: {b}" for b in evidence_blockers)
            evidence_blockers, authorised = [], True
        evidence_blockers += decision
        warnings.extend(accepted_risk_warnings(evidence))
        warnings.extend(scope_warnings(evidence))
    elif target is not None and target.index < Phase.DEPLOYING.index:
        warnings.extend(early_risk_warnings(evidence, blocking_band))
    blockers.extend(evidence_blockers)
    frozen = freeze_blockers(evidence) if target is Phase.DEPLOYING else []
    blockers.extend(frozen)
    warnings.extend(evidence.schedule_warnings)
    blockers.extend(signoff_blockers(evidence))

    below = RiskBand(blocking_band - 1) if blocking_band > RiskBand.LOW else None
    if below is not None:
        near = [title for title, score in evidence.live_risks if band_of(score) == below]
        if near:
            warnings.append(
                f"{_plural(len(near), 'risk is', 'risks are')} still open in the {below.label} band."
            )

    return GateReport(phase, target, evidence.methodology, tuple(blockers), tuple(warnings), evidence.state,
                      stopped, authorised, frozen=bool(frozen))


def lifecycle_blockers(evidence: GateEvidence) -> list[str]:
    """A release on hold cannot move, whatever else is done."""
    if evidence.state is ReleaseState.ON_HOLD:
        return [f"on hold: {evidence.state_reason or 'no reason given'} (resume it first)"]
    return []


def _deploy_blockers(evidence: GateEvidence, blocking_band: RiskBand) -> list[str]:
    blockers: list[str] = []
    if evidence.rollback_steps == 0:
        blockers.append(NO_ROLLBACK_PLAN)
    for action in evidence.unrehearsed_steps:
        blockers.append(f"{UNREHEARSED_STEP}{action}")
    for title, score in evidence.live_risks:
        band = band_of(score)
        if band >= blocking_band:
            blockers.append(f"Open {band.label} risk (score {score}): {title}")
    return blockers


def _overridden_by_decision(evidence: GateEvidence) -> bool:
    """On agile, a current GO taken over blockers with a written reason is the override: no second one."""
    return (evidence.methodology is Methodology.AGILE and evidence.decision_override
            and evidence.state is ReleaseState.ACTIVE)


def decision_blockers(evidence: GateEvidence) -> list[str]:
    """What the go/no-go decision still lacks before it authorises the move into Deploying."""
    outcome = evidence.decision_outcome
    if outcome is None:
        return ["No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide)."]
    if outcome is Outcome.NO_GO:
        return ["The last go/no-go decision was NO-GO: nothing moves on until a new decision is recorded."
                " Hold the review again (g, or relmgr decide)."]
    if evidence.decision_used_at is not None:
        return [f"The last {outcome.label} already authorised the move to Deploying"
                f" ({evidence.decision_used_at:%Y-%m-%d %H:%M} UTC): a decision authorises one move."
                " Hold the review again (g, or relmgr decide)."]
    if evidence.decision_stale:
        return ["The last go/no-go decision is stale: what the meeting saw changed since."
                " Hold the review again (g, or relmgr decide)."]
    if evidence.decision_unmet:
        return [f"The conditional GO has {_plural(evidence.decision_unmet, 'unmet condition', 'unmet conditions')}:"
                f" mark them met (relmgr condition {evidence.version} N --met)."]
    return []


def signoff_blockers(evidence: GateEvidence) -> list[str]:
    """Each role the templates ask for whose sign-off of this move is missing, a rejection, or stale."""
    given = {role: (who, verdict, stale) for role, who, verdict, stale in evidence.signoffs}
    before = f"before {move_label(signoff_move(evidence.phase))}"
    blockers = []
    for role in evidence.signoffs_required:
        who, verdict, stale = given.get(role, ("", None, False))
        again = f"relmgr signoff {evidence.version} --role {role}"
        if verdict is None:
            blockers.append(f"Sign-off missing: {role} ({before}): {again}")
        elif verdict is Verdict.REJECT:
            blockers.append(f"Sign-off rejected: {role} by {who} ({before}): resolve it and sign off again ({again})")
        elif stale:
            blockers.append(f"Sign-off stale: {role} by {who}, the release changed since ({before}): sign off"
                            f" again ({again})")
    return blockers


def accepted_risk_warnings(evidence: GateEvidence) -> list[str]:
    """Accepted risks, listed apart: they do not block, and the record says who accepted them."""
    return [f"Accepted {band_of(score).label} risk (score {score}): {title}, accepted by {who}"
            for title, score, who in evidence.accepted_risks]


def early_risk_warnings(evidence: GateEvidence, blocking_band: RiskBand) -> list[str]:
    """A risk that will block Deploying, said at every gate before it so nobody meets it at the last one."""
    return [f"Open {band_of(score).label} risk (score {score}) will block Deploying: {title}"
            for title, score in evidence.live_risks if band_of(score) >= blocking_band]


def scope_blockers(evidence: GateEvidence, blocking_bug: Severity) -> list[str]:
    """Open bugs at or above the blocking severity keep the release out of Deploying, each by its key."""
    return [f"Open {severity.value} bug {key}: {title}" for key, title, severity in evidence.open_bugs
            if severity.at_least(blocking_bug)]


def blocks_deploying(item: ScopeItem, blocking_bug: Severity) -> bool:
    """An open bug at or above the blocking severity: what `scope_blockers` names, by item."""
    return item.open_bug and item.severity is not None and item.severity.at_least(blocking_bug)


SHOWN_FEATURES = 5


def scope_warnings(evidence: GateEvidence) -> list[str]:
    """Unfinished features do not block: they are said, with the way to defer them."""
    keys = evidence.unfinished_features
    if not keys:
        return []
    more = f" and {len(keys) - SHOWN_FEATURES} more" if len(keys) > SHOWN_FEATURES else ""
    return [f"{_plural(len(keys), 'feature is', 'features are')} not done ({', '.join(keys[:SHOWN_FEATURES])}{more}):"
            f" finish or defer them (D in the Scope pane, or relmgr scope defer {evidence.version} --to VERSION)."]
def freeze_blockers(evidence: GateEvidence) -> list[str]:
    """Each change freeze over the deployment window that applies to the release's kind. Not overridable:
    a freeze is the organisation's decision, not the release's."""
    window = evidence.window
    if window is None or evidence.kind is None:
        return []
    return [f"Change freeze {f.name!r} {f.dates_text()} covers the deployment window ({window_text(window)}):"
            f" move the window, or deploy as an exempt kind ({exempt_text(f.exempt_kinds)})"
            for f in evidence.freezes if f.applies_to(evidence.kind) and f.overlaps(window.start, window.end)]


NO_ROLLBACK_PLAN = "No rollback plan: add at least one rollback step and rehearse it."
UNREHEARSED_STEP = "Rollback step not rehearsed: "


def within_snapshot(blockers: tuple[str, ...], snapshot: tuple[str, ...]) -> bool:
    """Whether every blocker now was one the meeting listed: the steps of a plan that was missing then
    count as listed, since adding them is how that blocker is cleared."""
    listed = set(snapshot)
    return all(b in listed or (b.startswith(UNREHEARSED_STEP) and NO_ROLLBACK_PLAN in listed) for b in blockers)


def latest_gate_decision(detail: ReleaseDetail, gate: Phase = Phase.PREPARING) -> Decision | None:
    """The newest decision on `gate` (decisions are kept newest first)."""
    return next((d for d in detail.decisions if d.gate == gate), None)


SignoffRules = Mapping[str, tuple[str, ...]]
"""The roles that must sign off, by move (`TemplateSet.signoffs`)."""


def evidence_of(detail: ReleaseDetail, signoff_rules: SignoffRules = {}) -> GateEvidence:
    """Gather the gate evidence from a fully loaded release."""
    release = detail.release
    move = signoff_move(release.phase)
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
        live_risks=tuple((r.title, r.score) for r in detail.risks if r.status.is_live and not r.accepted),
        accepted_risks=tuple((r.title, r.score, r.accepted_by) for r in detail.risks
                             if r.status.is_live and r.accepted),
        decision_outcome=decision.outcome if decision else None,
        decision_stale=decision.is_stale(release) if decision else False,
        decision_conditions=len(decision.conditions) if decision else 0,
        decision_unmet=len(decision.unmet_conditions) if decision else 0,
        decision_unmet_due=min((c.deadline for c in decision.unmet_conditions if c.deadline), default=None)
        if decision else None,
        decision_used_at=decision.used_at if decision else None,
        decision_override=bool(decision and decision.outcome.permits_deploy and decision.override_reason),
        open_bugs=tuple((i.key, i.title, i.severity) for i in detail.scope if i.open_bug and i.severity is not None),
        unfinished_features=tuple(i.key for i in detail.scope if i.type is ScopeType.FEATURE and i.status.unfinished),
        kind=release.kind,
        window=release.window,
        freezes=detail.freezes,
        schedule_warnings=window_warnings(release, detail.neighbours, detail.holidays),
        signoffs_required=tuple(signoff_rules.get(move, ())),
        signoffs=tuple((s.role, s.who, s.verdict, s.is_stale(release)) for s in detail.signoffs_for(move)),
    )


def report_for(detail: ReleaseDetail, blocking_band: RiskBand = RiskBand.CRITICAL,
               blocking_bug: Severity = Severity.CRITICAL, signoff_rules: SignoffRules = {}) -> GateReport:
    return evaluate(evidence_of(detail, signoff_rules), blocking_band, blocking_bug)


def blockers_besides_decision(detail: ReleaseDetail, blocking_band: RiskBand = RiskBand.CRITICAL,
                              blocking_bug: Severity = Severity.CRITICAL,
                              signoff_rules: SignoffRules = {}) -> tuple[str, ...]:
    """The blockers a GO would be taken over: the gate judged as if a current GO were already recorded."""
    evidence = replace(evidence_of(detail, signoff_rules), decision_outcome=Outcome.GO, decision_stale=False, decision_unmet=0,
                       decision_used_at=None, decision_override=False)
    return evaluate(evidence, blocking_band, blocking_bug).blockers
