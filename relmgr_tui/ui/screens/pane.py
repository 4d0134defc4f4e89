"""What every workspace pane shares: its list, the line under it, and the messages it sends up.

A pane owns its keys (its `BINDINGS` are in force, and in the footer, only while the focus is inside it)
and never writes: it asks the screen. `Act` runs a step once the release on screen is current (row
versions included), `Write` names one use case and how its result changes the release on screen, and
`Saved` hands up the row a form saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from relmgr_tui.domain.model import ReleaseDetail
from relmgr_tui.ui.key_names import hidden_while_read_only
from relmgr_tui.ui.widgets.row_list import RowList

RowT = TypeVar("RowT")
Patch = Callable[[ReleaseDetail, Any], ReleaseDetail]
"""How a use case's result changes the release on screen: shown at once, before the reload."""


@dataclass(frozen=True)
class WriteRequest:
    """One use case of the service, by name, its arguments, and how its result shows."""

    use_case: str
    args: tuple[Any, ...]
    patch: Patch
    kwargs: dict[str, Any] = field(default_factory=dict)


class WorkspacePane(Vertical):
    LIST: ClassVar[type[RowList[Any]]]
    """The pane's list: it takes the focus when the pane is shown."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While read-only the keys that write are hidden and do nothing."""
        return not hidden_while_read_only(self, action)

    class Act(Message):
        """Run `step` once the release on screen is current; it may return a write to run."""

        def __init__(self, step: Callable[[], WriteRequest | None]) -> None:
            super().__init__()
            self.step = step

    class Write(Message):
        """Run one use case and show its result."""

        def __init__(self, request: WriteRequest) -> None:
            super().__init__()
            self.request = request

    class Saved(Message):
        """A form of this pane saved `row` (None: it was cancelled)."""

        def __init__(self, pane: WorkspacePane, row: Any) -> None:
            super().__init__()
            self.pane = pane
            self.row = row

    @property
    def row_list(self) -> RowList[Any]:
        return self.query_one(self.LIST)

    def act(self, step: Callable[[], WriteRequest | None]) -> None:
        self.post_message(self.Act(step))

    def act_on_row(self, empty: str, step: Callable[[Any], WriteRequest | None]) -> None:
        """Run `step` on the row under the cursor now (`empty` says there is none), as it is once the writes
        asked before have landed: its row version is then current."""
        chosen = self.current_row(empty)
        if chosen is None:
            return

        def on_current_row() -> WriteRequest | None:
            row = next((row for row in self.row_list.rows if row.id == chosen.id), None)
            if row is None:
                self.notify("That row is gone meanwhile (another terminal, or an undo).", severity="warning")
                return None
            return step(row)

        self.act(on_current_row)

    def write(self, use_case: str, *args: Any, patch: Patch, **kwargs: Any) -> None:
        self.post_message(self.Write(WriteRequest(use_case, args, patch, kwargs)))

    def saved(self, row: Any) -> None:
        self.post_message(self.Saved(self, row))

    def current_row(self, empty: str) -> Any:
        row = self.row_list.current
        if row is None:
            self.notify(empty, severity="warning")
        return row

    def set_title(self, text: str) -> None:
        self.query_one(".pane-title", Static).update(Content(text), layout=False)

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        """The line under the list tells the whole of the row under the cursor."""
        text = event.row_list.describe(event.row) if event.row is not None else ""
        self.query_one(".pane-detail", Static).update(Content(text), layout=False)
