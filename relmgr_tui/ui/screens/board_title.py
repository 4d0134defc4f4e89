"""The board's title line: how many releases it shows, and the post-release review actions past their due
date ("3 review actions due", issue #17), counted in a thread after the service opens: the first frame's
plain sqlite3 read stays as it was."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.wording import plural


class BoardTitle:
    """Mixed into the board screen, which sets `cards_label` and `actions_due`."""

    cards_label: str
    actions_due: int
    """Open post-release review actions past their due date, said in the title."""

    class ActionsDue(Message):
        """The number of open review actions past their due date, read in a thread."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    @work(thread=True, exclusive=True, group="board-actions-due", exit_on_error=False)
    def read_actions_due(self) -> None:
        """Count the review actions past their due date (one count on an index) in a thread."""
        try:
            count = self.service.review_actions_due_count(self.app.today())
        except RelmgrError:
            return
        self.post_message(self.ActionsDue(count))

    def on_board_title_actions_due(self, message: ActionsDue) -> None:
        if message.count != self.actions_due:
            self.actions_due = message.count
            self.show_title()

    def show_title(self) -> None:
        """'relmgr · 12 active releases · 3 review actions due': overdue actions are said in words."""
        due = f" · {plural(self.actions_due, 'review action')} due" if self.actions_due else ""
        mode = " · READ-ONLY" if self.app.read_only else ""
        self.query_one("#board-title", Static).update(Content(f"relmgr · {self.cards_label}{due}{mode}"),
                                                      layout=False)
