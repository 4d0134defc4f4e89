"""Lifecycle use cases: hold, resume, cancel, mark rolled back, reopen (the rules: domain/lifecycle.py),
and putting a release's phase, state and dates back, which undoes them and the phase moves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from relmgr_tui.domain import lifecycle, validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.lifecycle import LIFECYCLE_FIELDS, Transition
from relmgr_tui.domain.model import Release, RollbackStep, StepStatus
from relmgr_tui.service.base import Unit, UseCases
from relmgr_tui.service.undo import undoable


class Lifecycle(UseCases):
    def allowed_transitions(self, release: Release) -> tuple[Transition, ...]:
        return lifecycle.allowed(release, self.clock(), self.rollback_window_days)

    @undoable
    def transition(self, release_id: int, transition: Transition | str, reason: str = "",
                   until: date | str | None = None, executed_steps: Iterable[int] = (),
                   expected_version: int | None = None) -> Release:
        """Move the release to another state, writing why and when on it and in the audit log.

        `until`: the day a hold is expected to end. `executed_steps`: the ids of the rollback steps that
        were run when marking it rolled back; they are marked executed."""
        transition = validation.choice(Transition, transition, "transition")
        reason = validation.bounded_text(reason, "reason").strip()
        until = validation.optional_date(until, "until date")
        if until is not None and transition is not Transition.HOLD:
            raise InvalidInput("--until goes with hold only")
        now = self.clock()
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            moved = lifecycle.check(before, transition, reason, now, self.rollback_window_days)
            changes: dict[str, Any] = {
                "state": moved.state, "phase": moved.phase, "state_reason": reason, "state_changed_at": now,
                "hold_until": until, "closed_at": None if moved.state.on_board else now,
            }
            if transition is Transition.REOPEN:
                changes["released_at"] = None  # a fix-forward is released again, on its own day
            steps = self._mark_executed(unit, before, executed_steps, transition)
            after = unit.repo.update(Release, release_id, {**changes, "updated_at": now})
            unit.event(after, transition.event, f"{before.phase.value} {before.state.value}",
                       f"{after.phase.value} {after.state.value}", reason)
            unit.undo_lifecycle(f"{transition.label.lower()} {after.version}", before, after, lambda s, v: s.transition(
                release_id, transition, reason, until, [step.id for step in steps], v), steps)
            return after

    def _mark_executed(self, unit: Unit, release: Release, step_ids: Iterable[int],
                       transition: Transition) -> list[RollbackStep]:
        """Mark the named rollback steps executed; returns them as they were before."""
        wanted = set(step_ids)
        if wanted and transition is not Transition.ROLL_BACK:
            raise InvalidInput("executed rollback steps go with marking a release rolled back only")
        steps = [s for s in unit.repo.steps(release.id) if s.id in wanted]
        if len(steps) != len(wanted):
            raise InvalidInput(f"{release.version} has no such rollback step: name its steps by their number")
        for step in steps:
            unit.repo.update(RollbackStep, step.id, {"status": StepStatus.EXECUTED})
        return steps

    @undoable
    def restore_lifecycle(self, release_id: int, values: dict[str, Any], step_statuses: dict[int, StepStatus],
                          expected_version: int | None = None, unuse_decision: int | None = None) -> Release:
        """Put a release's phase, state, reason and dates back as they were (undo), without the gate.
        `unuse_decision`: the decision the undone move used, which authorises the move again."""
        unknown = set(values) - set(LIFECYCLE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot restore {', '.join(sorted(unknown))} of a release")
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            if unuse_decision is not None:
                unit.repo.set_decision_used(unuse_decision, None)
            old_steps = [s for s in unit.repo.steps(release_id) if s.id in step_statuses]
            for step_id, status in step_statuses.items():
                unit.repo.update(RollbackStep, step_id, {"status": status})
            after = unit.repo.update(Release, release_id, {**values, "updated_at": self.clock()})
            unit.event(after, "release.phase", f"{before.phase.value} {before.state.value}",
                       f"{after.phase.value} {after.state.value}")
            old, statuses = lifecycle.values_of(before), {s.id: s.status for s in old_steps}
            unit.undo_by(f"{after.version} {before.state.label}",
                         lambda s, v: s.restore_lifecycle(release_id, old, statuses, v), after)
            return after
