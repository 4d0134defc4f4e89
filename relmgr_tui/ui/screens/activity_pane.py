"""The activity pane: the audit log of the release, newest first. It has no keys of its own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from relmgr_tui.domain.model import Event
from relmgr_tui.ui.screens.pane import WorkspacePane
from relmgr_tui.ui.widgets.activity_log import ActivityLog


class ActivityPane(WorkspacePane):
    LIST = ActivityLog

    def compose(self) -> ComposeResult:
        yield Static(id="activity-title", classes="pane-title")
        yield ActivityLog(id="activity")
        yield Static(id="activity-detail", classes="pane-detail")

    def show(self, events: list[Event]) -> None:
        count = len(events)
        self.set_title(f"Activity · {count} event{'s' if count != 1 else ''} · newest first")
        self.row_list.show(events)
