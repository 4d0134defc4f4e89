"""Released, rolled-back and cancelled releases: a sortable table; `enter` opens one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from relmgr_tui.domain.model import Release
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.key_footer import KeyFooter

COLUMNS = [
    ("version", "Version", lambda r: r.version),
    ("title", "Title", lambda r: r.title.lower()),
    ("kind", "Kind", lambda r: r.kind.value),
    ("state", "State", lambda r: r.state.value),
    ("target", "Target", lambda r: r.target_date.isoformat() if r.target_date else ""),
    ("created", "Created", lambda r: r.created_at),
    ("updated", "Closed", lambda r: r.updated_at),
]


class ArchiveScreen(Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("escape,a", "app.pop_screen", "Board"),
        Binding("enter", "open", "Open"),
        Binding("s", "sort", "Sort by next column"),
        Binding("r", "reverse", "Reverse"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.releases: list[Release] = []
        self.sort_index = 6
        self.descending = True

    def compose(self) -> ComposeResult:
        yield Static(id="archive-title")
        yield DataTable(id="archive-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, _ in COLUMNS:
            table.add_column(label, key=key)
        self.releases = self.app.call_service(self.app.service.archive) or []
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        key, label, sort_key = COLUMNS[self.sort_index]
        ordered = sorted(self.releases, key=sort_key, reverse=self.descending)
        table.clear()
        # Text cells, not strings: DataTable parses strings as markup, and titles must show as typed.
        table.add_rows(
            (
                [Text(printable(r.version)), Text(printable(r.title)), r.kind.value, r.state.label,
                 r.target_date.isoformat() if r.target_date else "",
                 r.created_at.astimezone().strftime("%Y-%m-%d"), r.updated_at.astimezone().strftime("%Y-%m-%d")]
                for r in ordered
            )
        )
        self._ordered = ordered
        arrow = "↓" if self.descending else "↑"
        self.query_one("#archive-title", Static).update(
            Content(f"Archive · {len(ordered)} releases · sorted by {label} {arrow}  (s next column, r reverse)")
        )

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(COLUMNS)
        self.descending = COLUMNS[self.sort_index][0] in ("created", "updated", "target")
        self.fill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.fill()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self._ordered and table.cursor_row is not None:
            self.app.open_release(self._ordered[table.cursor_row].id)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()
