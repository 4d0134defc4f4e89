"""Every key on every screen, in one place (`?`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.ui import stylesheets

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
        ("g", "go/no-go review of the release"),
    ]),
    ("Release", [
        ("1 2 3 4", "panes: checklist, risks, rollback, activity"),
        ("tab / shift+tab", "next / previous pane"),
        ("↑ ↓ j k  pgup pgdn", "move in the list; home / end first / last"),
        ("> / <", "advance / move back one phase, through the gate"),
        ("b", "the gate report: every blocker and warning"),
        ("escape", "back to the board, same card focused"),
    ]),
    ("Release: checklist (1)", [
        ("space", "tick / untick the item (who and when are kept)"),
        ("a / e / d", "add / edit / remove the item (remove asks, default No)"),
        ("shift+↑ / shift+↓", "move the item up / down"),
        ("o", "set the owner of the item"),
        ("[ / ]", "previous / next phase's checklist"),
        ("✓  ✗  ○", "done · required and open (blocks the gate) · optional and open"),
    ]),
    ("Release: risks (2)", [
        ("a / e", "add / edit a risk (likelihood and impact 1-5)"),
        ("c", "close: mitigated, did not occur or occurred"),
        ("m", "heat map: arrows pick a cell, enter filters, escape clears"),
    ]),
    ("Release: rollback (3)", [
        ("a / e / d", "add / edit / remove a step (remove asks, default No)"),
        ("shift+↑ / shift+↓", "move the step up / down"),
        ("r", "mark the step rehearsed now"),
        ("x", "in a real rollback: the step executed or failed"),
    ]),
    ("Go/no-go review", [
        ("j / k  ↑ ↓", "move through the items of the section"),
        ("space", "tick / untick the checklist item (saved at once)"),
        ("n", "add a note to the checklist item"),
        ("enter / tab", "next section (enter on the last one: decide)"),
        ("shift+tab  1-4", "previous section / jump to a section"),
        ("v", "the decision: attendees, votes, outcome, conditions"),
        ("m", "minutes of the last decision: file here + clipboard"),
        ("escape", "leave the review"),
    ]),
    ("Decision form", [
        ("space  ← →", "change the vote or the outcome under the cursor"),
        ("g / n / a", "vote go / no-go / abstain"),
        ("g / c / n", "on the outcome: go / conditional go / no-go"),
        ("ctrl+s", "record the decision"),
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
        ("ctrl+p", "command palette: open a release, new release, review, presenter mode, theme"),
        ("q", "quit"),
    ]),
]

LEGEND = """\
Card marks: EMERGENCY / EMRG  emergency fix · HOLD  on hold · LATE 3d / !LATE  overdue ·
◷ due within a week · 4/6  checklist of the current phase · risk:C  highest open risk band
(L low, M medium, H high, C critical) · ✓ready  the gate is open · ✗3  three blockers · ▌ cursor"""


def help_content() -> Content:
    """Section titles bold, keys in the accent colour, so the eye finds a key fast."""
    parts: list[tuple[str, str] | str] = []
    for title, keys in SECTIONS:
        parts.append((f"{title}\n", "bold $text-primary"))
        for key, what in keys:
            parts += [(f"  {key:<20} ", "bold $text-accent"), f"{what}\n"]
        parts.append("\n")
    parts.append((LEGEND, "$text-muted"))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content("relmgr keys"), classes="dialog-title")
            yield Static(help_content(), id="help-text")
            yield Static(Content("escape or ? closes"), classes="muted hint")
