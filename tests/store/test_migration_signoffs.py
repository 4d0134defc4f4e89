"""0007_signoffs on a database made at 0005: every row kept, no sign-off yet, and sign-offs can be written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock
from tests.store.migration_support import database_at

TABLES = ("release", "checklist_item", "risk", "rollback_step", "decision", "decision_attendee",
          "decision_condition", "event")


def make_0005_database(path: Path) -> dict[str, list[tuple]]:
    """A release in Preparing with an item, a risk, a step, a decision and an event; returns every row."""
    with database_at(f"sqlite:///{path}", "0005_tick_evidence") as connection:
        for sql in (
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall', 'preparing',"
            " 'active', 'ana', '', '2026-09-01 09:00:00', '2026-09-01 09:00:00', 4)",
            "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, done_at, owner,"
            " note, evidence_url, evidence_note) VALUES (1, 'preparing', 1, 'Item 1', 1, 1, 'ana',"
            " '2026-09-02 10:00:00', '', 'kept', 'https://ci.example.com/1', '12 passed')",
            "INSERT INTO risk (release_id, title, description, category, likelihood, impact, owner, response,"
            " mitigation, contingency, status) VALUES (1, 'Vendor', '', '', 2, 3, 'bo', 'reduce', '', '', 'open')",
            "INSERT INTO rollback_step (release_id, position, action, command, owner, expected_minutes, status)"
            " VALUES (1, 1, 'Redeploy', 'deploy 1.9', 'ops', 5, 'rehearsed')",
            "INSERT INTO decision (id, release_id, gate, outcome, rationale, override_reason, decided_at, decided_by,"
            " evidence_revision, gate_snapshot) VALUES (1, 1, 'preparing', 'go', 'green', '',"
            " '2026-09-03 10:00:00', 'ana', 4, '[]')",
            "INSERT INTO decision_attendee (decision_id, position, name, function, vote) VALUES (1, 1, 'Dana',"
            " 'RM', 'go')",
            "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
            " VALUES ('2026-09-02 10:00:00', 'ana', 1, '3.0.0', 'item.tick', '', 'Item 1', '')",
        ):
            connection.execute(text(sql))
        rows = {table: connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).fetchall() for table in TABLES}
    return rows


def test_upgrade_from_0005_keeps_every_row_and_adds_the_signoff_table(db_path: Path, clock: FixedClock) -> None:
    before = make_0005_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            after = {table: repo.session.execute(text(f"SELECT * FROM {table} ORDER BY id")).fetchall()
                     for table in TABLES}
            assert "signoff" in inspect(repo.session.connection()).get_table_names()
        # later revisions may add columns at the end of a row (the deployment window): the old ones must be kept
        assert {t: [tuple(row)[:len(before[t][0])] for row in rows] if before[t] else [tuple(r) for r in rows]
                for t, rows in after.items()} == {t: [tuple(r) for r in rows] for t, rows in before.items()}
        service = Service(store, templates.builtin(), identity="ravi", clock=clock, remember=False)
        assert service.detail(1).signoffs == ()
        assert service.sign_off(1, "qa").who == "ravi"
    finally:
        store.close()
