"""Add or edit a scope item: its key, title, type, status, severity (bugs) and URL."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input, Select

from relmgr_tui.domain.model import ScopeItem, ScopeStatus, ScopeType, Severity
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction

TYPES = [(kind.value, kind.value) for kind in ScopeType]
STATUSES = [(status.label, status.value) for status in ScopeStatus]
SEVERITIES = [("none (not a bug)", ""), *((severity.value, severity.value) for severity in Severity)]


class ScopeFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {}

    def __init__(self, save: SaveFunction, item: ScopeItem | None = None) -> None:
        super().__init__(save, f"Edit {item.key}" if item else "New scope item")
        self.item = item

    def fields(self) -> ComposeResult:
        i = self.item
        yield from self.row("Key", "key", Input(i.key if i else "", id="key", compact=True, placeholder="e.g. PAY-123"))
        yield from self.row("Title", "title", Input(i.title if i else "", id="title", compact=True))
        yield from self.row("Type", "type", Select(TYPES, value=(i.type if i else ScopeType.FEATURE).value,
                                                   allow_blank=False, id="type", compact=True))
        yield from self.row("Status", "status", Select(STATUSES, value=(i.status if i else ScopeStatus.OPEN).value,
                                                       allow_blank=False, id="status", compact=True))
        yield from self.row("Severity", "severity", Select(
            SEVERITIES, value=i.severity.value if i and i.severity else "", allow_blank=False, id="severity",
            compact=True))
        yield from self.row("URL", "url", Input(i.url if i else "", id="url", compact=True,
                                                placeholder="optional: https://jira.example.com/browse/PAY-123"))
