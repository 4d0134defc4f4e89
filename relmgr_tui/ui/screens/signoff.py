"""Sign off as yourself: the role (among those the next move asks for and you have not signed), approve or
reject, and a comment. The signer is who relmgr runs as (the OS or database user), never a typed name."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from relmgr_tui.domain.model import Verdict
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction
from relmgr_tui.ui.text import printable

VERDICTS = [("approve", Verdict.APPROVE.value), ("reject (blocks the move)", Verdict.REJECT.value)]


class SignoffModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"role": "role", "verdict": "verdict", "comment": "comment"}

    def __init__(self, save: SaveFunction, version: str, move: str, roles: tuple[str, ...], identity: str) -> None:
        super().__init__(save, f"Sign off {printable(version)} before {move}")
        self.roles = roles
        self.identity = identity

    def fields(self) -> ComposeResult:
        yield Static(Content(f"Signing as {printable(self.identity)} (who relmgr runs as)"), classes="muted")
        yield from self.row("Role", "role", Select([(printable(r), r) for r in self.roles], value=self.roles[0],
                                                   allow_blank=False, id="role", compact=True))
        yield from self.row("Verdict", "verdict", Select(VERDICTS, value=Verdict.APPROVE.value, allow_blank=False,
                                                         id="verdict", compact=True))
        yield from self.row("Comment", "comment", Input(id="comment", compact=True,
                                                        placeholder="what you checked, or what must change"))
