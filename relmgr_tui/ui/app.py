"""RelmgrApp: the screens, the keys that work everywhere, the theme, and error reporting."""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events, on
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from relmgr_tui import config, signals
from relmgr_tui.domain.errors import RelmgrError, StaleWrite
from relmgr_tui.domain.model import Release
from relmgr_tui.ui import moves, replay, stylesheets
from relmgr_tui.ui.change_messages import ChangeAnnounced, ConnectionDropped, Listening, RevisionRead
from relmgr_tui.ui.change_watcher import ChangeWatcher
from relmgr_tui.ui.commands import ReleaseCommands
from relmgr_tui.ui.context_opener import ContextOpened, ContextOpener
from relmgr_tui.ui.key_names import EVERYWHERE, hidden_while_read_only
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from relmgr_tui.redact import mask
from relmgr_tui.ui.text import printable_lines
from relmgr_tui.ui.widgets.write_status import WriteStatus
from relmgr_tui.ui.write_queue import WriteQueue

if TYPE_CHECKING:
    from relmgr_tui.bootstrap import Context, QuickStart
    from relmgr_tui.service import Service

T = TypeVar("T")
NOTIFIED_KEPT = 100
UNCHECKABLE_THEMES = ("ansi-dark", "ansi-light")
"""Not offered: their colours are the terminal's own, so no one can say whether a card reads in them
(every theme offered is checked at 4.5:1, tests/ui/test_themes.py)."""
# The board is the first frame; every other screen is imported where it is opened, which keeps the
# imports (and so the wait) before the first frame to what the board draws.


class RelmgrApp(App):
    TITLE = "relmgr"
    CSS_PATH = stylesheets.AT_START
    COMMANDS = App.COMMANDS | {ReleaseCommands}
    BINDINGS = EVERYWHERE

    def __init__(self, start: Context | QuickStart) -> None:
        super().__init__()
        self.settings = start.settings
        self.config_path = start.config_path
        self.opener = ContextOpener(self, start)
        """The service: given, or opened behind a quick start's first frame."""
        quick = self.opener.quick_start
        self.clock = quick.clock if quick is not None else cast("Context", start).service.clock
        self._theme_ready = False
        self.user_keymap: dict[str, str] = {}
        """The entries of config.toml's `[keys]` in force (checked and normalized): what help shows."""
        self.changes = ChangeWatcher(self)
        """Tells the screens what another terminal wrote (a poll on SQLite, LISTEN on PostgreSQL)."""
        self._write_note = ""
        self._connection_note = ""
        self.writes = WriteQueue(self, self._show_write_status)
        """Writes in a thread, one at a time, in order: a locked database never freezes the screen."""
        self.notified: deque[str] = deque(maxlen=NOTIFIED_KEPT)
        """The latest notifications' messages as shown, oldest first: a public record for tests."""
        for theme in UNCHECKABLE_THEMES:
            self.unregister_theme(theme)

    # -- life cycle ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._theme_ready = True
        self._apply_user_keymap()
        if not self.is_headless:
            signals.install(self)
        self.push_screen(BoardScreen())
        self.changes.start()
        if self.opener.opened is not None:
            self.show_warnings(self.opener.opened)
            self._freeze_long_lived_objects()
        self._check_size()

    def _apply_user_keymap(self) -> None:
        """config.toml's `[keys]` through Textual's keymap; each entry that cannot apply is one warning."""
        if not self.settings.keys:
            return  # the check imports every screen, which the board's first frame does without
        from relmgr_tui.ui import keymap

        self.user_keymap, warnings = keymap.check(self.settings.keys, f"{self.config_path} [keys]")
        self.set_keymap(self.user_keymap)
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=12)

    @property
    def quick_start(self) -> QuickStart | None:
        return self.opener.quick_start

    def open_context_behind_first_frame(self) -> None:
        """Called by the board once its first frame is on screen: import SQLAlchemy and open the
        service in a thread worker, which posts ContextOpened when it is done."""
        self.opener.start()

    def on_context_opened(self, _message: ContextOpened) -> None:
        try:
            self.opener.adopt()
        except RelmgrError:
            return  # the app is ending with the reason
        self._freeze_long_lived_objects()
        board = self.screen_stack[1] if len(self.screen_stack) > 1 else None
        if isinstance(board, BoardScreen):
            board.service_ready()

    def _freeze_long_lived_objects(self) -> None:
        """The objects made so far (SQLAlchemy's modules above all) live as long as the app: keep them
        out of the collector's full passes, which otherwise pause a key press for 0.1 s now and then.
        Not under tests, which run many apps in one process. `relmgr` starts with the collector off (see
        `relmgr_tui.cli.entry.main`): from here on it collects again."""
        if not self.is_headless:
            gc.freeze()
        gc.enable()

    def show_warnings(self, context: Context) -> None:
        for warning in context.warnings:
            self.notify(warning, severity="warning", timeout=12)

    @property
    def service_ready(self) -> bool:
        return self.opener.opened is not None

    @property
    def service(self) -> Service:
        """The use cases. A key pressed within the first second of a quick start waits here for them."""
        if self.opener.opened is None:
            if threading.current_thread() is not threading.main_thread():
                self.call_from_thread(self.opener.start)
                return self.opener.wait().service  # a worker waits; the UI thread adopts the context
            self.opener.start()
        return self.opener.adopt().service

    @property
    def read_only(self) -> bool:
        if self.opener.opened is None:
            return self.quick_start is not None and self.quick_start.read_only
        return self.opener.opened.service.read_only

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen in the palette for the next start."""
        if self._theme_ready and theme != self.settings.theme:
            self.settings = config.with_theme(self.settings, theme)
            try:
                config.save(self.settings, Path(self.config_path))
            except OSError as exc:
                self.notify(f"Theme not saved to {self.config_path}: {exc.strerror}", severity="warning")

    async def on_event(self, event: events.Event) -> None:
        """Textual hands resizes to the screens only: check the size here, where every event passes."""
        await super().on_event(event)
        if isinstance(event, events.Resize):
            self.call_later(self._check_size)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tests and screenshots run headless: a steady cursor makes their pictures repeatable."""
        if self.is_headless and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def _check_size(self) -> None:
        too_small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small and showing:
            self.pop_screen()

    # -- the change watcher: a poll on SQLite, LISTEN on PostgreSQL (see ui/change_watcher.py) -------

    def on_revision_read(self, message: RevisionRead) -> None:
        self.changes.read_done(message.revision, message.elsewhere)

    def on_change_announced(self, message: ChangeAnnounced) -> None:
        self.changes.announced(message.announcements)

    def on_listening(self, message: Listening) -> None:
        self.changes.listening(message.revision)

    def on_connection_dropped(self, message: ConnectionDropped) -> None:
        self.changes.dropped(message.retry_in)

    def check_for_changes(self) -> None:
        """The watcher's tick, read here and now: for tests, which do not wait a second."""
        self.changes.check_now()

    def data_changed(self) -> None:
        """The database changed under the screens (another terminal, an undo): tell them."""
        self.changes.data_changed()

    def catch_up(self, screen: Screen) -> None:
        """Called by a screen that is on top again: it reads its data again if it missed a change."""
        self.changes.catch_up(screen)

    # -- writes ----------------------------------------------------------------------------------

    def write(self, call: Callable[[], T], done: Callable[[T], None],
              failed: Callable[[RelmgrError], None] | None = None, what: str = "") -> None:
        """Run a use case in the write queue; `done(result)` or `failed(error)` (by default: the error is
        shown) runs on the UI thread once it is through. The change remembers the screen it was asked
        from; `what`, if given, is said in the status line while it runs."""
        origin = self.origin_of_writes()

        def made_here() -> T:
            with self.service.made_from(origin):
                return call()

        failed = failed or self.report_error

        def refused(error: RelmgrError) -> None:
            self.changes.write_failed(error)
            failed(error)

        self.writes.submit(self.changes.guard(made_here), done, refused, what)

    def origin_of_writes(self) -> str:
        """The screen under the dialogs on top: "board", or the name of another ("ReleaseScreen", ...)."""
        base = next((s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen)), self.screen)
        return "board" if isinstance(base, BoardScreen) else type(base).__name__

    async def writes_settled(self) -> None:
        """Wait until every write asked for so far has landed and its result is shown (for tests)."""
        await self.writes.settled()

    def _show_write_status(self, text: str) -> None:
        self._write_note = text
        self._show_status()

    def show_connection_note(self, text: str) -> None:
        """A lost server connection, said in every screen's status line until it is back ("" clears)."""
        self._connection_note = text
        self._show_status()

    @property
    def status_note(self) -> str:
        """What the status line says now: a lost connection first, else a write that waits."""
        return self._connection_note or self._write_note

    def _show_status(self) -> None:
        for screen in self.screen_stack:
            for status in screen.query(WriteStatus):
                status.say(self.status_note)

    # -- helpers for screens -------------------------------------------------------------------

    def today(self) -> date:
        """Today in the user's time zone, from the service clock (fixed in tests)."""
        return self.clock().astimezone().date()

    def call_service(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a use case; a user error becomes a notification instead of a crash."""
        try:
            return function(*args, **kwargs)
        except RelmgrError as exc:
            self.report_error(exc)
        return None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is plain text, whoever asks for markup: messages quote titles, items, file
        names and settings, and `[/]` in one must show as typed, not break the toast. Control and bidi
        characters in them show as escapes."""
        shown = printable_lines(message)
        self.notified.append(shown)
        super().notify(shown, title=printable_lines(title), severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's hint is written in markup, which notifications here do not read."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app.", title="Do you want to quit?")
                return

    @on(events.DeliveryFailed)
    def say_why_the_screenshot_failed(self, event: events.DeliveryFailed) -> None:
        """Textual's own toast says only "Failed to save screenshot"; this one says where and why."""
        if event.name != "screenshot":
            return
        event.prevent_default()  # instead of Textual's toast, not beside it
        error = event.exception
        where = f"{Path(error.filename).parent}: " if isinstance(error, OSError) and error.filename else ""
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.notify(f"Screenshot not saved: {where}{reason}. Create that folder or make it writable.",
                    title="Screenshot", severity="error", timeout=15)

    @on(events.DeliveryComplete)
    def say_where_the_screenshot_is(self, event: events.DeliveryComplete) -> None:
        """Textual's toast is written in markup, which notifications here show as typed."""
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(f"Screenshot saved to {event.path}", title="Screenshot")

    def report_error(self, exc: RelmgrError) -> None:
        if isinstance(exc, StaleWrite):
            self.notify(mask(str(exc)), title="Changed in another terminal", severity="warning", timeout=10)
        else:
            self.notify(mask(str(exc)), title="Not done", severity="error", timeout=10)

    def refuse_if_read_only(self) -> bool:
        if not self.read_only:
            return False
        if self.service.presenting:
            self.notify("Presenter mode: nothing can be changed. Switch it off in the palette (ctrl+p).",
                        severity="warning")
        else:
            self.notify("Read-only mode: nothing can be changed. Restart without --read-only.", severity="warning")
        return True

    def open_release(self, release_id: int) -> None:
        from relmgr_tui.ui.screens.release import ReleaseScreen

        self.push_screen(ReleaseScreen(release_id))

    def open_review(self, release_id: int) -> None:
        """`g` on a card or in the workspace: the go/no-go review of the release's next gate."""
        from relmgr_tui.ui.screens.gonogo import GoNoGoScreen

        self.push_screen(GoNoGoScreen(release_id))

    def open_post_review(self, release_id: int) -> None:
        """`P` in the workspace or the archive: the post-release review of a released or rolled-back release."""
        from relmgr_tui.ui.screens.post_review import PostReviewScreen

        self.push_screen(PostReviewScreen(release_id))

    def advance_release(self, release: Release, then: Callable[[], None]) -> None:
        """`>` on any screen, in the write queue (see `ui/moves.py`); `then` runs once it is through."""
        moves.advance(self, release, then)

    def move_back(self, release: Release, then: Callable[[], None]) -> None:
        """`<` on any screen, in the write queue; `then` runs once it is through."""
        moves.move_back(self, release, then)

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No undo while a dialog is open (`u` belongs to what is being typed there), nor while read-only."""
        if action in ("undo", "redo") and isinstance(self.screen, ModalScreen):
            return False
        return not hidden_while_read_only(self, action)

    def action_undo(self) -> None:
        self._replay("undo")

    def action_redo(self) -> None:
        self._replay("redo")

    def _replay(self, marker: str) -> None:
        """Undo or redo this terminal's last change, named first (see `ui/replay.py`)."""
        if not self.refuse_if_read_only():
            self.run_worker(replay.replay(self, marker), group="replay")

    def action_help(self) -> None:
        from relmgr_tui.ui import keymap
        from relmgr_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(keymap.sections(without_writes=self.read_only)))

    def action_archive(self) -> None:
        from relmgr_tui.ui.screens.archive import ArchiveScreen

        if isinstance(self.screen, ArchiveScreen):
            self.pop_screen()
        else:
            self.push_screen(ArchiveScreen())

    def action_metrics(self) -> None:
        from relmgr_tui.ui.screens.metrics import MetricsScreen

        if isinstance(self.screen, MetricsScreen):
            self.pop_screen()
        else:
            self.push_screen(MetricsScreen())

    def action_calendar(self) -> None:
        """The release calendar; imported here, so the board's first frame loads none of it."""
        from relmgr_tui.ui.screens.calendar import CalendarScreen

        if isinstance(self.screen, CalendarScreen):
            self.pop_screen()
        else:
            self.push_screen(CalendarScreen())

    def action_new_release(self) -> None:
        self._to_board().action_new()

    def _to_board(self) -> BoardScreen:
        while not isinstance(self.screen, BoardScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        return self.screen if isinstance(self.screen, BoardScreen) else self.screen_stack[1]

    def action_presenter_mode(self) -> None:
        """For a shared screen: on, every change is refused and the keys that write are hidden; off again
        after a confirmation. A relmgr started read-only stays so (see `Service.leave_presenter_mode`)."""
        from relmgr_tui.ui import presenter

        presenter.toggle(self)

    def _release_on_screen(self, screen: Screen) -> int | None:
        """The release a screen is about: the board's focused card, or the open release or review."""
        if isinstance(screen, BoardScreen):
            return screen.current.release.id if screen.current else None
        return getattr(screen, "release_id", None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New release", "Create a release with the standard checklists (n)", self.action_new_release)
        release_id = self._release_on_screen(screen)
        from relmgr_tui.ui.screens.gonogo import GoNoGoScreen

        if release_id is not None and not isinstance(screen, GoNoGoScreen):
            yield SystemCommand("Go/no-go review", "Walk through the evidence and record the decision (g)",
                                lambda: self.open_review(release_id))
        if self.read_only:
            yield SystemCommand("Presenter mode off", "Allow changes again (asks first)", self.action_presenter_mode)
        else:
            yield SystemCommand("Presenter mode", "Read-only: show the board without risk; the keys that change"
                                " things are hidden", self.action_presenter_mode)
        yield SystemCommand("Archive", "Released, rolled back and cancelled releases (a)", self.action_archive)
        yield SystemCommand("Delivery metrics", "Releases per week, lead time, time in each phase, failures and"
                            " restores, on-time rate, overrides (M)", self.action_metrics)
        yield SystemCommand("Calendar", "Deployment windows, freezes and clashes, week by week (c)",
                            self.action_calendar)
        yield SystemCommand("Help", "Every key on every screen (?)", self.action_help)
        yield from super().get_system_commands(screen)

