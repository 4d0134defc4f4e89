"""Add or edit a rollback step: what to do, the command, who does it, and how long it takes."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input

from relmgr_tui.domain import validation
from relmgr_tui.domain.model import RollbackStep
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction


class StepFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"step action": "action", "expected minutes": "expected_minutes"}
    CHECKS: ClassVar[dict[str, Callable[[str], object]]] = {"expected_minutes": validation.minutes}

    def __init__(self, save: SaveFunction, step: RollbackStep | None = None) -> None:
        super().__init__(save, "Edit rollback step" if step else "New rollback step")
        self.step = step

    def fields(self) -> ComposeResult:
        s = self.step
        yield from self.row("Action", "action", Input(s.action if s else "", id="action", compact=True,
                                                      placeholder="e.g. Switch traffic back to the blue pool"))
        yield from self.row("Command", "command", Input(s.command if s else "", id="command", compact=True,
                                                        placeholder="optional: the exact command to run"))
        yield from self.row("Owner", "owner", Input(s.owner if s else "", id="owner", compact=True))
        yield from self.row("Minutes", "expected_minutes", Input(
            str(s.expected_minutes) if s else "5", id="expected_minutes", compact=True))
