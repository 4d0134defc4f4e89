"""The gate said no: every blocker at once, and for an agile release an override with a written reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relmgr_tui.domain.gates import GateReport
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.hanging import Hanging
from relmgr_tui.ui.text import printable


class GateModal(ModalScreen[str | None]):
    """Dismisses with the override reason, or None when the user backs off."""

    CSS_PATH = stylesheets.LATER
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    """At 24 lines the blocker list gets less room, so that the reason and the keys below it still show."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="gate.close"),
        Binding("ctrl+s", "override", "Override", show=False, id="gate.override"),
    ]

    def __init__(self, version: str, report: GateReport) -> None:
        super().__init__()
        self.version = version
        self.report = report

    def compose(self) -> ComposeResult:
        report = self.report
        count = len(report.blockers)
        with Vertical(id="gate-dialog", classes="dialog"):
            yield Static(
                Content(f"✗ {printable(self.version)} cannot move {report.phase.label} → {report.target_label}"),
                id="gate-title",
            )
            yield Static(Content(f"{count} blocker{'s' if count != 1 else ''} to clear first:"), classes="muted")
            with VerticalScroll(id="gate-blockers"):
                for blocker in report.blockers:
                    yield Static(Hanging.one("✗ ", printable(blocker)), classes="blocker")
                for warning in report.warnings:
                    yield Static(Hanging.one("! ", printable(warning)), classes="warning")
            if report.overridable:
                # A Static wraps within the dialog; a Label kept one line and cut it at "(kept in the".
                yield Static(Content("Agile release: the gate advises. To move anyway, write why (kept in the audit log):"))
                yield Input(placeholder="reason for overriding the gate", id="gate-reason")
                yield Static("", id="gate-error", classes="field-error")
                yield Static(Content("ctrl+s override · escape keep the phase"), classes="muted hint")
            else:
                yield Static(
                    Content("Waterfall release: the gate is enforced. Clear the blockers, then press > again."),
                    classes="muted",
                )
                yield Static(Content("escape close"), classes="muted hint")

    def on_mount(self) -> None:
        if self.report.overridable:
            self.query_one("#gate-reason", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_override()

    def action_override(self) -> None:
        if not self.report.overridable:
            return
        reason = self.query_one("#gate-reason", Input).value.strip()
        if not reason:
            error = self.query_one("#gate-error", Static)
            error.update("✗ A reason is required to override the gate.")
            error.add_class("-shown")
            return
        self.dismiss(reason)
