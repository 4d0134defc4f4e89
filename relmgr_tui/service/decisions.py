"""Go/no-go use cases: record the decision on a gate, and recall who attended the last meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from relmgr_tui.domain import gates, validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Attendee, Condition, Decision, Methodology, Outcome
from relmgr_tui.service.base import UseCases
from relmgr_tui.service.undo import not_undoable, undoable
from relmgr_tui.domain.wording import plural


def _checked_attendee(attendee: Attendee) -> Attendee:
    name = validation.name_field(attendee.name, "attendee name", "attendees")
    return Attendee(name, validation.name_field(attendee.function, "attendee function", "attendees"), attendee.vote)


def _checked_condition(condition: Condition) -> Condition:
    text = validation.bounded_text(condition.text, "condition", validation.MAX_TEXT, "conditions")
    return Condition(text, validation.name_field(condition.owner, "condition owner", "conditions"), condition.deadline)


def decision_label(decision: Decision) -> str:
    """"GO", or "GO once these 2 blockers are cleared" for a waterfall GO taken over blockers."""
    if decision.outcome.permits_deploy and decision.gate_snapshot and not decision.override_reason:
        count = len(decision.gate_snapshot)
        return f"{decision.outcome.label} once {'this blocker is' if count == 1 else f'these {count} blockers are'} cleared"
    return decision.outcome.label


def _override_reason(methodology: Methodology, outcome: Outcome, blockers: tuple[str, ...], reason: str) -> str:
    """The written reason to go over the gate: asked for on agile only, where it is the override."""
    reason = reason.strip()
    if not (outcome.permits_deploy and blockers):
        return reason if outcome.permits_deploy else ""
    if methodology is Methodology.WATERFALL:
        if reason:
            raise InvalidInput("waterfall gates are enforced: a GO over blockers is recorded as"
                               f" 'GO once these {len(blockers)} blockers are cleared'; leave the reason out",
                               field="override_reason")
        return ""
    if not reason:
        raise InvalidInput(f"the gate still has {plural(len(blockers), 'blocker')}: on agile, a {outcome.label}"
                           " over them needs a written reason, which is the override", field="override_reason")
    return reason


class Decisions(UseCases):
    @not_undoable("a go/no-go decision is the record of a meeting: a later meeting records a new one")
    def record_decision(
        self,
        release_id: int,
        outcome: Outcome | str,
        attendees: Sequence[Attendee],
        rationale: str,
        conditions: Sequence[Condition] = (),
        override_reason: str = "",
        review_started_at: datetime | None = None,
    ) -> Decision:
        """Record the decision on the gate out of the release's current phase, with the gate snapshot.

        Waterfall: a GO over blockers is "GO once these N blockers are cleared" (no reason asked; the gate
        still holds). Agile: a GO over blockers needs a written reason, and that reason is the override.
        `review_started_at`: when the review this decision closes began (None: recorded outside a review)."""
        outcome = validation.choice(Outcome, outcome, "outcome")
        rationale = validation.required_text(rationale, "rationale", validation.MAX_TEXT)
        attendees = tuple(_checked_attendee(a) for a in attendees if a.name.strip())
        if not attendees:
            raise InvalidInput("a decision needs at least one attendee with a name and a vote", field="attendees")
        conditions = tuple(_checked_condition(c) for c in conditions if c.text.strip())
        if outcome is Outcome.CONDITIONAL_GO and not conditions:
            raise InvalidInput("a conditional GO needs at least one condition with an owner", field="conditions")
        unowned = next((c for c in conditions if not c.owner.strip()), None)
        if unowned is not None:
            raise InvalidInput(f"every condition needs an owner: {unowned.text.strip()!r} has none", field="conditions")
        now = self.clock()
        if review_started_at is not None and review_started_at > now:
            review_started_at = now
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            blockers = gates.blockers_besides_decision(unit.repo.detail(release_id), self.blocking_band,
                                                      self.blocking_bug, self.templates.signoffs)
            override_reason = _override_reason(release.methodology, outcome, blockers, override_reason)
            decision = Decision(
                id=0,
                release_id=release_id,
                gate=release.phase,
                outcome=outcome,
                rationale=rationale,
                decided_at=now,
                decided_by=self.who,
                evidence_revision=release.evidence_revision,
                attendees=attendees,
                conditions=conditions,
                override_reason=override_reason,
                gate_snapshot=blockers,
                review_started_at=review_started_at,
                review_ended_at=now if review_started_at is not None else None,
                driver=self.who if review_started_at is not None else "",
            )
            decision_id = unit.repo.add_decision(decision)
            unit.event(release, "decision.record", new=f"{decision_label(decision)} on {release.phase.value}",
                       reason=override_reason)
            unit.follow_rules(release_id, "decisions")
            return replace(decision, id=decision_id)

    @undoable
    def set_condition_met(self, release_id: int, number: int, met: bool = True, note: str = "") -> Decision:
        """Mark condition `number` (1-based) of the release's latest decision met, or not met again.

        It does not make the decision stale: meeting its conditions is what the decision asked for."""
        note = validation.bounded_text(note, "note")
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            decisions = unit.repo.decisions(release_id)
            decision = decisions[0] if decisions else None
            if decision is None or not decision.conditions:
                raise InvalidInput(f"{release.version} has no decision with conditions: `relmgr show"
                                   f" {release.version}` lists its decisions", field="condition")
            if not 1 <= number <= len(decision.conditions):
                raise InvalidInput(f"the last decision on {release.version} has"
                                   f" {plural(len(decision.conditions), 'condition')}; there is no condition {number}",
                                   field="condition")
            condition = decision.conditions[number - 1]
            if condition.met == met:
                return decision
            before = (condition.met_by, condition.met_at, condition.met_note)
            unit.repo.set_condition_met(decision.id, number - 1, self.who if met else "",
                                        self.clock() if met else None, note if met else "")
            unit.event(release, "condition.met" if met else "condition.unmet", new=condition.text, reason=note)
            unit.follow_rules(release_id, "decisions")
            unit.undo_by(f"condition {number} {'met' if met else 'not met'}",
                         lambda s, v: s.restore_condition(release_id, decision.id, number, before))
            return unit.repo.decisions(release_id)[0]

    @undoable
    def restore_condition(self, release_id: int, decision_id: int, number: int,
                            state: tuple[str, datetime | None, str]) -> None:
        """Undo of marking a condition: who and when it was met before, as it was."""
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            detail = unit.repo.detail(release_id)
            decision = next(d for d in detail.decisions if d.id == decision_id)
            now = decision.conditions[number - 1]
            unit.repo.set_condition_met(decision_id, number - 1, *state)
            unit.event(release, "condition.met" if state[1] else "condition.unmet", new=now.text)
            unit.follow_rules(release_id, "decisions")
            unit.undo_by(f"condition {number}", lambda s, v: s.restore_condition(
                release_id, decision_id, number, (now.met_by, now.met_at, now.met_note)))

    def last_attendees(self, release_id: int) -> tuple[Attendee, ...]:
        """The attendees of the release's last meeting, so they need not be typed twice."""
        with self._store.read() as repo:
            decisions = repo.decisions(release_id)
        return decisions[0].attendees if decisions else ()
