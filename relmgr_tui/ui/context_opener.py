"""Opening the service behind a quick start's first frame, in a thread of its own."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, cast

from textual.message import Message

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.safe_text import message_line

if TYPE_CHECKING:
    from relmgr_tui.bootstrap import Context, QuickStart
    from relmgr_tui.ui.app import RelmgrApp


class ContextOpened(Message):
    """The service opened behind a quick start's first frame (or failed to)."""


class ContextOpener:
    """Holds the app's context: given at once (`relmgr` with a subcommand's options, tests) or opened by a
    worker after the quick start's first frame. The UI thread adopts it (its warnings shown) once."""

    def __init__(self, app: RelmgrApp, start: Context | QuickStart) -> None:
        self.app = app
        # Told apart by shape, not class: the app does not import the composition root that builds it.
        self.quick_start = cast("QuickStart", start) if hasattr(start, "open_context") else None
        self.opened: Context | None = None if self.quick_start is not None else cast("Context", start)
        """The context in use, once the UI thread adopted it (its warnings shown)."""
        self._started = False
        self._result: Context | Exception | None = None
        """What the opening worker made, handed over on `_done`."""
        self._done = threading.Event()

    def start(self) -> None:
        """Import SQLAlchemy and open the service in a thread, which posts ContextOpened.

        A plain thread, running from this call on, not a Textual worker: a worker's thread starts only
        when the event loop next runs, and a key pressed before the timer that starts it (`g` at once)
        calls this and then waits for the context on the UI thread: that wait never ended."""
        if self.quick_start is None or self._started:
            return
        self._started = True
        threading.Thread(target=self._open, name="open-context", daemon=True).start()

    def _open(self) -> None:
        """In a thread: the import and the opening take a moment the first frame does not wait for."""
        try:
            self._result = self.quick_start.open_context()
        except Exception as exc:  # handed to the UI thread, which reports it
            self._result = exc
        finally:
            self._done.set()
        self.app.post_message(ContextOpened())

    def wait(self) -> Context:
        """Wait for the opening worker (a key pressed within the first second does) and take its result."""
        self._done.wait()
        result = self._result
        if isinstance(result, Exception):
            raise result
        return cast("Context", result)

    def adopt(self) -> Context:
        """The opened context, its warnings shown once. A failure ends the app with its one sentence."""
        if self.opened is None:
            try:
                context = self.wait()
            except RelmgrError as exc:
                self.app.exit(return_code=2, message=f"relmgr: error: {message_line(str(exc))}")
                raise
            self.opened = context
            self.app.show_warnings(context)
        return self.opened
