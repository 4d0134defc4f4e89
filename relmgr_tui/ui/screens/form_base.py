"""What every workspace form shares: labelled fields, errors shown beside the field, ctrl+s / escape, and
long text in $EDITOR (ctrl+e).

A subclass yields its fields; `save(values)` is called on ctrl+s and either returns the saved row (the form
closes with it) or raises InvalidInput naming the field, whose message then shows under that field while
everything typed stays where it is. Escape closes a form as it opened; one with changes typed asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from relmgr_tui.domain.errors import InvalidInput, RelmgrError, StaleWrite
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.editor import edit_in_editor
from relmgr_tui.ui.widgets.write_status import WriteStatus

SaveFunction = Callable[[dict[str, Any]], object]


class FormModal(ModalScreen[object]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # priority: a focused TextArea binds ctrl+e to "end of line" itself
        Binding("ctrl+e", "editor", "Text in $EDITOR", priority=True, id="form.editor"),
    ]
    FIELD_IDS: ClassVar[dict[str, str]] = {}
    """Field names the service uses in InvalidInput -> the id of the widget that holds the value."""
    CHECKS: ClassVar[dict[str, Callable[[str], object]]] = {}
    """Widget id -> a check run as the user types (raises InvalidInput; returns the value for `advice`)."""

    def __init__(self, save: SaveFunction, title: str) -> None:
        super().__init__()
        self.save = save
        self.form_title = title
        self.saving = False
        """True while a save waits in the write queue."""
        self.conflict = False
        """Set once a save met a newer version: the next ctrl+s overwrites it on purpose."""
        self.untouched: dict[str, Any] = {}
        """The values the form opened with: escape asks before throwing away anything else."""

    # -- building blocks for subclasses --------------------------------------------------------

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    @staticmethod
    def row(label: str, field_id: str, widget: Widget) -> ComposeResult:
        if isinstance(widget, Input):
            widget.select_on_focus = False  # one stray key must not replace a whole name
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield widget
        yield Static("", id=f"error-{field_id}", classes="field-error")

    @staticmethod
    def long_text(label: str, field_id: str, text: str) -> ComposeResult:
        yield Label(f"{label}  (ctrl+e opens $EDITOR)", classes="form-label wide")
        yield TextArea(text, id=field_id, soft_wrap=True, compact=True)
        yield Static("", id=f"error-{field_id}", classes="field-error")

    # -- the form ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form workspace-form"):
            yield Static(Content(self.form_title), classes="dialog-title")
            yield Static("", id="form-conflict", classes="field-error")
            with VerticalScroll():
                yield from self.fields()
            yield Static(Content("ctrl+s save · escape cancel · tab next field"), classes="muted hint")
            yield WriteStatus()

    def on_mount(self) -> None:
        self.query("Input, TextArea").first().focus()  # the first field, a text area in a form of texts
        self.untouched = self.values()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for widget in self.query("Input, Select, TextArea"):
            if isinstance(widget, TextArea):
                values[widget.id] = widget.text
            elif isinstance(widget, (Input, Select)):
                values[widget.id] = widget.value
        return values

    def advice(self, field: str, value: object) -> str:
        """A word of warning about a valid value, shown beside its field without stopping the save."""
        return ""

    def show_error(self, field: str, message: str, warning: bool = False) -> None:
        target = self.FIELD_IDS.get(field, field.replace(" ", "_"))
        errors = self.query(f"#error-{target}")
        if not errors:
            if message:
                self.notify(message, severity="error", title="Cannot save")
            return
        error = errors.first(Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")
        error.set_class(warning, "-warning")

    @on(Input.Changed)
    def check_as_typed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        check = self.CHECKS.get(field)
        if check is None:
            return
        try:
            advice = self.advice(field, check(event.value))
            self.show_error(field, f"⚠ {advice}" if advice else "", warning=bool(advice))
        except InvalidInput as exc:
            self.show_error(field, f"✗ {exc}")

    def action_save(self) -> None:
        """Save in the app's write queue; the form closes once the row is saved, and stays open with
        everything typed (and the reason shown) if it is not."""
        if self.saving:
            return  # ctrl+s pressed twice: the first save is on its way
        for error in self.query(".field-error"):
            error.remove_class("-shown")
        self.saving = True
        self.app.write(partial(self._save, self.values(), self.conflict), self._saved, self._not_saved)

    def _save(self, values: dict[str, Any], overwrite: bool) -> object:
        """In the write queue's thread."""
        if not overwrite:
            return self.save(values)
        with self.app.service.overwriting():
            return self.save(values)

    def _saved(self, result: object) -> None:
        self.saving = False
        self.dismiss(result)

    def _not_saved(self, exc: RelmgrError) -> None:
        self.saving = False
        if isinstance(exc, StaleWrite):
            self.show_conflict(exc)
        elif isinstance(exc, InvalidInput):
            field = exc.field or next(iter(self.values()), "")
            self.show_error(field, f"✗ {exc}")
        else:
            self.app.report_error(exc)

    def action_cancel(self) -> None:
        """Close; with changes typed, only after a yes. After a conflict the banner has said that escape
        discards, so it does at once."""
        if self.conflict or self.values() == self.untouched:
            self.dismiss(None)
            return
        from relmgr_tui.ui.screens.confirm import ConfirmModal

        question = ConfirmModal("Discard your changes?", "What you typed in this form is not saved.",
                                yes_label="Yes, discard")
        self.app.push_screen(question, lambda discard: self.dismiss(None) if discard else None)

    def show_conflict(self, exc: StaleWrite) -> None:
        """Someone saved this row meanwhile: say who and what, keep every character typed, let the user
        choose. ctrl+s again saves over their change; escape drops this edit and the screen shows theirs."""
        self.conflict = True
        banner = self.query_one("#form-conflict", Static)
        banner.update(Content(f"✗ {exc}\nYour text is kept. ctrl+s saves yours over it · escape discards yours and"
                              " shows theirs."))
        banner.add_class("-shown")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "editor":
            return bool(self.query(TextArea))
        return True

    def action_editor(self) -> None:
        focused = self.focused
        area = focused if isinstance(focused, TextArea) else self.query(TextArea).first()
        edited = edit_in_editor(self.app, area.text, suffix=".md")
        if edited is not None:
            area.text = edited
            area.focus()
