"""Add or edit a risk. Likelihood and impact are checked (1-5) as they are typed; the score and band show
beside them so the effect of a change is seen before it is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Risk, RiskResponse, RiskStatus
from relmgr_tui.domain.risk import band_of, check_rating
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction

RESPONSES = [
    ("reduce: lower the likelihood or impact", "reduce"),
    ("avoid: change the plan so it cannot happen", "avoid"),
    ("transfer: someone else carries it", "transfer"),
    ("accept: live with it", "accept"),
]


def score_line(likelihood: str, impact: str) -> str:
    try:
        score = check_rating("likelihood", likelihood) * check_rating("impact", impact)
    except InvalidInput:
        return "score: enter likelihood and impact from 1 to 5"
    band = band_of(score)
    return f"score {score} · {band.letter} {band.label}"


class RiskFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"risk title": "title"}
    CHECKS: ClassVar[dict[str, Callable[[str], object]]] = {
        "likelihood": lambda value: check_rating("likelihood", value),
        "impact": lambda value: check_rating("impact", value),
    }

    def __init__(self, save: SaveFunction, risk: Risk | None = None) -> None:
        super().__init__(save, "Edit risk" if risk else "New risk")
        self.risk = risk

    def fields(self) -> ComposeResult:
        r = self.risk
        yield from self.row("Title", "title", Input(r.title if r else "", id="title", compact=True))
        yield from self.row("Likelihood", "likelihood", Input(
            str(r.likelihood) if r else "3", id="likelihood", compact=True, placeholder="1 rare … 5 almost certain"))
        yield from self.row("Impact", "impact", Input(
            str(r.impact) if r else "3", id="impact", compact=True, placeholder="1 minor … 5 severe"))
        yield Static(Content(score_line(str(r.likelihood) if r else "3", str(r.impact) if r else "3")),
                     id="score-preview", classes="muted")
        yield from self.row("Category", "category", Input(r.category if r else "", id="category", compact=True,
                                                          placeholder="e.g. technical, vendor, people"))
        yield from self.row("Owner", "owner", Input(r.owner if r else "", id="owner", compact=True))
        yield from self.row("Response", "response", Select(
            RESPONSES, value=(r.response if r else RiskResponse.REDUCE).value, allow_blank=False, id="response",
            compact=True))
        if r is not None:
            statuses = [RiskStatus.OPEN, RiskStatus.MITIGATING]
            if r.status not in statuses:
                statuses.append(r.status)
            yield from self.row("Status", "status", Select(
                [(s.value, s.value) for s in statuses], value=r.status.value, allow_blank=False, id="status",
                compact=True))
        yield from self.long_text("Cause and effect", "description", r.description if r else "")
        yield from self.long_text("Mitigation", "mitigation", r.mitigation if r else "")
        yield from self.long_text("Contingency (if it happens)", "contingency", r.contingency if r else "")

    @on(Input.Changed, "#likelihood, #impact")
    def update_score(self) -> None:
        line = score_line(self.query_one("#likelihood", Input).value, self.query_one("#impact", Input).value)
        self.query_one("#score-preview", Static).update(Content(line))
