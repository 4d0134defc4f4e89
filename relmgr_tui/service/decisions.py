"""Go/no-go use cases: record the decision on a gate, and recall who attended the last meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from relmgr_tui.domain import gates, validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Attendee, Condition, Decision, Outcome
from relmgr_tui.service.base import UseCases
from relmgr_tui.service.undo import not_undoable


def _checked_attendee(attendee: Attendee) -> Attendee:
    name = validation.name_field(attendee.name, "attendee name", "attendees")
    return Attendee(name, validation.name_field(attendee.function, "attendee function", "attendees"), attendee.vote)


def _checked_condition(condition: Condition) -> Condition:
    text = validation.bounded_text(condition.text, "condition", validation.MAX_TEXT, "conditions")
    return Condition(text, validation.name_field(condition.owner, "condition owner", "conditions"), condition.deadline)


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
    ) -> Decision:
        """Record the decision on the gate out of the release's current phase, with the gate snapshot."""
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
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            blockers = gates.blockers_besides_decision(unit.repo.detail(release_id), self.blocking_band)
            if outcome.permits_deploy and blockers and not override_reason.strip():
                raise InvalidInput(
                    f"the gate still has {len(blockers)} blocker(s): a {outcome.label} needs a written reason",
                    field="override_reason",
                )
            decision = Decision(
                id=0,
                release_id=release_id,
                gate=release.phase,
                outcome=outcome,
                rationale=rationale,
                decided_at=self.clock(),
                decided_by=self.who,
                evidence_revision=release.evidence_revision,
                attendees=attendees,
                conditions=conditions,
                override_reason=override_reason.strip(),
                gate_snapshot=blockers,
            )
            decision_id = unit.repo.add_decision(decision)
            unit.event(release, "decision.record", new=f"{outcome.label} on {release.phase.value}",
                       reason=override_reason.strip())
            return replace(decision, id=decision_id)

    def last_attendees(self, release_id: int) -> tuple[Attendee, ...]:
        """The attendees of the release's last meeting, so they need not be typed twice."""
        with self._store.read() as repo:
            decisions = repo.decisions(release_id)
        return decisions[0].attendees if decisions else ()
