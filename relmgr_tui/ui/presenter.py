"""Presenter mode: relmgr on a shared screen, where no key changes anything until it is switched off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import ReadOnlyMode

if TYPE_CHECKING:
    from relmgr_tui.ui.app import RelmgrApp


def toggle(app: RelmgrApp) -> None:
    """On at once; off only after a yes, and never for a relmgr started `--read-only`."""
    service = app.service
    if not service.read_only:
        service.enter_read_only()
        app.notify("Presenter mode: nothing can be changed; the keys that would are hidden. Switch it off in the"
                   " palette (ctrl+p).", title="Presenter mode on")
        _show_keys_again(app)
        return
    if not service.presenting:
        app.notify("relmgr was started read-only (--read-only): that cannot be switched off from inside, so that"
                   " a shared screen stays safe. Restart it without --read-only to change things.",
                   title="Read-only", severity="warning", timeout=10)
        return
    from relmgr_tui.ui.screens.confirm import ConfirmModal

    app.push_screen(ConfirmModal("Switch presenter mode off?", "Every key that changes a release works again.",
                                 yes_label="Yes, allow changes"), lambda yes: _leave(app) if yes else None)


def _leave(app: RelmgrApp) -> None:
    try:
        app.service.leave_presenter_mode()
    except ReadOnlyMode as exc:
        app.report_error(exc)
        return
    app.notify("Presenter mode off: changes are possible again.", title="Presenter mode off")
    _show_keys_again(app)


def _show_keys_again(app: RelmgrApp) -> None:
    """The footers (and the board's READ-ONLY title) follow the mode at once."""
    from relmgr_tui.ui.screens.board import BoardScreen
    from relmgr_tui.ui.screens.gonogo import GoNoGoScreen

    for screen in app.screen_stack:
        screen.refresh_bindings()
    if isinstance(app.screen, (BoardScreen, GoNoGoScreen)):
        app.screen.reload()
