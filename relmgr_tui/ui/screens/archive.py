"""Released, rolled-back and cancelled releases: a sortable table; `enter` opens one.

Years of releases add up (the 20,000-release demo archives 18,000): they are read in a worker thread and
drawn by a virtual table, so `a` shows the screen at once and sorting costs one sort, not a redraw of all.
"""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.model import Release
from relmgr_tui.ui import stylesheets
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.lifecycle_actions import LifecycleActions, LifecycleCommands, lifecycle_bindings
from relmgr_tui.ui.widgets.archive_table import ArchiveTable, closed_on
from relmgr_tui.ui.widgets.key_footer import KeyFooter


def version_order(release: Release) -> tuple:
    """2.9.0 before 2.10.0: the numbers in a version compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", release.version) if part)


SORT_KEYS = [
    ("Version", version_order),
    ("Title", lambda r: r.title.lower()),
    ("Kind", lambda r: r.kind.value),
    ("State", lambda r: r.state.value),
    ("Target", lambda r: r.target_date.isoformat() if r.target_date else ""),
    ("Created", lambda r: r.created_at),
    ("Closed", closed_on),
]
NEWEST_FIRST = {"Target", "Created", "Closed"}


class ArchiveScreen(LifecycleActions, Screen):
    CSS_PATH = stylesheets.LATER
    COMMANDS = {LifecycleCommands}
    BINDINGS = [
        Binding("escape,a", "app.pop_screen", "Board", id="archive.leave"),
        Binding("enter", "open", "Open", id="archive.open"),
        Binding("s", "sort", "Sort by next column", id="archive.sort"),
        Binding("r", "reverse", "Reverse", id="archive.reverse"),
        *lifecycle_bindings("archive", (Transition.REOPEN, Transition.ROLL_BACK)),
    ]

    class Loaded(Message):
        def __init__(self, releases: list[Release]) -> None:
            super().__init__()
            self.releases = releases

    def __init__(self) -> None:
        super().__init__()
        self.releases: list[Release] | None = None
        self.sort_index = len(SORT_KEYS) - 1
        self.descending = True

    def compose(self) -> ComposeResult:
        yield Static(Content("Archive · reading…"), id="archive-title")
        yield ArchiveTable(id="archive-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(ArchiveTable)
        table.empty_text = "Reading the archive…"
        table.focus()
        self.load()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another terminal, an undo or a redo changed the database: read the archive again."""
        self.load()

    def on_screen_resume(self) -> None:
        if self.releases is not None:
            self.app.catch_up(self)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        try:
            releases = self.app.service.archive()
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            releases = []
        self.post_message(self.Loaded(releases))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.releases = message.releases
        self.fill()

    def fill(self) -> None:
        if self.releases is None:
            return  # still reading: the sort applies when the rows arrive
        label, sort_key = SORT_KEYS[self.sort_index]
        ordered = sorted(self.releases, key=sort_key, reverse=self.descending)
        top = ordered[0].id if ordered else None  # a new order starts at its top, like a fresh list
        self.query_one(ArchiveTable).show(ordered, keep_id=top, empty_text=ArchiveTable.EMPTY)
        arrow = "↓" if self.descending else "↑"
        self.query_one("#archive-title", Static).update(
            Content(f"Archive · {len(self.releases)} releases · sorted by {label} {arrow}  (s next column, r reverse)")
        )

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORT_KEYS)
        self.descending = SORT_KEYS[self.sort_index][0] in NEWEST_FIRST
        self.fill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.fill()

    def lifecycle_release(self):
        return self.query_one(ArchiveTable).current

    def after_state_change(self, release) -> None:
        self.load()

    def action_open(self) -> None:
        release = self.query_one(ArchiveTable).current
        if release is not None:
            self.app.open_release(release.id)
