"""`Service`: every use case, by aggregate, behind one object; and the database as a whole.

Each write use case is declared `@undoable` or `@not_undoable(...)` in its aggregate's module, opens one
unit of work (service/base.py) and records its inverse there; `undo()` and `redo()` replay inverses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from relmgr_tui.service.checklist import Checklist
from relmgr_tui.service.decisions import Decisions
from relmgr_tui.service.lifecycle import Lifecycle
from relmgr_tui.service.metrics import DeliveryMetrics
from relmgr_tui.service.reads import Reads
from relmgr_tui.service.releases import Releases
from relmgr_tui.service.reviews import Reviews
from relmgr_tui.service.risks import Risks
from relmgr_tui.service.rollback import Rollback
from relmgr_tui.service.scope import Scope
from relmgr_tui.service.schedule import Schedule
from relmgr_tui.service.signoffs import Signoffs
from relmgr_tui.service.undo import not_undoable

if TYPE_CHECKING:
    from relmgr_tui.store.bulk import BulkLoader


@dataclass(frozen=True)
class Database:
    """Where the data lives, as `relmgr info` shows it."""

    url: str
    exists: bool
    read_only: bool
    note: str
    """" (read-only)", or why a database that does not exist is absent; "" otherwise."""


class Service(Reads, Releases, Lifecycle, Checklist, Risks, Rollback, Decisions, Scope, Signoffs, Reviews, Schedule,
              DeliveryMetrics):
    """The use cases of releases, their lifecycle, checklists, risks, rollback plans, decisions, scope,
    sign-offs, post-release reviews and schedule, delivery metrics, and undo/redo."""

    def database(self) -> Database:
        store = self._store
        return Database(store.url, store.exists, store.read_only, store.note())

    def backup(self, destination: str, *, force: bool = False) -> Path:
        """Copy the SQLite database to `destination`; returns where it went."""
        return self._store.backup(destination, force=force)

    @not_undoable("demo data is added in bulk, thousands of releases at once; delete the database to drop it")
    def load_bulk(self, fill: Callable[[BulkLoader], None]) -> None:
        """Run `fill(loader)` in one write transaction on the store's bulk path: plain rows by table name,
        one executemany per table (the demo generator)."""
        with self.unit() as unit:
            fill(unit.repo.bulk())

    def close(self) -> None:
        self._store.close()
