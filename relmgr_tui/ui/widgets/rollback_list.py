"""The rollback plan in order: what to do, the command, who, how long, and whether it was rehearsed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from relmgr_tui.domain.model import RollbackStep, StepStatus
from relmgr_tui.ui.text import local, printable
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList, component_classes

STATUS_MARKS = {
    StepStatus.PENDING: "○",
    StepStatus.REHEARSED: "✓",
    StepStatus.EXECUTED: "✓",
    StepStatus.FAILED: "✗",
}


class RollbackList(RowList[RollbackStep]):
    COMPONENT_CLASSES: ClassVar[set[str]] = component_classes("step-pending", "step-rehearsed", "step-executed", "step-failed")
    COLUMNS = (
        Column("#", 3, align="right"),
        Column("Action", weight=3),
        Column("Command", weight=2, drop=3),
        Column("Owner", 10, drop=2),
        Column("Min", 4, align="right"),
        Column("Status", 11),
        Column("Rehearsed", 16, drop=1),
    )
    MIN_FLEXIBLE = 20
    EMPTY = "No rollback plan: press a to add the first step. Deploying needs a rehearsed plan."

    def cells(self, step: RollbackStep, index: int) -> Sequence[Cell]:
        return (
            (str(index + 1), "dim"),
            (printable(step.action), ""),
            (printable(step.command), "dim"),
            (printable(step.owner) or "-", "" if step.owner else "dim"),
            (str(step.expected_minutes), ""),
            (f"{STATUS_MARKS[step.status]} {step.status.value}", f"step-{step.status.value}"),
            (local(step.last_rehearsed_at) or "never", "dim"),
        )

    def describe(self, step: RollbackStep) -> str:
        parts = [printable(step.action)]
        if step.command:
            parts.append(f"$ {printable(step.command)}")
        parts += [f"{step.expected_minutes} min", step.status.value]
        if step.last_rehearsed_at:
            parts.append(f"last rehearsed {local(step.last_rehearsed_at)}")
        return " · ".join(parts)
