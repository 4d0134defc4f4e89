"""Add or edit a change freeze: its name, the moments it runs from and to (in the user's zone), why, and
the kinds of release it lets through. Dates and kinds are checked as they are typed."""

from __future__ import annotations

from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.widgets import Input

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import ReleaseKind
from relmgr_tui.domain.schedule import DEFAULT_EXEMPT, Freeze, exempt_text, parse_moment
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.freeze_table import moment_text

KINDS = ", ".join(kind.value for kind in ReleaseKind)


def parse_kinds(text: str) -> frozenset[ReleaseKind]:
    """'emergency, patch' as kinds; 'none' or nothing is none. InvalidInput names a word that is no kind."""
    words = [word.strip().lower() for word in text.replace(",", " ").split()]
    kinds = set()
    for word in words:
        if word == "none":
            continue
        try:
            kinds.add(ReleaseKind(word))
        except ValueError:
            raise InvalidInput(f"{word!r} is not a kind of release: use {KINDS}, or none",
                               field="exempt") from None
    return frozenset(kinds)


def freeze_values(values: dict[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """The form's text as add_freeze's arguments: the moments in `zone`, a bare end date included whole."""
    return {
        "name": values["name"].strip(),
        "starts": _moment(values["starts"], zone, "starts"),
        "ends": _moment(values["ends"], zone, "ends", end_of_day=True),
        "reason": values["reason"].strip(),
        "exempt": parse_kinds(values["exempt"]),
    }


def _moment(text: str, zone: ZoneInfo, field: str, end_of_day: bool = False):
    try:
        return parse_moment(text, zone, end_of_day=end_of_day)
    except InvalidInput as exc:
        raise InvalidInput(str(exc), field=field) from None


class FreezeFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"window": "ends", "freeze name": "name", "exempt_kinds": "exempt"}

    def __init__(self, save: SaveFunction, zone: ZoneInfo, freeze: Freeze | None = None) -> None:
        super().__init__(save, f"Edit freeze {printable(freeze.name)}" if freeze else "New change freeze")
        self.zone = zone
        self.freeze = freeze
        self.CHECKS = {  # the zone is the user's: checks made per form
            "starts": lambda text: parse_moment(text, zone),
            "ends": lambda text: parse_moment(text, zone, end_of_day=True),
            "exempt": parse_kinds,
        }

    def fields(self) -> ComposeResult:
        f = self.freeze
        yield from self.row("Name", "name", Input(f.name if f else "", id="name", compact=True,
                                                  placeholder="e.g. Year end"))
        yield from self.row("From", "starts", Input(moment_text(f, self.zone) if f else "", id="starts",
                                                    compact=True, placeholder=f"YYYY-MM-DD [HH:MM] {self.zone.key}"))
        yield from self.row("To", "ends", Input(moment_text(f, self.zone, end=True) if f else "", id="ends",
                                                compact=True, placeholder="YYYY-MM-DD (included) or YYYY-MM-DD HH:MM"))
        yield from self.row("Reason", "reason", Input(f.reason if f else "", id="reason", compact=True))
        yield from self.row("Exempt", "exempt", Input(exempt_text(f.exempt_kinds if f else DEFAULT_EXEMPT),
                                                      id="exempt", compact=True, placeholder=f"{KINDS} or none"))

