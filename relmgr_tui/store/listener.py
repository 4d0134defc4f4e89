"""PostgreSQL's change announcements: every committed write NOTIFYs `relmgr_changes` with its revision
(store/repo.py), and a `ChangeListener` waits for them on one dedicated connection.

A write that can say which releases it changed NOTIFYs that first, as '<revision> <id>,<id>', so that a
board reads those cards only; its plain '<revision>' follows, and is all a relmgr from before this reads
(it ignores a payload that is not a number). A revision heard only plain may have changed anything.

A listener sends nothing while it waits: it sleeps on its socket until the server pushes a notification
(or the connection drops), so an idle app costs the server no query at all. TCP keepalives, not queries,
notice a server that vanished without closing the connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from relmgr_tui.domain.errors import ConnectionLost

if TYPE_CHECKING:
    from collections.abc import Iterable

    import psycopg

    from relmgr_tui.store.engine import Target

CHANNEL = "relmgr_changes"
"""The NOTIFY channel; the payload is the revision the write committed, with or without its releases."""

MOST_RELEASES = 100
"""More releases than this in one write are announced plain (a payload holds at most 8000 bytes)."""


class Announcement(NamedTuple):
    revision: int
    releases: frozenset[int] | None
    """The releases the write changed; None: it may have changed anything."""


def announcement(revision: int, releases: frozenset[int] | None) -> str:
    """The payload that names `releases`, or '' when there is none to send (the plain one says it all)."""
    if not releases or len(releases) > MOST_RELEASES:
        return ""
    return f"{revision} {','.join(map(str, sorted(releases)))}"


def _parsed(payload: str) -> Announcement | None:
    revision, _, releases = payload.partition(" ")
    if not revision.isdigit():
        return None
    ids = releases.split(",") if releases else []
    if not all(i.isdigit() for i in ids):
        return Announcement(int(revision), None)
    return Announcement(int(revision), frozenset(map(int, ids)) if ids else None)

KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}
CONNECT_SECONDS = 5


class ChangeListener:
    """One autocommit connection that LISTENs for the revisions other writers commit."""

    def __init__(self, target: Target) -> None:
        self._target = target
        self._connection: psycopg.Connection | None = None
        self._named: set[int] = set()
        """Revisions heard with their releases, whose plain announcement is still to come."""

    def connect(self) -> None:
        """(Re)open the connection and LISTEN; raises ConnectionLost while the server cannot be reached."""
        import psycopg

        self.close()
        conninfo = self._target.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            connection = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_SECONDS, **KEEPALIVES)
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise self._lost(exc) from None
        self._connection = connection

    def wait(self, seconds: float) -> list[Announcement]:
        """The writes announced within `seconds` (returning as soon as one comes; [] when none did)."""
        import psycopg

        if self._connection is None:
            raise ConnectionLost(f"not listening to {self._target.display()}: connect first.")
        try:
            notes = [note.payload for note in self._connection.notifies(timeout=seconds, stop_after=1)]
        except psycopg.Error as exc:
            self.close()
            raise self._lost(exc) from None
        return self._news(filter(None, map(_parsed, notes)))

    def _news(self, heard: Iterable[Announcement]) -> list[Announcement]:
        """Each write once: the plain announcement after a named one says nothing new."""
        news = []
        for note in heard:
            if note.releases is not None:
                self._named.add(note.revision)
            elif note.revision in self._named:
                self._named.discard(note.revision)
                continue
            news.append(note)
        return news

    def close(self) -> None:
        self._named.clear()
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _lost(self, exc: Exception) -> ConnectionLost:
        from relmgr_tui.store.engine import detail_of

        return ConnectionLost(f"lost the connection to {self._target.display()} ({detail_of(exc)}).")
