"""Accept a risk: who accepts it and why. An accepted risk stays in the register and the heat map, marked
"accepted by …", and no longer blocks; changing its likelihood or impact withdraws the acceptance."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input

from relmgr_tui.domain.model import Risk
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction
from relmgr_tui.ui.text import printable


class AcceptRiskModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"by": "by", "reason for accepting the risk": "reason"}

    def __init__(self, save: SaveFunction, risk: Risk, acceptor: str) -> None:
        super().__init__(save, f"Accept risk: {printable(risk.title)} (score {risk.score})")
        self.acceptor = acceptor

    def fields(self) -> ComposeResult:
        # Labels have 9 cells: "Accepted by" ran into its value ("Accepted byalice").
        yield from self.row("By", "by", Input(self.acceptor, id="by", compact=True, placeholder="who carries the risk"))
        yield from self.row("Why", "reason", Input(id="reason", compact=True,
                                                   placeholder="why it is acceptable (kept in the register)"))
