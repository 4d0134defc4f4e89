"""Checklist items tied to the evidence: a rule the app evaluates instead of a person ticking the item.

A template item may carry `rule = "..."`; the item then ticks and unticks itself whenever the register, the
rollback plan or the decisions change, and cannot be ticked by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from relmgr_tui.domain import gates
from relmgr_tui.domain.model import ReleaseDetail
from relmgr_tui.domain.risk import RiskBand, band_of
from relmgr_tui.domain.wording import plural

RULE_AUTHOR = "relmgr (rule)"
"""The done_by of an item a rule ticked."""


def _risks_resolved(detail: ReleaseDetail, band: RiskBand) -> tuple[bool, str]:
    blocking = [r for r in detail.risks if r.status.is_live and not r.accepted and band_of(r.score) >= band]
    if blocking:
        return False, f"{plural(len(blocking), f'live {band.label} risk')} not resolved or accepted"
    return True, f"no live {band.label} risk, accepted ones aside"


def _rollback_rehearsed(detail: ReleaseDetail, band: RiskBand) -> tuple[bool, str]:
    if not detail.steps:
        return False, "no rollback plan yet"
    pending = [s for s in detail.steps if not s.status.is_rehearsed]
    if pending:
        return False, f"{len(pending)} of {plural(len(detail.steps), 'rollback step')} not rehearsed"
    return True, f"all {plural(len(detail.steps), 'rollback step')} rehearsed"


def _decision_current(detail: ReleaseDetail, band: RiskBand) -> tuple[bool, str]:
    decision = gates.latest_gate_decision(detail)
    if decision is None:
        return False, "no go/no-go decision yet"
    if not decision.outcome.permits_deploy:
        return False, f"the last decision was {decision.outcome.label}"
    if decision.is_stale(detail.release):
        return False, "the last decision is stale"
    if decision.unmet_conditions:
        return False, f"{plural(len(decision.unmet_conditions), 'condition')} not met"
    return True, f"the {decision.outcome.label} is current"


RULES: dict[str, Callable[[ReleaseDetail, RiskBand], tuple[bool, str]]] = {
    "risks_resolved": _risks_resolved,
    "rollback_rehearsed": _rollback_rehearsed,
    "decision_current": _decision_current,
}

READS = {"risks_resolved": "risks", "rollback_rehearsed": "steps", "decision_current": "decisions"}
"""The part of a release's detail each rule reads."""


def affected_by(rule: str, changed: str) -> bool:
    """Whether a change to the `changed` part ("" for any) can change the rule's answer. Every change moves
    the evidence revision, which can make a decision stale, so decision_current is always asked again."""
    return not changed or rule == "decision_current" or READS.get(rule) == changed


DESCRIPTIONS = {
    "risks_resolved": "ticked while no live risk blocks, accepted ones aside",
    "rollback_rehearsed": "ticked while a rollback plan exists and every step is rehearsed",
    "decision_current": "ticked while the go/no-go decision is a current GO with its conditions met",
}


def describe(rule: str) -> str:
    return DESCRIPTIONS.get(rule, f"rule {rule}")


def evaluate(rule: str, detail: ReleaseDetail, band: RiskBand = RiskBand.CRITICAL) -> tuple[bool, str]:
    """(met, why) for one rule; an unknown rule (a newer relmgr's) is never met."""
    check = RULES.get(rule)
    if check is None:
        return False, f"rule {rule!r} is unknown to this relmgr"
    return check(detail, band)
