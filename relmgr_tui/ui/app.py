"""RelmgrApp: the screens, the keys that work everywhere, the theme, and error reporting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from relmgr_tui import config, signals
from relmgr_tui.cli import Context
from relmgr_tui.domain.errors import GateBlocked, RelmgrError, StaleWrite
from relmgr_tui.domain.model import Release
from relmgr_tui.ui.commands import ReleaseCommands
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.archive import ArchiveScreen
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.gate import GateModal
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.help import HelpScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

T = TypeVar("T")
STYLES = Path(__file__).with_name("styles")


class RelmgrApp(App):
    TITLE = "relmgr"
    CSS_PATH = [STYLES / "app.tcss", STYLES / "board.tcss", STYLES / "dialogs.tcss", STYLES / "release.tcss",
                STYLES / "gonogo.tcss"]
    COMMANDS = App.COMMANDS | {ReleaseCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+r", "redo", "Redo", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.service = context.service
        self.settings = context.settings
        self._theme_ready = False

    # -- life cycle ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._theme_ready = True
        if not self.is_headless:
            signals.install(self)
        self.push_screen(BoardScreen())
        for warning in self.context.warnings:
            self.notify(warning, severity="warning", timeout=12)
        self._check_size()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen in the palette for the next start."""
        if self._theme_ready and theme != self.settings.theme:
            self.settings = config.with_theme(self.settings, theme)
            try:
                config.save(self.settings, Path(self.context.config_path))
            except OSError as exc:
                self.notify(f"Theme not saved to {self.context.config_path}: {exc.strerror}", severity="warning")

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

    # -- helpers for screens -------------------------------------------------------------------

    def today(self) -> date:
        """Today in the user's time zone, from the service clock (fixed in tests)."""
        return self.service.clock().astimezone().date()

    def call_service(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a use case; a user error becomes a notification instead of a crash."""
        try:
            return function(*args, **kwargs)
        except RelmgrError as exc:
            self.report_error(exc)
        return None

    def report_error(self, exc: RelmgrError) -> None:
        if isinstance(exc, StaleWrite):
            self.notify(str(exc), title="Changed in another terminal", severity="warning", timeout=10)
        else:
            self.notify(str(exc), title="Not done", severity="error", timeout=10)

    def refuse_if_read_only(self) -> bool:
        if self.service.read_only:
            self.notify("Read-only mode: nothing can be changed. Restart without --read-only.", severity="warning")
            return True
        return False

    def open_release(self, release_id: int) -> None:
        self.push_screen(ReleaseScreen(release_id))

    def open_review(self, release_id: int) -> None:
        """`g` on a card or in the workspace: the go/no-go review of the release's next gate."""
        self.push_screen(GoNoGoScreen(release_id))

    def advance_release(self, release: Release, then: Callable[[], None]) -> None:
        """`>` on any screen: through the gate, or the gate dialog listing every blocker."""
        try:
            moved = self.service.advance(release.id, "", release.row_version)
        except GateBlocked as blocked:
            report = blocked.report

            def override(reason: str | None) -> None:
                if reason:
                    done = self.call_service(self.service.advance, release.id, reason)
                    if done:
                        self.notify(f"{done.version} moved to {report.target_label} (gate overridden).")
                then()

            self.push_screen(GateModal(release.version, report), override)
            return
        except RelmgrError as exc:
            self.report_error(exc)
            then()
            return
        where = moved.phase.label if moved.state.on_board else "Released: it moves to the archive"
        self.notify(f"{moved.version} → {where}.")
        then()

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No undo while a dialog is open: `u` belongs to what is being typed there."""
        if action in ("undo", "redo") and isinstance(self.screen, ModalScreen):
            return False
        return True

    def action_undo(self) -> None:
        self._replay(self.service.undo)

    def action_redo(self) -> None:
        self._replay(self.service.redo)

    def _replay(self, step: Callable[[], str]) -> None:
        """Undo or redo this terminal's last change, then let the screen on top read it back."""
        if self.refuse_if_read_only():
            return
        done = self.call_service(step)
        if done:
            self.notify(done)
        self.screen.post_message(DataChanged())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_archive(self) -> None:
        if isinstance(self.screen, ArchiveScreen):
            self.pop_screen()
        else:
            self.push_screen(ArchiveScreen())

    def action_new_release(self) -> None:
        self._to_board().action_new()

    def _to_board(self) -> BoardScreen:
        while not isinstance(self.screen, BoardScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        return self.screen if isinstance(self.screen, BoardScreen) else self.screen_stack[1]

    def action_presenter_mode(self) -> None:
        """For a shared screen: refuse every change from now on. Leaving it takes a restart, on purpose."""
        if self.service.read_only:
            self.notify("Already read-only (presenter mode).")
            return
        self.service.enter_read_only()
        self.notify("Presenter mode: read-only until relmgr restarts.", title="Read-only")
        if isinstance(self.screen, (BoardScreen, GoNoGoScreen)):
            self.screen.reload()

    def _release_on_screen(self, screen: Screen) -> int | None:
        """The release a screen is about: the board's focused card, or the open release or review."""
        if isinstance(screen, BoardScreen):
            return screen.current.release.id if screen.current else None
        return getattr(screen, "release_id", None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New release", "Create a release with the standard checklists (n)", self.action_new_release)
        release_id = self._release_on_screen(screen)
        if release_id is not None and not isinstance(screen, GoNoGoScreen):
            yield SystemCommand("Go/no-go review", "Walk through the evidence and record the decision (g)",
                                lambda: self.open_review(release_id))
        if not self.service.read_only:
            yield SystemCommand("Presenter mode", "Read-only until restart: show the board without risk",
                                self.action_presenter_mode)
        yield SystemCommand("Archive", "Released, rolled back and cancelled releases (a)", self.action_archive)
        yield SystemCommand("Help", "Every key on every screen (?)", self.action_help)
        yield from super().get_system_commands(screen)

