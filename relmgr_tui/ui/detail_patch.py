"""Apply one change the service just made to the loaded release, so the workspace shows it at once.

The service returns the row it changed; laying it into the `ReleaseDetail` in memory costs microseconds,
while reading a release with hundreds of items back from the database costs tens of milliseconds. The
workspace shows the patched detail immediately and then reloads the whole release in the background,
which also brings in changes made in other terminals.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from relmgr_tui.domain.model import ChecklistItem, ReleaseDetail, Risk, RollbackStep, ScopeItem

_FIELDS = {ChecklistItem: "items", Risk: "risks", RollbackStep: "steps", ScopeItem: "scope"}


def _evidence_changed(detail: ReleaseDetail, **rows: tuple[Any, ...]) -> ReleaseDetail:
    """The service bumps the evidence revision with every change (it is what makes a decision stale)."""
    release = replace(detail.release, evidence_revision=detail.release.evidence_revision + 1)
    return replace(detail, release=release, **rows)


def with_row(detail: ReleaseDetail, row: ChecklistItem | Risk | RollbackStep | ScopeItem) -> ReleaseDetail:
    """`row` replaces the row with its id, or is added at the end of its list."""
    name = _FIELDS[type(row)]
    rows = getattr(detail, name)
    if any(r.id == row.id for r in rows):
        updated = tuple(row if r.id == row.id else r for r in rows)
    else:
        updated = (*rows, row)
    return _evidence_changed(detail, **{name: updated})


def without_row(detail: ReleaseDetail, kind: type, row_id: int) -> ReleaseDetail:
    return without_rows(detail, kind, {row_id})


def without_rows(detail: ReleaseDetail, kind: type, row_ids: set[int]) -> ReleaseDetail:
    """The rows of those ids leave the release (removed, or moved to another release)."""
    name = _FIELDS[kind]
    return _evidence_changed(detail, **{name: tuple(r for r in getattr(detail, name) if r.id not in row_ids)})


def moved(detail: ReleaseDetail, row: ChecklistItem | RollbackStep, offset: int) -> ReleaseDetail:
    """Swap `row` with its neighbour `offset` places away among its siblings (same phase for items)."""
    name = _FIELDS[type(row)]
    rows = list(getattr(detail, name))
    siblings = [i for i, r in enumerate(rows) if getattr(r, "phase", None) == getattr(row, "phase", None)]
    here = next(n for n, i in enumerate(siblings) if rows[i].id == row.id)
    there = here + offset
    if not 0 <= there < len(siblings):
        return detail
    a, b = siblings[here], siblings[there]
    rows[a], rows[b] = rows[b], rows[a]
    return _evidence_changed(detail, **{name: tuple(rows)})
