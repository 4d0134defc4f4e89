"""Create or edit a release: version, title, kind, methodology, owner, target date, deployment window and
summary. The window is checked as it is typed, with its zone, and saved by `Service.set_window` after the
release's fields (`save_with_window`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Methodology, Phase, Release, ReleaseKind, Window
from relmgr_tui.domain.schedule import parse_window, zone_named
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction

WINDOW_FIELDS = ("window", "window_zone")
"""The form's window inputs: not release fields, saved by `set_window`."""


def window_of(values: dict[str, Any]) -> tuple[dict[str, Any], Window | None]:
    """The release's fields, and the window typed ('START/END' in the zone; empty: none). InvalidInput names
    the window field."""
    fields = {name: value for name, value in values.items() if name not in WINDOW_FIELDS}
    text = str(values.get("window", "")).strip()
    if not text:
        return fields, None
    try:
        return fields, parse_window(text, str(values.get("window_zone", "")).strip() or "UTC")
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field="window_zone" if exc.field == "zone" else "window") from None


def save_with_window(write: Callable[[dict[str, Any]], Release], set_window: Callable[[Release, Window | None], Release],
                     values: dict[str, Any]) -> Release:
    """Check the window, save the release's fields with `write`, then the window if it changed."""
    fields, window = window_of(values)
    release = write(fields)
    return set_window(release, window) if release.window != window else release


def _window_text(window: Window | None) -> str:
    if window is None:
        return ""
    zone = zone_named(window.zone)
    return f"{window.start.astimezone(zone):%Y-%m-%d %H:%M}/{window.end.astimezone(zone):%Y-%m-%d %H:%M}"

METHODOLOGY_OPTIONS = [
    ("waterfall (gates enforced)", Methodology.WATERFALL.value),
    ("agile (gates advise; override with a reason)", Methodology.AGILE.value),
]


class ReleaseFormModal(FormModal):
    """The version and target date are checked as they are typed."""

    FIELD_IDS: ClassVar[dict[str, str]] = {"target date": "target_date", "zone": "window_zone"}
    CHECKS: ClassVar = {
        "version": lambda value: validation.version(value) if value.strip() else None,
        "target_date": validation.optional_date,
    }

    def __init__(self, save: SaveFunction, release: Release | None = None,
                 methodology: Methodology = Methodology.WATERFALL, owner: str = "", zone: str = "UTC") -> None:
        super().__init__(save, f"Edit release {release.version}" if release else "New release")
        self.release = release
        self.zone = release.window.zone if release and release.window else zone
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
        yield from self.row("Window", "window", Input(
            _window_text(r.window if r else None), placeholder="YYYY-MM-DD HH:MM/YYYY-MM-DD HH:MM (empty: none)",
            id="window", compact=True))
        yield from self.row("Zone", "window_zone", Input(self.zone, placeholder="e.g. Europe/London",
                                                         id="window_zone", compact=True))
        yield from self.long_text("Summary / business case", "summary", r.summary if r else "")

    @on(Input.Changed, "#window, #window_zone")
    def check_window(self) -> None:
        """The window and its zone, checked together as either is typed; the problem shows beside them."""
        self.show_error("window", "")
        self.show_error("window_zone", "")
        try:
            window_of(self.values())
        except InvalidInput as exc:
            self.show_error(exc.field, f"✗ {exc}")
