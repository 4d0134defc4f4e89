"""Phase moves asked from any screen (`>` and `<`), in the app's write queue: through the gate, or the
gate dialog listing every blocker and asking for the reason to go over it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import GateBlocked, RelmgrError

if TYPE_CHECKING:
    from relmgr_tui.domain.gates import GateReport
    from relmgr_tui.domain.model import Release
    from relmgr_tui.ui.app import RelmgrApp


def advance(app: RelmgrApp, release: Release, then: Callable[[], None]) -> None:
    """`then` runs once the move landed, was refused, or the gate dialog was answered."""
    def moved(done: Release) -> None:
        where = done.phase.label if done.state.on_board else "Released: it moves to the archive"
        app.notify(f"{done.version} → {where}.")
        then()

    def refused(exc: RelmgrError) -> None:
        if isinstance(exc, GateBlocked):
            _ask_gate_override(app, release, exc.report, then)
        else:
            _report_then(app, then)(exc)

    app.write(partial(app.service.advance, release.id, "", release.row_version), moved, refused)


def _ask_gate_override(app: RelmgrApp, release: Release, report: GateReport, then: Callable[[], None]) -> None:
    from relmgr_tui.ui.screens.gate import GateModal

    def overridden(done: Release) -> None:
        app.notify(f"{done.version} moved to {report.target_label} (gate overridden).")
        then()

    def answered(reason: str | None) -> None:
        if reason:
            app.write(partial(app.service.advance, release.id, reason), overridden, _report_then(app, then))
        else:
            then()

    app.push_screen(GateModal(release.version, report), answered)


def move_back(app: RelmgrApp, release: Release, then: Callable[[], None]) -> None:
    def moved(done: Release) -> None:
        app.notify(f"{done.version} moved back to {done.phase.label}.")
        then()

    app.write(partial(app.service.move_back, release.id, "", release.row_version), moved, _report_then(app, then))


def _report_then(app: RelmgrApp, then: Callable[[], None]) -> Callable[[RelmgrError], None]:
    def failed(exc: RelmgrError) -> None:
        app.report_error(exc)
        then()

    return failed
