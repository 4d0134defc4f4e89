"""0002_lifecycle on a database made by the 0001 schema: every row kept, the new dates filled from the
audit log where it has them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at

ROWS = [
    # id, version, state, events (action, at, new, reason)
    (1, "1.0.0", "released", [("release.advance", "2026-10-02 10:00:00", "released", "")]),
    (2, "1.1.0", "cancelled", [("release.state", "2026-10-05 11:00:00", "cancelled", "superseded")]),
    (3, "1.2.0", "on_hold", [("release.state", "2026-10-06 12:00:00", "on_hold", "legal")]),
    (4, "1.3.0", "rolled_back", []),
    (5, "1.4.0", "active", []),
]


def make_0001_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0001_initial") as connection:
        for release_id, version, state, events in ROWS:
            connection.execute(text(
                "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary,"
                " created_at, updated_at, evidence_revision) VALUES (:id, :v, '', 'minor', 'waterfall',"
                " 'deploying', :s, '', '', '2026-09-01 09:00:00', '2026-10-09 09:00:00', 0)"),
                {"id": release_id, "v": version, "s": state})
            connection.execute(text(
                "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, owner,"
                " note) VALUES (:id, 'planning', 1, 'Plan', 1, 0, '', '', '')"), {"id": release_id})
            for action, at, new, reason in events:
                connection.execute(text(
                    "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
                    " VALUES (:at, 'ana', :id, :v, :a, '', :n, :r)"),
                    {"at": at, "id": release_id, "v": version, "a": action, "n": new, "r": reason})


def test_migration_fills_the_dates_from_the_audit_log_and_keeps_every_row(db_path: Path) -> None:
    make_0001_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            releases = {r.version: r for r in repo.releases()}
            assert repo.counts()["checklist_items"] == len(ROWS)
            assert repo.counts()["events"] == 3
        assert set(releases) == {version for _, version, _, _ in ROWS}
        released, cancelled, held = releases["1.0.0"], releases["1.1.0"], releases["1.2.0"]
        assert released.released_at.isoformat() == released.closed_at.isoformat() == "2026-10-02T10:00:00+00:00"
        assert (cancelled.state_reason, cancelled.closed_at.isoformat()) == ("superseded", "2026-10-05T11:00:00+00:00")
        assert (held.state_reason, held.state_changed_at.isoformat(), held.closed_at) == (
            "legal", "2026-10-06T12:00:00+00:00", None)
        rolled = releases["1.3.0"]
        assert (rolled.released_at, rolled.closed_at, rolled.state_reason) == (None, None, ""), "no event: unknown"
        assert releases["1.4.0"].state_changed_at is None
    finally:
        store.close()
