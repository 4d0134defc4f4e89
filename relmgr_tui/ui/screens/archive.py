"""Released, rolled-back and cancelled releases: a sortable table that `/` searches; `enter` opens one.

Years of releases add up (the 20,000-release demo archives 18,000): they are read in a worker thread and
drawn by a virtual table, so `a` shows the screen at once and sorting costs one sort, not a redraw of all.
"""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from relmgr_tui.domain import review as reviews
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Release
from relmgr_tui.domain.wording import plural
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.lifecycle_actions import LifecycleActions, LifecycleCommands, lifecycle_bindings
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.archive_table import ArchiveTable, closed_on, matches, released_on
from relmgr_tui.ui.widgets.filter_box import FilterInput
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.row_list import RowList


def version_order(release: Release) -> tuple:
    """2.9.0 before 2.10.0: the numbers in a version compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", release.version) if part)


class ArchiveSearch(FilterInput):
    """The board's filter box, saying what its keys do here."""

    BINDINGS = [
        Binding("escape", "screen.clear_filter", "Clear search", id="archive_search.clear"),
        Binding("enter", "submit", "Table", id="archive_search.table"),
    ]


SORT_KEYS = [
    ("Version", version_order),
    ("Title", lambda r: r.title.lower()),
    ("Kind", lambda r: r.kind.value),
    ("State", lambda r: r.state.value),
    ("Target", lambda r: r.target_date.isoformat() if r.target_date else ""),
    ("Created", lambda r: r.created_at),
    ("Released", released_on),
    ("Closed", closed_on),
]
NEWEST_FIRST = {"Target", "Created", "Released", "Closed"}


class ArchiveScreen(LifecycleActions, Screen):
    CSS_PATH = stylesheets.LATER
    COMMANDS = {LifecycleCommands}
    BINDINGS = [
        Binding("escape,a", "app.pop_screen", "Board", id="archive.leave"),
        Binding("enter", "open", "Open", id="archive.open"),
        *lifecycle_bindings("archive", (Transition.REOPEN, Transition.ROLL_BACK), in_footer=(Transition.REOPEN,)),
        Binding("P", "post_review", "Review", id="archive.post_review"),
        Binding("s", "sort", "Sort by next column", id="archive.sort"),
        Binding("r", "reverse", "Reverse", id="archive.reverse"),
        # A priority binding runs as the key arrives: the text typed right after `/` goes into the box.
        Binding("slash", "search", "Search", key_display="/", priority=True, id="archive.search"),
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
        with Horizontal(id="archive-bar"):
            yield Static(Content("Archive · reading…"), id="archive-title")
            yield ArchiveSearch(placeholder="search: version, title, owner or state", id="archive-search",
                                compact=True)
        yield ArchiveTable(id="archive-table")
        yield Static(id="archive-status")
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
        needle = self.search_box.text.lower()
        shown = [r for r in self.releases if matches(r, needle)] if needle else self.releases
        ordered = sorted(shown, key=sort_key, reverse=self.descending)
        top = ordered[0].id if ordered else None  # a new order starts at its top, like a fresh list
        empty = f"No archived release matches {needle!r}: escape clears the search." if needle else ArchiveTable.EMPTY
        self.query_one(ArchiveTable).show(ordered, keep_id=top, empty_text=printable(empty))
        total = plural(len(self.releases), "release")
        count = f"{len(ordered)} of {total}" if needle else total
        arrow = "↓" if self.descending else "↑"
        hint = "" if self.search_box.display else "  (s sort, r reverse, / search)"
        self.query_one("#archive-title", Static).update(
            Content(f"Archive · {count} · sorted by {label} {arrow}{hint}"))

    @property
    def search_box(self) -> ArchiveSearch:
        return self.query_one("#archive-search", ArchiveSearch)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/` typed in the search box is part of the search (a version like 2026/11), not a new search;
        `P` only on a released or rolled-back release (a cancelled one has no post-release review)."""
        if action == "post_review":
            release = self.query_one(ArchiveTable).current
            return release is not None and not reviews.refusal(release)
        return not (action == "search" and isinstance(self.focused, Input))

    def action_post_review(self) -> None:
        release = self.query_one(ArchiveTable).current
        if release is not None and not reviews.refusal(release):
            self.app.open_post_review(release.id)

    def action_search(self) -> None:
        self.search_box.open()
        self.fill()

    @on(Input.Changed, "#archive-search")
    def search_changed(self) -> None:
        self.fill()

    @on(Input.Submitted, "#archive-search")
    def search_done(self) -> None:
        self._focus_table()

    def action_clear_filter(self) -> None:
        """escape in the search box (FilterInput's binding): drop the search, show every release."""
        self.search_box.clear_silently()
        self.fill()
        self._focus_table()

    def _focus_table(self) -> None:
        if not self.search_box.text.lower():
            self.search_box.display = False
            self.fill()
        self.query_one(ArchiveTable).focus()

    @on(RowList.CursorMoved, "#archive-table")
    def show_current(self, event: RowList.CursorMoved) -> None:
        """The whole state in words under the table: the column cuts a long reason short."""
        text = event.row_list.describe(event.row) if event.row is not None else ""
        self.query_one("#archive-status", Static).update(Content(text))
        self.refresh_bindings()  # `P` follows the row: a cancelled release has no review

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
