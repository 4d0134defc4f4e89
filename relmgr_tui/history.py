"""Undo and redo of the changes made in this terminal, through the service and its audit log.

`TrackedService` is the service the app uses: every change it makes is recorded with its inverse. An
inverse runs with the row_version the change left behind, so if anyone changed that row since, the
service raises StaleWrite and undo says so instead of reverting someone else's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite
from relmgr_tui.domain.model import ChecklistItem, Release, RollbackStep
from relmgr_tui.service import Service

LIMIT = 200


@dataclass
class Change:
    """One undoable change: `undo` and `redo` each return the new row_version they leave behind."""

    label: str
    undo: Callable[[], Any]
    redo: Callable[[], Any]


class History:
    def __init__(self) -> None:
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.replaying = False

    def push(self, change: Change) -> None:
        if self.replaying:
            return
        self.undo_stack.append(change)
        del self.undo_stack[:-LIMIT]
        self.redo_stack.clear()


class TrackedService(Service):
    """The service with a memory: `undo()` and `redo()` replay inverses of this terminal's changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.history = History()

    # -- undo / redo ---------------------------------------------------------------------------

    def undo(self) -> str:
        return self._replay(self.history.undo_stack, self.history.redo_stack, "undo", "Undid")

    def redo(self) -> str:
        return self._replay(self.history.redo_stack, self.history.undo_stack, "redo", "Redid")

    def _replay(self, source: list[Change], target: list[Change], marker: str, verb: str) -> str:
        if not source:
            raise InvalidInput(f"nothing to {marker} in this terminal")
        change = source[-1]
        step = change.undo if marker == "undo" else change.redo
        self.history.replaying = True
        try:
            with self.marked(marker):
                step()
        except (StaleWrite, NotFound) as exc:
            source.pop()
            who = getattr(exc, "changed_by", "") or "someone"
            what = f" ({exc.change})" if getattr(exc, "change", "") else ""
            raise StaleWrite(
                f"Cannot {marker} '{change.label}': {who} changed it since in another terminal{what}."
                " Their change stays.",
                changed_by=who,
            ) from None
        finally:
            self.history.replaying = False
        target.append(source.pop())
        return f"{verb}: {change.label}"

    def _record(self, label: str, undo: Callable[[], Any], redo: Callable[[], Any]) -> None:
        self.history.push(Change(label, undo, redo))

    def _flip(self, label: str, version: int, backward: Callable[[int], Any], forward: Callable[[int], Any]) -> None:
        """Record a change whose inverse and replay both take the row_version left by the last run."""
        state = {"version": version}

        def run(call: Callable[[int], Any]) -> None:
            state["version"] = call(state["version"]).row_version

        self._record(label, lambda: run(backward), lambda: run(forward))

    # -- releases ------------------------------------------------------------------------------

    def create_release(self, *args: Any, **kwargs: Any) -> Release:
        release = super().create_release(*args, **kwargs)
        snapshot: dict[str, Any] = {}

        def undo() -> None:
            snapshot["detail"] = self.detail(release.id)
            Service.delete_release(self, release.id, snapshot["detail"].release.row_version)

        self._record(f"create {release.version}", undo, lambda: Service.restore_release(self, snapshot["detail"]))
        return release

    def _edited(self, label: str, before: Any, after: Any, edit: Callable[..., Any], row_id: int,
                changes: dict[str, Any]) -> Any:
        """Record an edit: undo puts the changed fields back, redo applies them again."""
        old = {name: getattr(before, name) for name in changes}
        self._flip(label, after.row_version, lambda v: edit(self, row_id, v, **old),
                   lambda v: edit(self, row_id, v, **changes))
        return after

    def edit_release(self, release_id: int, expected_version: int | None, **changes: Any) -> Release:
        before = self.release_by_id(release_id)
        after = super().edit_release(release_id, expected_version, **changes)
        return self._edited(f"edit {after.version}", before, after, Service.edit_release, release_id, changes)

    def set_state(self, release_id: int, state: Any, reason: str = "", expected_version: int | None = None) -> Release:
        before = self.release_by_id(release_id)
        after = super().set_state(release_id, state, reason, expected_version)
        self._flip(
            f"{after.version} {after.state.label}", after.row_version,
            lambda v: Service.set_state(self, release_id, before.state, "", v),
            lambda v: Service.set_state(self, release_id, after.state, reason, v),
        )
        return after

    def delete_release(self, release_id: int, expected_version: int | None = None) -> Release:
        detail = self.detail(release_id)
        deleted = super().delete_release(release_id, expected_version)

        def redo() -> None:
            Service.delete_release(self, release_id, self.release_by_id(release_id).row_version)

        self._record(f"delete {deleted.version}", lambda: Service.restore_release(self, detail), redo)
        return deleted

    def advance(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        before = self.release_by_id(release_id)
        after = super().advance(release_id, reason, expected_version)
        self._flip(
            f"move {after.version} to {after.phase.label if after.state.on_board else 'released'}", after.row_version,
            lambda v: Service.restore_phase(self, release_id, before.phase, before.state, v),
            lambda v: Service.advance(self, release_id, reason, v),
        )
        return after

    def move_back(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        before = self.release_by_id(release_id)
        after = super().move_back(release_id, reason, expected_version)
        self._flip(
            f"move {after.version} back to {after.phase.label}", after.row_version,
            lambda v: Service.restore_phase(self, release_id, before.phase, before.state, v),
            lambda v: Service.move_back(self, release_id, reason, v),
        )
        return after

    # -- checklist -----------------------------------------------------------------------------

    def set_done(self, item_id: int, done: bool, expected_version: int | None = None) -> ChecklistItem:
        before = self.item(item_id)
        item = super().set_done(item_id, done, expected_version)
        if before.done != done:
            self._flip(
                f"{'tick' if done else 'untick'} '{item.text}'", item.row_version,
                lambda v: Service.set_done(self, item_id, not done, v),
                lambda v: Service.set_done(self, item_id, done, v),
            )
        return item

    def add_item(self, *args: Any, **kwargs: Any) -> ChecklistItem:
        item = super().add_item(*args, **kwargs)
        self._record(
            f"add '{item.text}'",
            lambda: Service.remove_item(self, item.id, self.item(item.id).row_version),
            lambda: Service.restore_item(self, item),
        )
        return item

    def edit_item(self, item_id: int, expected_version: int | None, **changes: Any) -> ChecklistItem:
        before = self.item(item_id)
        after = super().edit_item(item_id, expected_version, **changes)
        return self._edited(f"edit '{after.text}'", before, after, Service.edit_item, item_id, changes)

    def remove_item(self, item_id: int, expected_version: int | None = None) -> None:
        item = self.item(item_id)
        super().remove_item(item_id, expected_version)
        self._record(
            f"remove '{item.text}'",
            lambda: Service.restore_item(self, item),
            lambda: Service.remove_item(self, item_id, self.item(item_id).row_version),
        )

    def move_item(self, item_id: int, offset: int) -> ChecklistItem:
        item = super().move_item(item_id, offset)
        self._moved(f"move '{item.text}'", item.row_version, self.item, lambda o: Service.move_item(self, item_id, o),
                    item_id, offset)
        return item

    def _moved(self, label: str, version: int, load: Callable[[int], Any], move: Callable[[int], Any],
               row_id: int, offset: int) -> None:
        """Reordering takes no version: check it by hand so a colleague's later move is never undone."""
        def guarded(step: int) -> Callable[[int], Any]:
            def run(expected: int) -> Any:
                if load(row_id).row_version != expected:
                    raise StaleWrite("it was moved or edited in another terminal since")
                return move(step)
            return run

        self._flip(label, version, guarded(-offset), guarded(offset))

    # -- risks ---------------------------------------------------------------------------------

    def add_risk(self, *args: Any, **kwargs: Any):
        risk = super().add_risk(*args, **kwargs)
        self._record(
            f"add risk '{risk.title}'",
            lambda: Service.remove_risk(self, risk.id, self.risk(risk.id).row_version),
            lambda: Service.restore_risk(self, risk),
        )
        return risk

    def edit_risk(self, risk_id: int, expected_version: int | None, **changes: Any):
        before = self.risk(risk_id)
        after = super().edit_risk(risk_id, expected_version, **changes)
        return self._edited(f"edit risk '{after.title}'", before, after, Service.edit_risk, risk_id, changes)

    def close_risk(self, risk_id: int, outcome: Any, expected_version: int | None = None, note: str = ""):
        before = self.risk(risk_id)
        after = super().close_risk(risk_id, outcome, expected_version, note)
        self._flip(
            f"close risk '{after.title}'", after.row_version,
            lambda v: Service.reopen_risk(self, risk_id, before.status, v),
            lambda v: Service.close_risk(self, risk_id, outcome, v, note),
        )
        return after

    # -- rollback plan -------------------------------------------------------------------------

    def add_step(self, *args: Any, **kwargs: Any) -> RollbackStep:
        step = super().add_step(*args, **kwargs)
        self._record(
            f"add step '{step.action}'",
            lambda: Service.remove_step(self, step.id, self.step(step.id).row_version),
            lambda: Service.restore_step(self, step),
        )
        return step

    def edit_step(self, step_id: int, expected_version: int | None, **changes: Any) -> RollbackStep:
        before = self.step(step_id)
        after = super().edit_step(step_id, expected_version, **changes)
        return self._edited(f"edit step '{after.action}'", before, after, Service.edit_step, step_id, changes)

    def set_step_status(self, step_id: int, status: Any, expected_version: int | None = None) -> RollbackStep:
        before = self.step(step_id)
        after = super().set_step_status(step_id, status, expected_version)
        self._flip(
            f"mark step '{after.action}' {after.status.value}", after.row_version,
            lambda v: Service.set_step_status(self, step_id, before.status, v),
            lambda v: Service.set_step_status(self, step_id, after.status, v),
        )
        return after

    def move_step(self, step_id: int, offset: int) -> RollbackStep:
        step = super().move_step(step_id, offset)
        self._moved(f"move step '{step.action}'", step.row_version, self.step,
                    lambda o: Service.move_step(self, step_id, o), step_id, offset)
        return step

    def remove_step(self, step_id: int, expected_version: int | None = None) -> None:
        step = self.step(step_id)
        super().remove_step(step_id, expected_version)
        self._record(
            f"remove step '{step.action}'",
            lambda: Service.restore_step(self, step),
            lambda: Service.remove_step(self, step_id, self.step(step_id).row_version),
        )
