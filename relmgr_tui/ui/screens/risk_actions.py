"""The risks pane's keys: add, edit and close a risk, and the heat map that filters the table.

A mixin of ReleaseScreen (see checklist_actions for the pattern).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from relmgr_tui.domain.model import Risk, RiskOutcome
from relmgr_tui.ui.detail_patch import with_row
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.risk_form import RiskFormModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
from relmgr_tui.ui.widgets.risk_table import RiskTable

if TYPE_CHECKING:
    from relmgr_tui.ui.screens.release import ReleaseScreen

RISK_KEYS = [
    Binding("a", "add_risk", "Add", id="workspace.add_risk"),
    Binding("e", "edit_risk", "Edit", id="workspace.edit_risk"),
    Binding("c", "close_risk", "Close risk", id="workspace.close_risk"),
    Binding("m", "heatmap", "Heat map", id="workspace.heatmap"),
]
RISK_ACTIONS = {"add_risk", "edit_risk", "close_risk", "heatmap"}

OUTCOMES = [
    (RiskOutcome.MITIGATED.value, "mitigated: the response worked"),
    (RiskOutcome.DID_NOT_OCCUR.value, "did not occur: the moment has passed"),
    (RiskOutcome.OCCURRED.value, "occurred: it happened (the contingency applies)"),
]


def risk_values(values: dict[str, Any]) -> dict[str, Any]:
    """The risk form's values as keyword arguments of add_risk / edit_risk."""
    return {name: value for name, value in values.items() if name != "status" or value}


class RiskActions:
    def _risk(self: ReleaseScreen) -> Risk | None:
        return self.current_row(RiskTable, "No risk here: press a to add one.")

    def action_add_risk(self: ReleaseScreen) -> None:
        if self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> object:
            fields = risk_values(values)
            return self.service.add_risk(self.release_id, fields.pop("title"), fields.pop("likelihood"),
                                         fields.pop("impact"), **fields)

        self.app.push_screen(RiskFormModal(save), self.saved)

    def command_add_risk(self: ReleaseScreen) -> None:
        self.action_pane("risks")
        self.action_add_risk()

    async def action_edit_risk(self: ReleaseScreen) -> None:
        await self.settle()
        risk = self._risk()
        if risk is None or self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> object:
            return self.service.edit_risk(risk.id, risk.row_version, **risk_values(values))

        self.app.push_screen(RiskFormModal(save, risk), self.saved)

    async def action_close_risk(self: ReleaseScreen) -> None:
        await self.settle()
        risk = self._risk()
        if risk is None or self.app.refuse_if_read_only():
            return
        if not risk.status.is_live:
            self.notify(f"That risk is {risk.status.value} already; e edits it (status open reopens it).")
            return

        def answered(choice: tuple[str, str | None] | None) -> None:
            if choice is None:
                return
            outcome, note = choice
            closed = self.write(self.service.close_risk, risk.id, outcome, risk.row_version, note or "")
            if closed is not None:
                self.changed(with_row(self.detail, closed))

        self.app.push_screen(OutcomeModal(
            "Close the risk", printable(risk.title), OUTCOMES, note_label="Note for the audit log (optional):"
        ), answered)

    def action_heatmap(self: ReleaseScreen) -> None:
        heatmap = self.query_one(RiskHeatmap)
        if heatmap.has_focus:
            self.query_one(RiskTable).focus()
        else:
            heatmap.focus()

    def on_risk_heatmap_cell_chosen(self: ReleaseScreen, event: RiskHeatmap.CellChosen) -> None:
        self.risk_cell = event.cell
        self.show_risks()

    def on_risk_heatmap_filter_cleared(self: ReleaseScreen, _event: RiskHeatmap.FilterCleared) -> None:
        self.clear_risk_filter()

    def clear_risk_filter(self: ReleaseScreen) -> None:
        self.risk_cell = None
        self.show_risks()
        self.query_one(RiskTable).focus()
