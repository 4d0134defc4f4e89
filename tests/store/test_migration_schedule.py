"""0009_schedule on a database made at 0005: every row kept, a backup taken, no window, milestone or freeze."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at


def make_0005_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0005_tick_evidence") as connection:
        connection.execute(text(
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, target_date, summary,"
            " created_at, updated_at, evidence_revision) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall',"
            " 'testing', 'active', 'ana', '2026-12-14', '', '2026-09-01 09:00:00', '2026-09-01 09:00:00', 4)"))
        connection.execute(text(
            "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, owner, note,"
            " evidence_url) VALUES (1, 'testing', 1, 'Smoke test', 1, 1, 'ana', '', 'kept', 'https://ci/1')"))
        connection.execute(text(
            "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
            " VALUES ('2026-09-02 10:00:00', 'ana', 1, '3.0.0', 'item.tick', '', 'Smoke test', '')"))
        connection.execute(text("UPDATE meta SET value = 7 WHERE key = 'revision'"))


def test_upgrade_from_0005_keeps_every_row_with_a_backup_and_no_schedule(db_path: Path) -> None:
    make_0005_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            assert repo.counts()["events"] == 1
            assert repo.revision() == 7
            detail = repo.detail(repo.release_by_version("3.0.0").id)
            assert repo.freezes() == []
    finally:
        store.close()
    assert (detail.release.target_date.isoformat(), detail.release.evidence_revision) == ("2026-12-14", 4)
    assert detail.release.window is None and detail.milestones == ()
    assert [(i.text, i.done, i.note, i.evidence_url) for i in detail.items] == [
        ("Smoke test", True, "kept", "https://ci/1")]
    backups = list(db_path.parent.glob(f"{db_path.name}.0005_tick_evidence.*.bak"))
    assert len(backups) == 1, "the migration copies the database first"
