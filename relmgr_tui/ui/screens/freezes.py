"""The change freezes (`f` on the calendar): a list to add to (`a`), edit (`e`) and remove from (`d`).

Each change goes through the write queue as one undoable use case (`u` takes it back), and is in the
audit log; the list is read again after it, and when another terminal changes the database.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.schedule import Freeze
from relmgr_tui.domain.wording import plural
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.key_names import hidden_while_read_only
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.freeze_form import FreezeFormModal, freeze_values
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.freeze_table import FreezeTable
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.row_list import RowList
from relmgr_tui.ui.widgets.write_status import WriteStatus


class FreezesScreen(Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("escape,f", "app.pop_screen", "Calendar", id="freezes.leave"),
        Binding("a", "add", "Add", id="freezes.add"),
        Binding("e,enter", "edit", "Edit", id="freezes.edit"),
        Binding("d,delete", "remove", "Remove", id="freezes.remove"),
    ]

    class Loaded(Message):
        def __init__(self, freezes: list[Freeze], zone: ZoneInfo) -> None:
            super().__init__()
            self.freezes = freezes
            self.zone = zone

    def __init__(self) -> None:
        super().__init__()
        self.zone = ZoneInfo("UTC")
        self.read_once = False
        self.select_after_read: int | None = None
        """The freeze just saved: the cursor goes to it once the list is read again."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Change freezes · reading…"), id="freezes-title")
        yield FreezeTable(id="freezes-table")
        yield Static(id="freezes-status")
        yield WriteStatus()
        yield KeyFooter()

    @property
    def table(self) -> FreezeTable:
        return self.query_one(FreezeTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.read_once:
            self.app.catch_up(self)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        service = self.app.service
        try:
            freezes, zone = service.freezes(), service.timezone
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(freezes, zone))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.read_once = True
        self.zone = self.table.zone = message.zone
        self.table.show(message.freezes, keep_id=self.select_after_read)
        self.select_after_read = None
        self.query_one("#freezes-title", Static).update(Content(
            f"Change freezes · {plural(len(message.freezes), 'freeze')} · times in {message.zone.key}"))

    @on(RowList.CursorMoved, "#freezes-table")
    def show_current(self, event: RowList.CursorMoved) -> None:
        text = event.row_list.describe(event.row) if event.row is not None else ""
        self.query_one("#freezes-status", Static).update(Content(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not hidden_while_read_only(self, action)

    def action_add(self) -> None:
        if self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> Freeze:
            return self.app.service.add_freeze(**freeze_values(values, self.zone))

        self.app.push_screen(FreezeFormModal(save, self.zone), self.saved)

    def action_edit(self) -> None:
        freeze = self.table.current
        if freeze is None:
            self.notify(FreezeTable.EMPTY, severity="warning")
            return
        if self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> Freeze:
            changes = freeze_values(values, self.zone)
            changes["exempt_kinds"] = changes.pop("exempt")  # add_freeze's name for it is `exempt`
            return self.app.service.edit_freeze(freeze.id, freeze.row_version, **changes)

        self.app.push_screen(FreezeFormModal(save, self.zone, freeze), self.saved)

    def action_remove(self) -> None:
        freeze = self.table.current
        if freeze is None:
            self.notify(FreezeTable.EMPTY, severity="warning")
            return
        if self.app.refuse_if_read_only():
            return
        from relmgr_tui.ui.screens.confirm import ConfirmModal

        def answered(yes: bool) -> None:
            if yes:
                self.app.write(lambda: self.app.service.remove_freeze(freeze.id, freeze.row_version),
                               lambda _: self.removed(freeze))

        self.app.push_screen(ConfirmModal(
            f"Remove the freeze {printable(freeze.name)}?",
            f"{freeze.dates_text(self.zone)}: releases may deploy then again. u undoes it.",
            yes_label="Yes, remove"), answered)

    def saved(self, freeze: Freeze | None) -> None:
        if freeze is not None:
            self.notify(f"Saved the freeze {printable(freeze.name)}.", timeout=3)
            self.select_after_read = freeze.id
            self.load()

    def removed(self, freeze: Freeze) -> None:
        self.notify(f"Removed the freeze {printable(freeze.name)}. u undoes it.", timeout=4)
        self.load()
