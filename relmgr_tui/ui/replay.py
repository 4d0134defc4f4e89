"""`u` and ctrl+r: name the change before replaying it, and on the board ask first when it was made
elsewhere.

The status line says what is undone ("undo: untick 'Run regression' on 3.1.0") while the undo runs, and
the notification after says it again. On the board, `u` undoes directly only a change made from the
board to the focused card's release (or to a release no longer on the board, such as one just deleted);
any other change, made in a release's workspace or the review, is named with its release in a small
dialog first, `y`/`enter` undoing it and `n`/`escape` keeping it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.ui.screens.board import BoardScreen

if TYPE_CHECKING:
    from relmgr_tui.service.undo import Inverse
    from relmgr_tui.ui.app import RelmgrApp


async def replay(app: RelmgrApp, marker: str) -> None:
    """Undo ("undo") or redo ("redo") this terminal's newest change in the write queue, then let the
    screen on top read it back."""
    await app.writes_settled()  # the change to name is the one the writes asked before leave newest
    change = app.service.next_change(marker)
    if change is not None and marker == "undo" and asks_first(app, change):
        from relmgr_tui.ui.screens.confirm import ConfirmModal

        question = f"Undo {change.description}?"
        if not await app.push_screen_wait(ConfirmModal(question, where(change), yes_label="Undo", default_yes=True)):
            return

    def replayed(done: str) -> None:
        app.notify(done)
        app.data_changed()

    def failed(exc: RelmgrError) -> None:
        app.report_error(exc)
        app.data_changed()

    what = f"{marker}: {change.description}" if change is not None else ""
    app.write(getattr(app.service, marker), replayed, failed, what=what)


PLACES = {"ReleaseScreen": "the release's workspace", "GoNoGoScreen": "the go/no-go review"}


def where(change: Inverse) -> str:
    if change.origin == "board":
        return "It was made from the board, on another card than this one."
    return f"It was made in {PLACES.get(change.origin, 'another screen')}, not on the board."


def asks_first(app: RelmgrApp, change: Inverse) -> bool:
    """On the board: a change made elsewhere, or to a release on the board other than the focused card's."""
    board = app.screen
    if not isinstance(board, BoardScreen):
        return False
    if change.origin != "board":
        return True
    focused = board.current.release.id if board.current is not None else None
    on_board = any(card.release.id == change.release_id for card in board.cards)
    return on_board and change.release_id != focused
