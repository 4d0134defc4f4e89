"""The rollback pane: the plan, and its keys: add, edit, remove and reorder steps, mark one rehearsed, and
record how it went in a real rollback (see `pane` for how a pane asks the screen to write)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relmgr_tui.domain.model import ReleaseDetail, RollbackStep, StepStatus
from relmgr_tui.ui.detail_patch import moved, with_row, without_row
from relmgr_tui.ui.screens.checklist_pane import MOVE
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.pane import WorkspacePane, WriteRequest
from relmgr_tui.ui.screens.step_form import StepFormModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.rollback_list import RollbackList

NO_STEP = "No rollback step here: press a to add one."
STEP_OUTCOMES = [
    (StepStatus.EXECUTED.value, "executed: the step worked"),
    (StepStatus.FAILED.value, "failed: it did not work (the gate asks for it to be rehearsed again)"),
]


def plan_title(steps: tuple[RollbackStep, ...] | list[RollbackStep]) -> str:
    minutes = sum(s.expected_minutes for s in steps)
    ready = sum(1 for s in steps if s.status.is_rehearsed)
    if not steps:
        gate = "✗ no plan: Deploying needs at least one rehearsed step"
    elif ready < len(steps):
        gate = f"✗ {len(steps) - ready} not rehearsed: they block Deploying"
    else:
        gate = "✓ every step rehearsed"
    count = f"{len(steps)} step{'' if len(steps) == 1 else 's'}"
    return f"Rollback plan · {count} · {minutes} min expected in total · {gate}"


class RollbackPane(WorkspacePane):
    LIST = RollbackList
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_step", "Add", id="workspace.add_step"),
        Binding("e", "edit_step", "Edit", id="workspace.edit_step"),
        Binding("d", "remove_step", "Remove", id="workspace.remove_step"),
        Binding("shift+up", "move_step(-1)", "Move up", key_display="⇧↑", group=MOVE, id="workspace.step_up"),
        Binding("shift+down", "move_step(1)", "Move down", key_display="⇧↓", group=MOVE, id="workspace.step_down"),
        Binding("r", "rehearse", "Rehearse", id="workspace.rehearse"),
        Binding("x", "step_outcome", "Executed/failed", id="workspace.step_outcome"),
    ]

    def __init__(self, release_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.release_id = release_id

    def compose(self) -> ComposeResult:
        yield Static(id="rollback-title", classes="pane-title")
        yield RollbackList(id="rollback")
        yield Static(id="rollback-detail", classes="pane-detail")

    def show(self, detail: ReleaseDetail, previous: ReleaseDetail | None) -> None:
        if previous is None or previous.steps != detail.steps:
            self.set_title(plan_title(detail.steps))
            self.row_list.show(detail.steps)

    def action_add_step(self) -> None:
        def open_form() -> None:
            def save(values: dict[str, Any]) -> object:
                return self.app.service.add_step(self.release_id, **values)

            self.app.push_screen(StepFormModal(save), self.saved)

        self.act(open_form)

    def action_edit_step(self) -> None:
        def open_form(step: RollbackStep) -> None:

            def save(values: dict[str, Any]) -> object:
                return self.app.service.edit_step(step.id, step.row_version, **values)

            self.app.push_screen(StepFormModal(save, step), self.saved)

        self.act_on_row(NO_STEP, open_form)

    def action_remove_step(self) -> None:
        def ask(step: RollbackStep) -> None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.write("remove_step", step.id, step.row_version,
                               patch=lambda detail, _: without_row(detail, RollbackStep, step.id))

            self.app.push_screen(ConfirmModal(
                f"Remove the rollback step “{printable(step.action)}”?",
                "It leaves the plan; the audit log keeps a record of it.",
                yes_label="Yes, remove",
            ), answered)

        self.act_on_row(NO_STEP, ask)

    def action_move_step(self, offset: int) -> None:
        def move(step: RollbackStep) -> WriteRequest | None:
            return WriteRequest("move_step", (step.id, offset), lambda detail, _: moved(detail, step, offset))

        self.act_on_row(NO_STEP, move)

    def action_rehearse(self) -> None:
        def rehearse(step: RollbackStep) -> WriteRequest | None:
            return WriteRequest("rehearse_step", (step.id, step.row_version), with_row)

        self.act_on_row(NO_STEP, rehearse)

    def action_step_outcome(self) -> None:
        def ask(step: RollbackStep) -> None:

            def answered(choice: tuple[str, str | None] | None) -> None:
                if choice is not None:
                    self.write("set_step_status", step.id, choice[0], step.row_version, patch=with_row)

            self.app.push_screen(OutcomeModal("During a real rollback", printable(step.action), STEP_OUTCOMES),
                                 answered)

        self.act_on_row(NO_STEP, ask)
