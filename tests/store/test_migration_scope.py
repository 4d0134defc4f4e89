"""0006_scope_items on a database made at 0005: every row kept, every release with an empty scope that takes
items, one key per release."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.service import Service
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at


def make_0005_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0005_tick_evidence") as connection:
        connection.execute(text(
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall', 'planning',"
            " 'active', 'ana', '', '2026-09-01 09:00:00', '2026-09-01 09:00:00', 4)"))
        connection.execute(text(
            "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, done_at,"
            " owner, note, evidence_url, evidence_note) VALUES (1, 'planning', 1, 'Item 1', 1, 1, 'ana',"
            " '2026-09-02 10:00:00', '', 'kept', 'https://ci.example.com/runs/1', '12 passed')"))
        connection.execute(text(
            "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
            " VALUES ('2026-09-02 10:00:00', 'ana', 1, '3.0.0', 'item.tick', '', 'Item 1', '')"))


def test_upgrade_from_0005_keeps_every_row_and_adds_an_empty_scope(db_path: Path, clock) -> None:
    make_0005_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            assert repo.counts()["events"] == 1
            detail = repo.detail(repo.release_by_version("3.0.0").id)
        assert detail.release.evidence_revision == 4
        assert [(i.text, i.done, i.note, i.evidence_url, i.evidence_note) for i in detail.items] == [
            ("Item 1", True, "kept", "https://ci.example.com/runs/1", "12 passed")]
        assert detail.scope == ()
        service = Service(store, templates.builtin(), who="bo", clock=clock, remember=False)
        service.add_scope_item(1, "PAY-1", "Refunds")
        with pytest.raises(InvalidInput, match="already has PAY-1"):
            service.add_scope_item(1, "PAY-1", "Refunds again")
        assert [item.key for item in service.detail(1).scope] == ["PAY-1"]
    finally:
        store.close()
