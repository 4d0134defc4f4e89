"""Release notes from the scope: the done items grouped by type, with their keys and links, then the known
issues (the bugs still open). Pure: the same notes for `relmgr notes` and the workspace's Scope pane;
`export.notes_markdown` writes them in Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relmgr_tui.domain.model import ReleaseDetail, ScopeItem, ScopeStatus, ScopeType

HEADINGS = {ScopeType.FEATURE: "Features", ScopeType.BUG: "Bug fixes", ScopeType.CHORE: "Chores"}


@dataclass(frozen=True, slots=True)
class ReleaseNotes:
    version: str
    title: str
    done: dict[ScopeType, tuple[ScopeItem, ...]]
    """The done items of each type that has any, in HEADINGS order."""
    known_issues: tuple[ScopeItem, ...]
    """Bugs still open or in progress, worst first."""


def notes(detail: ReleaseDetail) -> ReleaseNotes:
    done = {kind: tuple(i for i in detail.scope if i.type is kind and i.status is ScopeStatus.DONE)
            for kind in HEADINGS}
    issues = sorted((i for i in detail.scope if i.open_bug),
                    key=lambda i: (-(i.severity.rank if i.severity else 0), i.key))
    return ReleaseNotes(detail.release.version, detail.release.title,
                        {kind: items for kind, items in done.items() if items}, tuple(issues))


def _record(item: ScopeItem) -> dict[str, Any]:
    return {"key": item.key, "title": item.title, "url": item.url,
            "severity": item.severity.value if item.severity else None}


def data(release_notes: ReleaseNotes) -> dict[str, Any]:
    """The notes as JSON-able data: each type's done items, and the known issues."""
    return {"version": release_notes.version, "title": release_notes.title,
            "done": {kind.value: [_record(item) for item in items] for kind, items in release_notes.done.items()},
            "known_issues": [_record(item) for item in release_notes.known_issues]}
