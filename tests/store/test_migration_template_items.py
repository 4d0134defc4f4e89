"""0004_template_items on a database made by the 0003 schema: every row kept; an item counts as a template
item only when its phase and text match the built-in set of its release's kind, so nothing a person added
can be replaced by a later kind change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at

ITEMS = [
    # release kind, phase, text, counts as from the template
    ("minor", "planning", "Build the work breakdown structure", True),
    ("minor", "planning", "Call the sponsor", False),
    ("minor", "testing", "Build the work breakdown structure", False),  # a template text, in another phase
    ("patch", "testing", "Run the regression test suite", True),
    ("patch", "testing", "Run the full regression test suite", False),  # the minor set's text, not the patch's
    ("emergency", "deploying", "Deploy the fix to production", True),
]


def make_0003_database(path: Path) -> None:
    with database_at(f"sqlite:///{path}", "0003_decisions") as connection:
        for release_id, kind in enumerate(("minor", "patch", "emergency"), start=1):
            connection.execute(text(
                "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary,"
                " created_at, updated_at, evidence_revision) VALUES (:id, :v, '', :k, 'waterfall',"
                " 'planning', 'active', '', '', '2026-09-01 09:00:00', '2026-10-09 09:00:00', 0)"),
                {"id": release_id, "v": f"{release_id}.0.0", "k": kind})
        kinds = {"minor": 1, "patch": 2, "emergency": 3}
        for position, (kind, phase, item, _) in enumerate(ITEMS, start=1):
            connection.execute(text(
                "INSERT INTO checklist_item (release_id, phase, position, text, required, done, done_by, owner,"
                " note) VALUES (:r, :p, :n, :t, 1, 0, '', '', '')"),
                {"r": kinds[kind], "p": phase, "n": position, "t": item})


def test_migration_marks_only_the_items_that_match_their_kinds_template_and_keeps_every_row(db_path: Path) -> None:
    make_0003_database(db_path)
    store = Store.open(str(db_path))
    try:
        with store.read() as repo:
            items = [item for release in repo.releases() for item in repo.detail(release.id).items]
    finally:
        store.close()
    assert sorted((i.phase.value, i.text, i.from_template) for i in items) == sorted(
        (phase, item, flag) for _, phase, item, flag in ITEMS)
