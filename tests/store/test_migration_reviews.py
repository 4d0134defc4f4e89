"""0008_reviews on a database made at 0005: every row kept, no release has a review yet."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at


def make_0005_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0005_tick_evidence") as connection:
        connection.execute(text(
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision, released_at) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall',"
            " 'deploying', 'released', 'ana', '', '2026-09-01 09:00:00', '2026-09-01 09:00:00', 4,"
            " '2026-10-01 09:00:00')"))
        connection.execute(text(
            "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, owner, note,"
            " evidence_url, evidence_note) VALUES (1, 'planning', 1, 'Item 1', 1, 1, 'ana', '', 'kept',"
            " 'https://ci.example.com/1', '3 passed')"))
        connection.execute(text(
            "INSERT INTO risk (release_id, title, description, category, likelihood, impact, owner, response,"
            " mitigation, contingency, status, accepted_by, accepted_reason) VALUES (1, 'Vendor', '', '', 2, 3,"
            " 'bo', 'reduce', '', '', 'open', '', '')"))
        connection.execute(text(
            "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
            " VALUES ('2026-09-02 10:00:00', 'ana', 1, '3.0.0', 'item.tick', '', 'Item 1', '')"))


def raw_rows(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple]]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        rows = {table: [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
                for table in tables}
    engine.dispose()
    return rows


def test_upgrade_from_0005_keeps_every_row(db_path: Path) -> None:
    make_0005_database(db_path)
    kept = ("release", "checklist_item", "risk", "event", "meta")
    before = raw_rows(db_path, kept)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            assert repo.review(1) is None
    finally:
        store.close()
    after = raw_rows(db_path, kept)
    # later revisions may add columns at the end of a row (the deployment window): the old ones must be kept
    assert {t: [row[:len(before[t][0])] for row in rows] if before[t] else rows for t, rows in after.items()} == before
    assert raw_rows(db_path, ("review", "review_action")) == {"review": [], "review_action": []}
