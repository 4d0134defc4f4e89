"""The risks pane: the register and its heat map, and its keys: add, edit and close a risk, and the heat
map that filters the table (see `pane` for how a pane asks the screen to write)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from relmgr_tui.domain.model import ReleaseDetail, Risk, RiskOutcome
from relmgr_tui.domain.risk import heat_map, sorted_by_score
from relmgr_tui.ui.detail_patch import with_row
from relmgr_tui.ui.screens.accept_risk import AcceptRiskModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.pane import WorkspacePane
from relmgr_tui.ui.screens.risk_form import RiskFormModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
from relmgr_tui.ui.widgets.risk_table import RiskTable

NO_RISK = "No risk here: press a to add one."
OUTCOMES = [
    (RiskOutcome.MITIGATED.value, "mitigated: the response worked"),
    (RiskOutcome.DID_NOT_OCCUR.value, "did not occur: the moment has passed"),
    (RiskOutcome.OCCURRED.value, "occurred: it happened (the contingency applies)"),
]


def risk_values(values: dict[str, Any]) -> dict[str, Any]:
    """The risk form's values as keyword arguments of add_risk / edit_risk."""
    return {name: value for name, value in values.items() if name != "status" or value}


class RisksPane(WorkspacePane):
    LIST = RiskTable
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_risk", "Add", id="workspace.add_risk"),
        Binding("e", "edit_risk", "Edit", id="workspace.edit_risk"),
        Binding("c", "close_risk", "Close risk", id="workspace.close_risk"),
        Binding("A", "accept_risk", "Accept", id="workspace.accept_risk"),
        Binding("m", "heatmap", "Heat map", id="workspace.heatmap"),
    ]

    def __init__(self, release_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.release_id = release_id
        self.detail: ReleaseDetail | None = None
        self.risk_cell: tuple[int, int] | None = None
        """The heat map cell the table is filtered to (likelihood, impact), or None for every risk."""

    def compose(self) -> ComposeResult:
        yield Static(id="risks-title", classes="pane-title")
        with Horizontal(id="risks-body"):
            yield RiskTable(id="risk-table")
            yield RiskHeatmap(id="heatmap")
        yield Static(id="risks-detail", classes="pane-detail")

    def show(self, detail: ReleaseDetail, previous: ReleaseDetail | None) -> None:
        self.detail = detail
        if previous is None or previous.risks != detail.risks:
            self.redraw()

    def redraw(self) -> None:
        detail = self.detail
        risks = sorted_by_score(detail.risks)
        if self.risk_cell is not None:
            risks = [r for r in risks if (r.likelihood, r.impact) == self.risk_cell]
        live = sum(1 for r in detail.risks if r.status.is_live)
        title = f"Risk register · {live} open of {len(detail.risks)} · by score"
        empty = "No risks yet: press a to add one."
        if self.risk_cell is not None:
            likelihood, impact = self.risk_cell
            title += f" · only L{likelihood} × I{impact} (escape shows all)"
            empty = "No risks in this cell of the heat map (escape shows all)."
        self.set_title(title)
        self.row_list.show(risks, empty_text=empty)
        self.query_one(RiskHeatmap).show(heat_map(detail.risks), self.risk_cell)

    def action_add_risk(self) -> None:
        def open_form() -> None:
            def save(values: dict[str, Any]) -> object:
                fields = risk_values(values)
                return self.app.service.add_risk(self.release_id, fields.pop("title"), fields.pop("likelihood"),
                                                 fields.pop("impact"), **fields)

            self.app.push_screen(RiskFormModal(save), self.saved)

        self.act(open_form)

    def action_edit_risk(self) -> None:
        def open_form(risk: Risk) -> None:

            def save(values: dict[str, Any]) -> object:
                return self.app.service.edit_risk(risk.id, risk.row_version, **risk_values(values))

            self.app.push_screen(RiskFormModal(save, risk), self.saved)

        self.act_on_row(NO_RISK, open_form)

    def action_close_risk(self) -> None:
        def ask(risk: Risk) -> None:
            if not risk.status.is_live:
                self.notify(f"That risk is {risk.status.value} already; e edits it (status open reopens it).")
                return

            def answered(choice: tuple[str, str | None] | None) -> None:
                if choice is not None:
                    outcome, note = choice
                    self.write("close_risk", risk.id, outcome, risk.row_version, note or "", patch=with_row)

            self.app.push_screen(OutcomeModal(
                "Close the risk", printable(risk.title), OUTCOMES, note_label="Note for the audit log (optional):"
            ), answered)

        self.act_on_row(NO_RISK, ask)

    def action_accept_risk(self) -> None:
        def open_form(risk: Risk) -> None:
            if not risk.status.is_live:
                self.notify(f"That risk is {risk.status.value}: only a live risk can be accepted.")
                return

            def save(values: dict[str, Any]) -> object:
                return self.app.service.accept_risk(risk.id, values["by"], values["reason"], risk.row_version)

            acceptor = risk.accepted_by or self.app.settings.manager_name or self.app.service.who
            self.app.push_screen(AcceptRiskModal(save, risk, acceptor), self.saved)

        self.act_on_row(NO_RISK, open_form)

    def action_heatmap(self) -> None:
        heatmap = self.query_one(RiskHeatmap)
        if heatmap.has_focus:
            self.row_list.focus()
        else:
            heatmap.focus()

    def on_risk_heatmap_cell_chosen(self, event: RiskHeatmap.CellChosen) -> None:
        self.risk_cell = event.cell
        self.redraw()

    def on_risk_heatmap_filter_cleared(self, _event: RiskHeatmap.FilterCleared) -> None:
        self.clear_filter()

    def clear_filter(self) -> bool:
        """Show every risk again; False when the table was not filtered."""
        if self.risk_cell is None:
            return False
        self.risk_cell = None
        self.redraw()
        self.row_list.focus()
        return True
