"""PostgreSQL's change announcements: every committed write NOTIFYs `relmgr_changes` with its revision
(store/repo.py), and a `ChangeListener` waits for them on one dedicated connection.

A listener sends nothing while it waits: it sleeps on its socket until the server pushes a notification
(or the connection drops), so an idle app costs the server no query at all. TCP keepalives, not queries,
notice a server that vanished without closing the connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import ConnectionLost

if TYPE_CHECKING:
    import psycopg

    from relmgr_tui.store.engine import Target

CHANNEL = "relmgr_changes"
"""The NOTIFY channel; the payload is the revision the write committed."""

KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}
CONNECT_SECONDS = 5


class ChangeListener:
    """One autocommit connection that LISTENs for the revisions other writers commit."""

    def __init__(self, target: Target) -> None:
        self._target = target
        self._connection: psycopg.Connection | None = None

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

    def wait(self, seconds: float) -> list[int]:
        """The revisions announced within `seconds` (returning as soon as one comes; [] when none did)."""
        import psycopg

        if self._connection is None:
            raise ConnectionLost(f"not listening to {self._target.display()}: connect first.")
        try:
            notes = self._connection.notifies(timeout=seconds, stop_after=1)
            return [int(note.payload) for note in notes if note.payload.isdigit()]
        except psycopg.Error as exc:
            self.close()
            raise self._lost(exc) from None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _lost(self, exc: Exception) -> ConnectionLost:
        from relmgr_tui.store.engine import detail_of

        return ConnectionLost(f"lost the connection to {self._target.display()} ({detail_of(exc)}).")
