"""`b` in the workspace: the whole gate report, every blocker and warning, however many there are."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.domain.gates import GateReport
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.hanging import Hanging
from relmgr_tui.ui.widgets.gate_summary import report_lines


MARK_CELLS = 2
"""Every line of the report starts with its mark and a space ("✗ ", "! "): the rest hangs under the words."""


def grouped(report: GateReport) -> dict[str, Hanging]:
    """Lines by kind (summary, blockers, warnings): one widget each, however many lines there are."""
    groups: dict[str, list[tuple[Content, Content]]] = {}
    for text, name in report_lines(report):
        line = text.strip()
        groups.setdefault(name, []).append((Content(line[:MARK_CELLS]), Content(line[MARK_CELLS:])))
    return {name: Hanging(rows) for name, rows in groups.items()}


class GateReportModal(ModalScreen[None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,b,q", "dismiss", "Close", id="gate_report.close")]

    def __init__(self, version: str, report: GateReport) -> None:
        super().__init__()
        self.version = version
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="gate-report-dialog"):
            yield Static(Content(f"Gate report of {self.version}"), classes="dialog-title")
            with VerticalScroll(id="gate-report-lines", can_focus=True):
                for name, lines in grouped(self.report).items():
                    yield Static(lines, classes=f"gate-lines -{name}")
            yield Static(Content("↑ ↓ scroll · escape close"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#gate-report-lines").focus()
