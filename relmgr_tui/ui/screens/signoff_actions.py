"""Signing off from the app, as yourself: the review's `o` and `O` keys and the workspace palette's entries
share these. `sign_off` opens the dialog on the roles the next move asks for that you have not signed;
`revoke` takes back your own. Both write through the app's write queue, then call `after`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.model import ReleaseDetail, Signoff, move_label, signoff_move
from relmgr_tui.ui.screens.signoff import SignoffModal

SIGNOFF_SECTION = 3
"""The review's Sign-off section (key 4)."""


def my_signoffs(detail: ReleaseDetail, identity: str) -> list[Signoff]:
    """Your sign-offs of the release's next move."""
    move = signoff_move(detail.release.phase)
    return [s for s in detail.signoffs if s.who == identity and s.move == move]


def sign_off(screen: Screen, detail: ReleaseDetail, after: Callable[[Signoff | None], Any]) -> None:
    service, release = screen.app.service, detail.release
    if screen.app.refuse_if_read_only():
        return
    roles = service.signoffs_open_to_me(release, detail.signoffs)
    before = move_label(signoff_move(release.phase))
    if not roles:
        screen.notify(f"Nothing for you ({service.identity}) to sign before {before}: you signed every role"
                      " it asks for, or it asks for none.", severity="warning")
        return

    def save(values: dict[str, Any]) -> Signoff:
        return service.sign_off(release.id, values["role"], values["verdict"], values["comment"])

    def saved(signed: Signoff | None) -> None:
        if signed is not None:
            screen.notify(f"Signed off as {signed.role}: {signed.verdict.label}.")
        after(signed)

    screen.app.push_screen(SignoffModal(save, release.version, before, roles, service.identity), saved)


def revoke(screen: Screen, release_id: int, role: str, after: Callable[[object], Any]) -> None:
    if screen.app.refuse_if_read_only():
        return

    def revoked(_signoff: Signoff) -> None:
        screen.notify(f"Revoked your {role} sign-off.")
        after(None)

    def failed(exc: RelmgrError) -> None:
        screen.app.report_error(exc)
        after(None)

    screen.app.write(partial(screen.app.service.revoke_signoff, release_id, role), revoked, failed)


class SignoffKeys:
    """Mixed into GoNoGoScreen: uses its `detail`, `release_id`, `review_list`, `reload` and `go_to`."""

    def action_sign_off(self) -> None:
        if self.detail is None:
            return

        def after(signed: Signoff | None) -> None:
            self.reload()
            if signed is not None:
                self.go_to(SIGNOFF_SECTION)

        sign_off(self, self.detail, after)

    def action_revoke_signoff(self) -> None:
        """Take back your sign-off in the role under the cursor (or your only one)."""
        if self.detail is None:
            return
        entry = self.review_list.current
        mine = [s.role for s in my_signoffs(self.detail, self.app.service.identity)]
        role = entry.role if entry is not None and entry.role in mine else mine[0] if len(mine) == 1 else ""
        if not role:
            self.notify("Move to one of your sign-offs (section 4) to revoke it." if mine
                        else "You have no sign-off here to revoke.", severity="warning")
            return
        revoke(self, self.release_id, role, lambda _: self.reload())
