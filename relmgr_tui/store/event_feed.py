"""The audit log read as a feed: the events after a given id, oldest first, for `relmgr events`; and the
whole log (of one release, from a moment) for `relmgr log`, `export` and the evidence pack.

Event ids only grow (the primary key), and writers take turns on the revision row before they add any
event (store/repo.py), so ids are committed in order: "after id N" is a resumable position, and a consumer
that keeps the last id it handled misses nothing and sees nothing twice when it starts again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from relmgr_tui.domain.model import Event
from relmgr_tui.store.repo import Store
from relmgr_tui.store.rows import to_event
from relmgr_tui.store.tables import EventRow

BATCH = 500
"""Events read per query: a long backlog streams in pieces rather than in one list."""


def events_after(store: Store, after_id: int, limit: int = BATCH) -> list[Event]:
    """Up to `limit` events with an id above `after_id`, oldest first."""
    query = select(EventRow).where(EventRow.id > after_id).order_by(EventRow.id).limit(limit)
    with store.read() as repo:
        return [to_event(row) for row in repo.entities(query)]


def log(store: Store, release_id: int | None = None, since: datetime | None = None,
        before_id: int | None = None) -> list[Event]:
    """Every event (of one release; at or after `since`; with an id below `before_id`), oldest first."""
    query = select(EventRow).order_by(EventRow.id)
    if release_id is not None:
        query = query.where(EventRow.release_id == release_id)
    if since is not None:
        query = query.where(EventRow.at >= since)
    if before_id is not None:
        query = query.where(EventRow.id < before_id)
    with store.read() as repo:
        return [to_event(row) for row in repo.entities(query)]
