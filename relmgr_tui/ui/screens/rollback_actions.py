"""The rollback pane's keys: add, edit, remove and reorder steps, mark one rehearsed, and record how it went
in a real rollback (executed or failed).

A mixin of ReleaseScreen (see checklist_actions for the pattern).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from relmgr_tui.domain.model import RollbackStep, StepStatus
from relmgr_tui.ui.detail_patch import moved, with_row, without_row
from relmgr_tui.ui.screens.checklist_actions import MOVE
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.step_form import StepFormModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.rollback_list import RollbackList

if TYPE_CHECKING:
    from relmgr_tui.ui.screens.release import ReleaseScreen

ROLLBACK_KEYS = [
    Binding("a", "add_step", "Add", id="workspace.add_step"),
    Binding("e", "edit_step", "Edit", id="workspace.edit_step"),
    Binding("d", "remove_step", "Remove", id="workspace.remove_step"),
    Binding("shift+up", "move_step(-1)", "Move up", key_display="⇧↑", group=MOVE, id="workspace.step_up"),
    Binding("shift+down", "move_step(1)", "Move down", key_display="⇧↓", group=MOVE, id="workspace.step_down"),
    Binding("r", "rehearse", "Rehearse", id="workspace.rehearse"),
    Binding("x", "step_outcome", "Executed/failed", id="workspace.step_outcome"),
]
ROLLBACK_ACTIONS = {"add_step", "edit_step", "remove_step", "move_step", "rehearse", "step_outcome"}

STEP_OUTCOMES = [
    (StepStatus.EXECUTED.value, "executed: the step worked"),
    (StepStatus.FAILED.value, "failed: it did not work (the gate asks for it to be rehearsed again)"),
]


class RollbackActions:
    def _step(self: ReleaseScreen) -> RollbackStep | None:
        return self.current_row(RollbackList, "No rollback step here: press a to add one.")

    def action_add_step(self: ReleaseScreen) -> None:
        if self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> object:
            return self.service.add_step(self.release_id, **values)

        self.app.push_screen(StepFormModal(save), self.saved)

    def command_add_step(self: ReleaseScreen) -> None:
        self.action_pane("rollback")
        self.action_add_step()

    async def action_edit_step(self: ReleaseScreen) -> None:
        await self.settle()
        step = self._step()
        if step is None or self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> object:
            return self.service.edit_step(step.id, step.row_version, **values)

        self.app.push_screen(StepFormModal(save, step), self.saved)

    async def action_remove_step(self: ReleaseScreen) -> None:
        await self.settle()
        step = self._step()
        if step is None or self.app.refuse_if_read_only():
            return

        def answered(yes: bool | None) -> None:
            if yes and self.write(self.service.remove_step, step.id, step.row_version) is not None:
                self.changed(without_row(self.detail, RollbackStep, step.id))

        self.app.push_screen(ConfirmModal(
            f"Remove the rollback step “{printable(step.action)}”?",
            "It leaves the plan; the audit log keeps a record of it.",
            yes_label="Yes, remove",
        ), answered)

    async def action_move_step(self: ReleaseScreen, offset: int) -> None:
        await self.settle()
        step = self._step()
        if step is None or self.app.refuse_if_read_only():
            return
        if self.write(self.service.move_step, step.id, offset) is not None:
            self.changed(moved(self.detail, step, offset))

    async def action_rehearse(self: ReleaseScreen) -> None:
        await self.settle()
        step = self._step()
        if step is None or self.app.refuse_if_read_only():
            return
        rehearsed = self.write(self.service.rehearse_step, step.id, step.row_version)
        if rehearsed is not None:
            self.changed(with_row(self.detail, rehearsed))

    async def action_step_outcome(self: ReleaseScreen) -> None:
        await self.settle()
        step = self._step()
        if step is None or self.app.refuse_if_read_only():
            return

        def answered(choice: tuple[str, str | None] | None) -> None:
            if choice is None:
                return
            done = self.write(self.service.set_step_status, step.id, choice[0], step.row_version)
            if done is not None:
                self.changed(with_row(self.detail, done))

        self.app.push_screen(OutcomeModal("During a real rollback", printable(step.action), STEP_OUTCOMES),
                             answered)
