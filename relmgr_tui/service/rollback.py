"""Rollback plan use cases: add, edit, rehearse or fail a step, reorder, remove and restore."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import RollbackStep, StepStatus
from relmgr_tui.service.base import UseCases, changed, log_text
from relmgr_tui.service.undo import undoable

_NOW_IF_REHEARSED = object()

_STEP_FIELDS = ("action", "command", "owner", "expected_minutes", "status")


def _step_values(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_STEP_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a rollback step")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "action":
            clean[name] = validation.required_text(value, "step action", 500)
        elif name == "expected_minutes":
            clean[name] = validation.minutes(value)
        elif name == "owner":
            clean[name] = validation.name_field(value, "step owner", "owner")
        elif name == "status":
            clean[name] = validation.choice(StepStatus, value, "status")
        else:
            clean[name] = validation.bounded_text(value, name)
    return clean


class Rollback(UseCases):
    @undoable
    def add_step(self, release_id: int, action: str, command: str = "", owner: str = "",
                 expected_minutes: int | str = 5) -> RollbackStep:
        values = _step_values({"action": action, "command": command, "owner": owner,
                               "expected_minutes": expected_minutes})
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            position = max((s.position for s in unit.repo.steps(release_id)), default=0) + 1
            step = unit.repo.insert(RollbackStep, {"release_id": release_id, "position": position, **values})
            unit.touch(release, clearing=True, changed="steps")
            unit.event(release, "step.add", new=step.action)
            unit.undo_by(f"add step '{step.action}'", lambda s, v: s.remove_step(step.id, v), step)
            return step

    @undoable
    def edit_step(self, step_id: int, expected_version: int | None, **changes: Any) -> RollbackStep:
        clean = _step_values(changes)
        with self.unit() as unit:
            before = unit.repo.one(RollbackStep, step_id, expected_version)
            release = unit.repo.release(before.release_id)
            diff = changed(before, clean)
            if not diff:
                return before
            # Compare fields, not the log text: "owner: transaction team" contains "action".
            what_it_does = any(name in diff for name in ("action", "command"))
            rehearse_again = before.status is StepStatus.REHEARSED and what_it_does and "status" not in diff
            again = {"status": StepStatus.PENDING} if rehearse_again else {}
            step = unit.repo.update(RollbackStep, step_id, {**again, **diff})  # a changed step is rehearsed again
            unit.touch(release, changed="steps")
            unit.event(release, "step.edit", *log_text(before, diff))
            old = {name: getattr(before, name) for name in {**diff, **again}}
            unit.undo_by(f"edit step '{step.action}'", lambda s, v: s.edit_step(step_id, v, **old), step)
            return step

    @undoable
    def set_step_status(self, step_id: int, status: StepStatus | str, expected_version: int | None = None,
                        *, rehearsed_at: datetime | None | object = _NOW_IF_REHEARSED) -> RollbackStep:
        """`rehearsed_at` is for undo, which puts back when the step was last rehearsed."""
        status = validation.choice(StepStatus, status, "status")
        with self.unit() as unit:
            before = unit.repo.one(RollbackStep, step_id, expected_version)
            release = unit.repo.release(before.release_id)
            if rehearsed_at is _NOW_IF_REHEARSED:
                rehearsed_at = self.clock() if status is StepStatus.REHEARSED else before.last_rehearsed_at
            step = unit.repo.update(RollbackStep, step_id, {"status": status, "last_rehearsed_at": rehearsed_at})
            unit.touch(release, clearing=status.is_rehearsed, changed="steps")
            unit.event(release, f"step.{status.value}", before.status.value, f"{status.value}: {step.action}")
            unit.undo_by(f"mark step '{step.action}' {status.value}",
                         lambda s, v: s.set_step_status(step_id, before.status, v, rehearsed_at=before.last_rehearsed_at),
                         step)
            return step

    @undoable
    def rehearse_step(self, step_id: int, expected_version: int | None = None) -> RollbackStep:
        return self.set_step_status(step_id, StepStatus.REHEARSED, expected_version)

    @undoable
    def move_step(self, step_id: int, offset: int, expected_version: int | None = None) -> RollbackStep:
        with self.unit() as unit:
            step, moved = unit.repo.move(RollbackStep, step_id, offset, expected_version)
            if moved:
                release = unit.repo.release(step.release_id)
                unit.touch(release, changed="steps")
                unit.event(release, "step.move", new=f"{step.action} -> position {step.position}")
                unit.undo_by(f"move step '{step.action}'", lambda s, v: s.move_step(step_id, -offset, v),
                             step)
            return step

    @undoable
    def remove_step(self, step_id: int, expected_version: int | None = None) -> None:
        with self.unit() as unit:
            step = unit.repo.remove(RollbackStep, step_id, expected_version)
            release = unit.repo.release(step.release_id)
            unit.touch(release, changed="steps")
            unit.event(release, "step.remove", old=step.action)
            unit.undo_by(f"remove step '{step.action}'", lambda s, v: s.restore_step(step))

    @undoable
    def restore_step(self, step: RollbackStep) -> RollbackStep:
        with self.unit() as unit:
            release = unit.repo.release(step.release_id)
            restored = unit.repo.put_back(step)
            unit.touch(release, changed="steps")
            unit.event(release, "step.restore", new=step.action)
            unit.undo_by(f"restore step '{step.action}'", lambda s, v: s.remove_step(step.id, v), restored)
            return restored
