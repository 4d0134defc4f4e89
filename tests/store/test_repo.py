"""Optimistic concurrency and the change marker, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from relmgr_tui.domain.errors import NotFound, StaleWrite
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from relmgr_tui.store.tables import ChecklistItemRow, ReleaseRow


def test_edit_with_an_old_row_version_is_refused_and_writes_nothing(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0", "Checkout")
    service.edit_release(release.id, release.row_version, title="Checkout v2")  # "another terminal"
    before = db_contents(store)
    with pytest.raises(StaleWrite) as caught:
        service.edit_release(release.id, release.row_version, title="My older edit")
    assert "changed in another terminal by alice" in str(caught.value)
    assert caught.value.changed_by == "alice"
    assert caught.value.change.startswith("edited 'title: "), "the change in words, not the log's action name"
    assert db_contents(store) == before
    assert service.release("2.4.0").title == "Checkout v2"


def test_version_column_catches_a_change_made_between_load_and_flush(service: Service, store: Store,
                                                                      db_contents) -> None:
    """Without expected_version the ORM's version_id_col still refuses an UPDATE of a row that moved on."""
    release = service.create_release("2.4.0", "Checkout")
    before = db_contents(store)
    with pytest.raises(StaleWrite, match="changed in another terminal while you saved"), store.write() as repo:
        row = repo.get(ReleaseRow, release.id)
        # the concurrent change, as another session would commit it: bumps the version under our feet
        repo.session.execute(
            update(ReleaseRow).where(ReleaseRow.id == release.id).values(row_version=ReleaseRow.row_version + 1)
            .execution_options(synchronize_session=False)
        )
        row.title = "lost?"
        repo.session.flush()
    assert db_contents(store) == before, "the whole transaction rolled back"


def test_two_sessions_one_row_on_postgres(backend: str, service: Service, store: Store) -> None:
    """Real concurrency where the server allows two writers at once (SQLite serialises them instead)."""
    if store.is_sqlite:
        pytest.skip("SQLite lets one writer in at a time (BEGIN IMMEDIATE); the expected_version check covers it")
    release = service.create_release("2.4.0", "Checkout")
    with Session(store.engine) as mine:
        row = mine.get(ReleaseRow, release.id)
        service.edit_release(release.id, None, title="Theirs")
        row.title = "Mine"
        with pytest.raises(Exception) as caught:
            mine.flush()
        assert type(caught.value).__name__ == "StaleDataError"
    assert service.release("2.4.0").title == "Theirs"


def test_revision_goes_up_by_one_per_write_transaction_and_not_on_reads(service: Service, store: Store) -> None:
    start = store.revision()
    release = service.create_release("2.4.0", "Checkout")
    assert store.revision() == start + 1, "creating a release with 30 checklist items is one transaction"
    item = service.detail(release.id).items[0]
    service.set_done(item.id, True)
    assert store.revision() == start + 2
    for _ in range(3):
        service.board()
        service.detail(release.id)
        service.activity(release.id)
        service.find_item("2.4.0", "1")
    assert store.revision() == start + 2
    with pytest.raises(NotFound):
        service.set_done(10_000, True)
    assert store.revision() == start + 2, "a refused write is rolled back with its marker"
    with store.write():
        pass
    assert store.revision() == start + 3


def test_tick_does_not_make_an_open_release_form_stale(service: Service, store: Store) -> None:
    """Checklist changes raise the release's evidence revision, not its row_version."""
    release = service.create_release("2.4.0", "Checkout")
    item = service.detail(release.id).items[0]
    service.set_done(item.id, True)
    after = service.release("2.4.0")
    assert after.row_version == release.row_version
    assert after.evidence_revision == release.evidence_revision + 1
    service.edit_release(release.id, release.row_version, title="Still fine")
    with store.read() as repo:
        assert repo.get(ChecklistItemRow, item.id).done


def test_a_terminal_tells_its_own_writes_from_other_processes(backend: str, clock) -> None:
    from relmgr_tui.domain import templates
    from relmgr_tui.service import Service

    mine, theirs = Store.open(backend), Store.open(backend)
    try:
        me = Service(mine, templates.builtin(), who="alice", clock=clock)
        colleague = Service(theirs, templates.builtin(), who="bob", clock=clock)
        seen = mine.revision()
        release = me.create_release("1.0.0")
        seen, others = mine.changed_elsewhere(seen)
        assert not others  # only my own write: no reload needed
        colleague.edit_release(release.id, None, title="Renamed by Bob")
        me.edit_release(release.id, None, owner="alice")
        seen, others = mine.changed_elsewhere(seen)
        assert others  # Bob's write is among them
        assert mine.changed_elsewhere(seen) == (seen, False)
    finally:
        mine.close()
        theirs.close()


def test_overwriting_saves_over_a_newer_version_on_purpose(service: Service, store: Store) -> None:
    release = service.create_release("1.0.1")
    service.edit_release(release.id, release.row_version, title="first")
    with pytest.raises(StaleWrite):
        service.edit_release(release.id, release.row_version, title="mine")
    with store.overwriting():
        service.edit_release(release.id, release.row_version, title="mine")
    assert service.release("1.0.1").title == "mine"
