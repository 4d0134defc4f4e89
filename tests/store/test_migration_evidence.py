"""0005_tick_evidence (through 0004) on a database made at 0003: every row kept, every item without evidence."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at


def make_0003_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0003_decisions") as connection:
        connection.execute(text(
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall', 'planning',"
            " 'active', 'ana', '', '2026-09-01 09:00:00', '2026-09-01 09:00:00', 4)"))
        for position, done in ((1, 1), (2, 0)):
            connection.execute(text(
                "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, done_at,"
                " owner, note) VALUES (1, 'planning', :p, :t, 1, :d, :by, :at, '', 'kept')"),
                {"p": position, "t": f"Item {position}", "d": done, "by": "ana" if done else "",
                 "at": "2026-09-02 10:00:00" if done else None})
        connection.execute(text(
            "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
            " VALUES ('2026-09-02 10:00:00', 'ana', 1, '3.0.0', 'item.tick', '', 'Item 1', '')"))


def test_upgrade_from_0003_keeps_every_row_and_adds_empty_evidence(db_path: Path) -> None:
    make_0003_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            assert repo.counts()["events"] == 1
            detail = repo.detail(repo.release_by_version("3.0.0").id)
        assert detail.release.evidence_revision == 4
        assert [(i.text, i.done, i.done_by, i.note, i.evidence_url, i.evidence_note) for i in detail.items] == [
            ("Item 1", True, "ana", "kept", "", ""), ("Item 2", False, "", "kept", "", "")]
    finally:
        store.close()
