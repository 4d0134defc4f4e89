"""A one-field dialog that saves through the app's write queue: it closes once the write is through, and
keeps what was typed, with the problem beside it, when the write refuses the input."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.domain.errors import InvalidInput, RelmgrError


class QueuedSaveModal(ModalScreen[object]):
    ERROR_ID: ClassVar[str] = ""
    """The Static that shows a refused input (it gets the class -shown)."""

    def __init__(self) -> None:
        super().__init__()
        self.saving = False

    def save_in_queue(self, call: Callable[[], object]) -> None:
        """Run `call` in the write queue once (a second save while one runs is ignored)."""
        if self.saving:
            return
        self.saving = True
        self.app.write(call, self._saved, self._not_saved)

    def _saved(self, result: object) -> None:
        self.saving = False
        self.dismiss(result)

    def _not_saved(self, exc: RelmgrError) -> None:
        self.saving = False
        if not isinstance(exc, InvalidInput):
            self.app.report_error(exc)
            return
        error = self.query_one(f"#{self.ERROR_ID}", Static)
        error.update(Content(f"✗ {exc}"))
        error.add_class("-shown")
