"""The audit log read as a feed: the events after a given id, oldest first, for `relmgr events`.

Event ids only grow (the primary key), and writers take turns on the revision row before they add any
event (store/repo.py), so ids are committed in order: "after id N" is a resumable position, and a consumer
that keeps the last id it handled misses nothing and sees nothing twice when it starts again.
"""

from __future__ import annotations

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
