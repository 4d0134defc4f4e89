"""Create or edit a release: version, title, kind, methodology, owner, target date and summary."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input, Select

from relmgr_tui.domain import validation
from relmgr_tui.domain.model import Methodology, Phase, Release, ReleaseKind
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction

METHODOLOGY_OPTIONS = [
    ("waterfall (gates enforced)", Methodology.WATERFALL.value),
    ("agile (gates advise; override with a reason)", Methodology.AGILE.value),
]


class ReleaseFormModal(FormModal):
    """The version and target date are checked as they are typed."""

    FIELD_IDS: ClassVar[dict[str, str]] = {"target date": "target_date"}
    CHECKS: ClassVar = {
        "version": lambda value: validation.version(value) if value.strip() else None,
        "target_date": validation.optional_date,
    }

    def __init__(self, save: SaveFunction, release: Release | None = None,
                 methodology: Methodology = Methodology.WATERFALL, owner: str = "") -> None:
        super().__init__(save, f"Edit release {release.version}" if release else "New release")
        self.release = release
        self.default_methodology = methodology
        self.default_owner = owner

    def advice(self, field: str, value: object) -> str:
        """A target date in the past is allowed (a release recorded late), but said beside the field."""
        if field == "target_date" and isinstance(value, date):
            return validation.past_target_warning(value, self.app.today())
        return ""

    def fields(self) -> ComposeResult:
        r = self.release
        yield from self.row("Version", "version", Input(r.version if r else "", placeholder="e.g. 2.4.0",
                                                        id="version", compact=True))
        yield from self.row("Title", "title", Input(r.title if r else "", id="title", compact=True))
        yield from self.row("Kind", "kind", Select(
            [(k.value, k.value) for k in ReleaseKind], value=(r.kind if r else ReleaseKind.MINOR).value,
            allow_blank=False, id="kind", compact=True))
        yield from self.row("Method", "methodology", Select(
            METHODOLOGY_OPTIONS, value=(r.methodology if r else self.default_methodology).value,
            allow_blank=False, id="methodology", compact=True))
        if r is not None and r.phase is not Phase.PLANNING:
            yield from self.row("Why", "reason", Input(
                placeholder="why change the method (needed after Planning)", id="reason", compact=True))
        yield from self.row("Owner", "owner", Input(r.owner if r else self.default_owner, id="owner", compact=True))
        yield from self.row("Target", "target_date", Input(
            r.target_date.isoformat() if r and r.target_date else "", placeholder="YYYY-MM-DD",
            id="target_date", compact=True))
        yield from self.long_text("Summary / business case", "summary", r.summary if r else "")
