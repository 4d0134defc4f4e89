"""Every key on every screen, in one place (`?`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.hanging import Hanging
from relmgr_tui.ui.key_names import keys_in_force

if TYPE_CHECKING:
    from relmgr_tui.ui.keymap import Section

EXTRA: dict[str, list[tuple[str, str]]] = {
    "Release: checklist (1)": [
        ("✓  ✗  ○", "done · required and open (blocks the gate) · optional and open"),
    ],
    "Decision form": [
        ("g / n / a", "vote go / no-go / abstain"),
        ("g / c / n", "on the outcome: go / conditional go / no-go"),
    ],
    "Forms and dialogs": [("tab / shift+tab", "next / previous field")],
    "Everywhere": [("^p", "command palette: open a release, new release, review, presenter mode, theme")],
}
"""Keys that are not relmgr bindings: letters a widget reads itself, and Textual's command palette."""

LEGEND = """\
Card marks: EMERGENCY / EMRG  emergency fix · HOLD  on hold · LATE 3d / !LATE  overdue ·
◷ due within a week · 4/6  checklist of the current phase · risk:C  highest open risk band
(L low, M medium, H high, C critical) · ✓ready  the gate is open · ✗3  three blockers · ▌ cursor"""


def help_content(app: App[object], sections: Sequence[Section], keymap: Mapping[str, str]) -> Hanging:
    """Generated from the bindings, with the keys in force after the user's keymap. Section titles
    bold, keys in the accent colour, so the eye finds a key fast; a long description wraps under
    itself, leaving the key column clear."""
    none = Content("")
    lines: list[tuple[Content, Content]] = []
    for title, rows in _rows_by_title(app, sections, keymap).items():
        lines.append((none, Content.styled(title, "bold $text-primary")))
        lines += [(Content.styled(f"  {keys:<20} ", "bold $text-accent"), Content(what)) for keys, what in rows]
        lines.append((none, none))
    lines.append((none, Content.styled(LEGEND, "$text-muted")))
    return Hanging(lines)


def _rows_by_title(app: App[object], sections: Sequence[Section],
                   keymap: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """(keys, what) under each heading; dialogs that share a heading and a key are listed once."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for section in sections:
        listed = rows.setdefault(section.title, [])
        for binding in section.bindings:
            row = (_keys_shown(app, binding, keymap), binding.description)
            if row not in listed:
                listed.append(row)
    for title, extra in EXTRA.items():
        rows[title] += extra
    return rows


def _keys_shown(app: App[object], binding: Binding, keymap: Mapping[str, str]) -> str:
    """As the footer shows them: the binding's own display unless the user remapped it."""
    if binding.key_display and binding.id not in keymap:
        return binding.key_display
    return " ".join(app.get_key_display(Binding(key, "")) for key in keys_in_force(binding, keymap))


class HelpScreen(ModalScreen[None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__()
        self.sections = sections

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Content("relmgr keys"), classes="dialog-title")
            yield Static(help_content(self.app, self.sections, self.app.user_keymap), id="help-text")
            yield Static(Content("escape or ? closes"), classes="muted hint")
