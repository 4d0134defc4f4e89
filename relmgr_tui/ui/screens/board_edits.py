"""The board's edits of a release: `n` new, `e` edit, `d` delete, each through its dialog and the app's
write queue. The board shows the result with `refresh_card`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from relmgr_tui.domain import kind_change
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.model import Release
from relmgr_tui.ui.text import printable

if TYPE_CHECKING:
    from relmgr_tui.ui.screens.board import BoardScreen

# Dialogs are imported where they open: the first frame needs only the board.


def new_release(board: BoardScreen) -> None:
    from relmgr_tui.ui.screens.release_form import ReleaseFormModal, save_with_window

    app, settings = board.app, board.app.settings
    service = app.service

    def save(values: dict[str, Any]) -> object:
        return save_with_window(lambda fields: service.create_release(**fields),
                                lambda r, window: service.set_window(r.id, r.row_version, window), values)

    def created(release: Release | None) -> None:
        if release:
            board.focused_release_id = release.id
            board.filter_box.clear_silently()
            board.refresh_card(release.id)
            board.notify(f"Created {release.version} with the {release.kind.value} checklists.")

    app.push_screen(ReleaseFormModal(save, methodology=settings.default_methodology, owner=settings.manager_name,
                                     zone=service.timezone.key), created)


def edit_release(board: BoardScreen, release: Release) -> None:
    from relmgr_tui.ui.screens.release_form import ReleaseFormModal, save_with_window

    app = board.app
    service = app.service

    def save(values: dict[str, Any]) -> object:
        return save_with_window(lambda fields: service.edit_release(release.id, release.row_version, **fields),
                                lambda r, window: service.set_window(r.id, r.row_version, window), values)

    def saved(result: object) -> None:
        if result:
            board.refresh_card(release.id)
        if isinstance(result, Release) and result.kind is not release.kind:
            offer_kind_templates(board, result)

    app.push_screen(ReleaseFormModal(save, release, zone=service.timezone.key), saved)


def offer_kind_templates(board: BoardScreen, release: Release) -> None:
    """After a kind change: offer the new kind's checklists for the phases not yet reached."""
    from relmgr_tui.ui.screens.confirm import ConfirmModal

    phases = kind_change.phases_not_reached(release.phase)
    if release.finished or not phases:
        return
    app, kind = board.app, release.kind.value

    def applied(changes: tuple[kind_change.PhaseChange, ...]) -> None:
        summary = "\n".join(change.summary() for change in changes if change)
        board.notify(summary or f"The later phases already had the {kind} checklists.",
                     title=f"Applied the {kind} checklists to {printable(release.version)}")
        board.refresh_card(release.id)

    def answered(yes: bool | None) -> None:
        if yes:
            app.write(partial(app.service.apply_kind_templates, release.id), applied, app.report_error)

    app.push_screen(ConfirmModal(
        f"Apply the {kind} checklists to {', '.join(phase.label for phase in phases)}?",
        "Ticked items and items you added are kept; unticked items of the old set go."
        " No keeps the checklists as they are.",
        yes_label="Yes, apply"), answered)


def delete_release(board: BoardScreen, release: Release) -> None:
    from relmgr_tui.ui.screens.confirm import ConfirmModal

    app = board.app

    def deleted(_result: object) -> None:
        board.notify(f"Deleted {release.version}.")
        board.refresh_card(release.id)

    def not_deleted(exc: RelmgrError) -> None:
        app.report_error(exc)
        board.refresh_card(release.id)

    def answered(yes: bool | None) -> None:
        if yes:
            app.write(partial(app.service.delete_release, release.id, release.row_version), deleted, not_deleted)

    app.push_screen(
        ConfirmModal(
            f"Delete release {' '.join(filter(None, (printable(release.version), printable(release.title))))}?",
            "Its checklists, risks, rollback plan and decisions go too. The audit log keeps its history.",
        ),
        answered,
    )
