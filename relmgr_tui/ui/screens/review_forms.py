"""The post-release review's two forms: its three texts, and one action (text, owner, due date, and an
optional template proposal: a phase and the item to add to its checklist)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from relmgr_tui.domain.model import PHASES
from relmgr_tui.domain.review import TEXT_FIELDS, TEXT_LABELS, Review, ReviewAction
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction
from relmgr_tui.ui.text import printable, printable_lines


class ReviewFormModal(FormModal):
    """What went well, what did not, findings: long texts, each in $EDITOR with ctrl+e."""

    def __init__(self, save: SaveFunction, version: str, review: Review | None) -> None:
        super().__init__(save, f"{'Edit the' if review else 'Write the'} post-release review of {version}")
        self.review = review

    def fields(self) -> ComposeResult:
        for name in TEXT_FIELDS:
            yield from self.long_text(TEXT_LABELS[name], name, getattr(self.review, name) if self.review else "")


class ActionFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {
        "action": "text", "action owner": "owner", "due date": "due", "phase": "proposal_phase"}

    def __init__(self, save: SaveFunction, action: ReviewAction | None = None) -> None:
        super().__init__(save, "Edit review action" if action else "New review action")
        self.action = action

    def fields(self) -> ComposeResult:
        a = self.action
        yield from self.row("Action", "text", Input(a.text if a else "", id="text", compact=True))
        yield from self.row("Owner", "owner", Input(a.owner if a else "", id="owner", compact=True))
        yield from self.row("Due", "due", Input(a.due.isoformat() if a else "", id="due", compact=True,
                                                 placeholder="YYYY-MM-DD"))
        phase = a.proposal_phase.value if a and a.proposal_phase else Select.NULL
        yield from self.row("Template", "proposal_phase", Select(
            [(p.label, p.value) for p in PHASES], value=phase, prompt="(no template change)",
            id="proposal_phase", compact=True))
        yield from self.row("New item", "proposal_text", Input(
            a.proposal_text if a else "", id="proposal_text", compact=True,
            placeholder="e.g. Load test the payment API"))

    def values(self) -> dict[str, object]:
        values = super().values()
        if values.get("proposal_phase") is Select.NULL:
            values["proposal_phase"] = None
        return values


class ProposalModal(ModalScreen[None]):
    """`t` on an action that proposes a template item: the templates.toml lines to add, in full."""

    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,t", "dismiss", "Close", id="proposal.close")]

    def __init__(self, action: ReviewAction, lines: list[str]) -> None:
        super().__init__()
        self.action = action
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="proposal-dialog"):
            yield Static(Content(f"Proposes: {printable(self.action.proposal)}"), classes="dialog-title")
            yield Static(Content("Add these lines to templates.toml (a phase there replaces the built-in one,"
                                 " so its items are listed too):"), classes="muted")
            with VerticalScroll(id="proposal-text", can_focus=True):
                yield Static(Content(printable_lines("\n".join(self.lines))), id="proposal-lines")
            yield Static(Content("↑ ↓ scroll · escape close"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#proposal-text").focus()
