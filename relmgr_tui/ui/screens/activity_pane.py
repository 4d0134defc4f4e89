"""The activity pane: the audit log of the release, newest first. What arrives while the list is at its
top comes into view there; while the user reads further down it is counted in the title ("3 new ↑")
instead, and the cursor stays on the row being read. `enter` shows one event whole."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relmgr_tui.domain.model import Event
from relmgr_tui.domain.wording import plural
from relmgr_tui.ui.screens.pane import WorkspacePane
from relmgr_tui.ui.widgets.activity_log import ActivityLog
from relmgr_tui.ui.widgets.row_list import RowList


class ActivityPane(WorkspacePane):
    LIST = ActivityLog
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_event", "Whole event", id="workspace.show_event"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unseen = 0
        """Events that arrived while the user read further down the list."""

    def compose(self) -> ComposeResult:
        yield Static(id="activity-title", classes="pane-title")
        yield ActivityLog(id="activity")
        yield Static(id="activity-detail", classes="pane-detail")

    def show(self, events: list[Event]) -> None:
        log = self.row_list
        newest_seen = max((event.id for event in log.rows), default=None)
        arrived = 0 if newest_seen is None else sum(1 for event in events if event.id > newest_seen)
        if log.cursor == 0 or not log.rows:
            log.show(events, keep_id=events[0].id if events else None)  # at the top: the newest in view
        else:
            log.show(events)
            self.unseen += arrived
        self._show_title()

    def _show_title(self) -> None:
        new = f" · {self.unseen} new ↑" if self.unseen else ""
        self.set_title(f"Activity · {plural(len(self.row_list.rows), 'event')} · newest first{new}")

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        super().on_row_list_cursor_moved(event)
        if self.unseen and event.row_list.cursor == 0:
            self.unseen = 0  # back at the top: everything new is in view
            self._show_title()

    def action_show_event(self) -> None:
        event = self.current_row("No event here yet.")
        if event is not None:
            from relmgr_tui.ui.screens.event_view import EventModal

            self.app.push_screen(EventModal(event))
