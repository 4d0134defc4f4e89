"""The risk register as a table, highest score first: the band is a letter and a word, not only a colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from relmgr_tui.domain.model import Risk
from relmgr_tui.domain.risk import risk_band
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.activity_log import one_line
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList, component_classes


class RiskTable(RowList[Risk]):
    COMPONENT_CLASSES: ClassVar[set[str]] = component_classes(
        "band-low", "band-medium", "band-high", "band-critical",
        "status-open", "status-mitigating", "status-closed", "status-occurred",
    )
    COLUMNS = (
        Column("Title"),
        Column("L", 1),
        Column("I", 1),
        Column("Score", 5, align="right"),
        Column("Band", 10),
        Column("Owner", 10, drop=2),
        Column("Response", 8, drop=1),
        Column("Status", 10),
    )
    EMPTY = "No risks yet: press a to add one."

    def cells(self, risk: Risk, index: int) -> Sequence[Cell]:
        band = risk_band(risk)
        live = risk.status.is_live
        return (
            (printable(risk.title), "" if live else "dim"),
            (str(risk.likelihood), ""),
            (str(risk.impact), ""),
            (str(risk.score), "strong" if live else "dim"),
            (f"{band.letter} {band.label}", f"band-{band.label}" if live else "dim"),
            (printable(risk.owner) or "-", "" if risk.owner else "dim"),
            (risk.response.value, "dim"),
            ("accepted", "status-mitigating") if live and risk.accepted
            else (risk.status.value, f"status-{risk.status.value}"),
        )

    def describe(self, risk: Risk) -> str:
        band = risk_band(risk)
        status = risk.status.value
        if risk.outcome:
            status += f" ({risk.outcome.value.replace('_', ' ')})"
        parts = [printable(risk.title), f"L{risk.likelihood} × I{risk.impact} = {risk.score} {band.label}", status,
                 f"owner {printable(risk.owner) or '-'}", f"response {risk.response.value}"]
        if risk.accepted:
            parts.append(f"accepted by {printable(risk.accepted_by)}: {one_line(risk.accepted_reason)}")
        for label, text in (("category", risk.category), ("cause/effect", risk.description),
                            ("mitigation", risk.mitigation), ("contingency", risk.contingency)):
            if text:
                parts.append(f"{label}: {one_line(text)}")
        return " · ".join(parts)
