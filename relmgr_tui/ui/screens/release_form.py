"""Create or edit a release. Checks each field as it is typed; a failed save keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput, RelmgrError
from relmgr_tui.domain.model import Methodology, Release, ReleaseKind
from relmgr_tui.ui.editor import edit_in_editor

SaveFunction = Callable[[dict[str, Any]], object]

CHECKS: dict[str, Callable[[str], object]] = {
    "version": validation.version,
    "target_date": validation.optional_date,
}


class ReleaseFormModal(ModalScreen[object]):
    """`save(values)` is called on ctrl+s; if it raises, the message shows beside the field."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+e", "editor", "Summary in $EDITOR"),
    ]

    def __init__(self, save: SaveFunction, release: Release | None = None, methodology: Methodology = Methodology.WATERFALL,
                 owner: str = "") -> None:
        super().__init__()
        self.save = save
        self.release = release
        self.default_methodology = methodology
        self.default_owner = owner

    def _row(self, label: str, field: str, widget) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
        yield Static("", id=f"error-{field}", classes="field-error")

    def compose(self) -> ComposeResult:
        r = self.release
        title = f"Edit release {r.version}" if r else "New release"
        with Vertical(id="release-form", classes="dialog form"):
            yield Static(Content(title), classes="dialog-title")
            with VerticalScroll():
                yield from self._row("Version", "version", Input(
                    r.version if r else "", placeholder="e.g. 2.4.0", id="version", compact=True))
                yield from self._row("Title", "title", Input(r.title if r else "", id="title", compact=True))
                yield from self._row("Kind", "kind", Select(
                    [(k.value, k.value) for k in ReleaseKind], value=(r.kind if r else ReleaseKind.MINOR).value,
                    allow_blank=False, id="kind", compact=True))
                yield from self._row("Method", "methodology", Select(
                    [(f"{m.value} ({'gates enforced' if m is Methodology.WATERFALL else 'gates advise'})", m.value)
                     for m in Methodology],
                    value=(r.methodology if r else self.default_methodology).value,
                    allow_blank=False, id="methodology", compact=True))
                yield from self._row("Owner", "owner", Input(r.owner if r else self.default_owner, id="owner",
                                                             compact=True))
                yield from self._row("Target", "target_date", Input(
                    r.target_date.isoformat() if r and r.target_date else "", placeholder="YYYY-MM-DD",
                    id="target_date", compact=True))
                yield Label("Summary / business case  (ctrl+e opens $EDITOR)", classes="form-label wide")
                yield TextArea(r.summary if r else "", id="summary", soft_wrap=True, compact=True)
                yield Static("", id="error-summary", classes="field-error")
            yield Static(Content("ctrl+s save · escape cancel"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#version", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "version": self.query_one("#version", Input).value,
            "title": self.query_one("#title", Input).value,
            "kind": self.query_one("#kind", Select).value,
            "methodology": self.query_one("#methodology", Select).value,
            "owner": self.query_one("#owner", Input).value,
            "target_date": self.query_one("#target_date", Input).value,
            "summary": self.query_one("#summary", TextArea).text,
        }

    def show_error(self, field: str, message: str) -> None:
        target = field.replace(" ", "_")
        errors = self.query(f"#error-{target}")
        if not errors:
            if message:
                self.notify(message, severity="error", title="Cannot save")
            return
        errors.first(Static).update(Content(message))
        errors.first(Static).set_class(bool(message), "-shown")

    @on(Input.Changed)
    def check_as_typed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        check = CHECKS.get(field)
        if check is None:
            return
        try:
            if event.value.strip() or field != "version":
                check(event.value)
            self.show_error(field, "")
        except InvalidInput as exc:
            self.show_error(field, f"✗ {exc}")

    def action_save(self) -> None:
        for field in ("version", "title", "owner", "target_date", "summary"):
            self.show_error(field, "")
        try:
            result = self.save(self.values())
        except InvalidInput as exc:
            self.show_error(exc.field or "version", f"✗ {exc}")
            return
        except RelmgrError as exc:
            self.notify(str(exc), severity="error", title="Not saved", timeout=8)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_editor(self) -> None:
        area = self.query_one("#summary", TextArea)
        edited = edit_in_editor(self.app, area.text, suffix=".md")
        if edited is not None:
            area.text = edited
