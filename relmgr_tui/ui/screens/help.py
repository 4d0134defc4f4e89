"""Every key on every screen, in one place (`?`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Board", [
        ("← → ↑ ↓  h j k l", "move between cards and columns"),
        ("home / end", "first / last card of the column"),
        ("pageup / pagedown", "a screenful of cards"),
        ("enter", "open the release"),
        ("n / e / d", "new / edit / delete (asks, default No)"),
        ("> / <", "advance / move back one phase, through the gate"),
        ("/", "filter by version, title or owner; escape clears"),
        ("a", "archive: released, rolled back and cancelled"),
    ]),
    ("Release", [
        ("> / <", "advance / move back one phase"),
        ("escape", "back to the board, same card focused"),
    ]),
    ("Archive", [
        ("↑ ↓", "move between releases"),
        ("s / r", "sort by the next column / reverse the order"),
        ("enter", "open the release"),
        ("escape / a", "back to the board"),
    ]),
    ("Forms and dialogs", [
        ("tab / shift+tab", "next / previous field"),
        ("ctrl+s", "save"),
        ("escape", "cancel"),
        ("ctrl+e", "edit the long text in $EDITOR"),
        ("y / n", "answer a question (No is the default)"),
    ]),
    ("Everywhere", [
        ("?", "this help"),
        ("ctrl+p", "command palette: open a release by version, new release, archive, theme"),
        ("q", "quit"),
    ]),
]

LEGEND = """\
Card marks: EMERGENCY / EMRG  emergency fix · HOLD  on hold · LATE 3d / !LATE  overdue ·
◷ due within a week · 4/6  checklist of the current phase · risk:C  highest open risk band
(L low, M medium, H high, C critical) · ✓ready  the gate is open · ✗3  three blockers · ▌ cursor"""


def help_text() -> str:
    lines: list[str] = []
    for title, keys in SECTIONS:
        lines.append(title)
        lines.extend(f"  {key:<20} {what}" for key, what in keys)
        lines.append("")
    return "\n".join(lines) + LEGEND


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content("relmgr keys"), classes="dialog-title")
            yield Static(Content(help_text()), id="help-text")
            yield Static(Content("escape or ? closes"), classes="muted hint")
