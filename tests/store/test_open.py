"""Opening a database: SQLite settings, and every file relmgr must refuse without touching it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from relmgr_tui.domain.errors import DatabaseError, ReadOnlyMode
from relmgr_tui.store import engine as engine_module
from relmgr_tui.store.engine import backup_sqlite, parse_target
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def make_relmgr_db(path: Path, releases: int = 1) -> None:
    """A real relmgr database with a few rows, closed again (WAL checkpointed into the file)."""
    from relmgr_tui.domain import templates
    from relmgr_tui.service import Service

    store = Store.open(str(path), now=NOW)
    service = Service(store, templates.builtin(), who="alice", clock=lambda: NOW)
    for n in range(releases):
        service.create_release(f"1.{n}.0", "Checkout")
    store.close()


def fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's SHA-256 and the names in its folder: 'untouched' means both stay the same."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(os.listdir(path.parent))


def assert_refused(path: Path, *phrases: str) -> str:
    before = fingerprint(path)
    with pytest.raises(DatabaseError) as caught:
        Store.open(str(path))
    message = str(caught.value)
    assert "\n" not in message, "the error is one line"
    assert str(path) in message, "the error names the path"
    for phrase in phrases:
        assert phrase in message
    assert fingerprint(path) == before, "the file is byte-for-byte unchanged and nothing was created beside it"
    return message


# -- SQLite connection settings --------------------------------------------------------------------


def test_new_database_is_in_wal_mode_with_the_connection_settings(db_path: Path) -> None:
    store = Store.open(str(db_path))
    try:
        for repo_context in (store.read, store.write):
            with repo_context() as repo:
                pragma = lambda name: repo.session.execute(text(f"PRAGMA {name}")).scalar()
                assert pragma("journal_mode") == "wal"
                assert pragma("busy_timeout") == 5000
                assert pragma("foreign_keys") == 1
                assert pragma("synchronous") == 2, "synchronous=FULL"
    finally:
        store.close()
    with sqlite3.connect(db_path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",), "WAL is a property of the file"


def test_write_transaction_takes_the_write_lock_at_begin(db_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer is kept out from the first statement, so a read-then-write in one
    transaction cannot lose an update. A plain read transaction does not lock writers out."""
    store = Store.open(str(db_path))
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with store.write() as repo:
            repo.revision()  # a read only; the lock must already be held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with store.read() as repo:
            repo.revision()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()


def test_read_only_store_refuses_writes(db_path: Path) -> None:
    make_relmgr_db(db_path)
    store = Store.open(str(db_path), read_only=True)
    try:
        with store.read() as repo:
            assert [r.version for r in repo.releases()] == ["1.0.0"]
        with pytest.raises(ReadOnlyMode, match="read-only mode: nothing was changed"), store.write():
            pass
    finally:
        store.close()


# -- what must be refused, untouched ---------------------------------------------------------------


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("release notes for 2.4.0\n", encoding="utf-8")
    assert_refused(path, "is not a SQLite database", "untouched", "--db")


def test_sqlite_header_followed_by_garbage_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    assert_refused(path, "is damaged", "restore it from a backup")


def test_relmgr_database_with_garbage_pages_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    make_relmgr_db(path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xde\xad\xbe\xef" * ((len(data) - 100) // 4))
    assert_refused(path, "is damaged")


@pytest.mark.parametrize("keep", [4096, 3 * 4096, 5000])
def test_truncated_database_is_refused_untouched(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "relmgr.db"
    make_relmgr_db(path)
    path.write_bytes(path.read_bytes()[:keep])
    assert_refused(path, "is damaged", "restore it from a backup")


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT)")
        other.execute("INSERT INTO account (name) VALUES ('alice')")
    other.close()
    assert_refused(path, "is a database, but not a relmgr one", "untouched")


def test_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    """Tests run as root, which may write anything: the engine also treats missing write bits as read-only."""
    path = tmp_path / "relmgr.db"
    make_relmgr_db(path)
    path.chmod(0o444)
    try:
        assert_refused(path, "is read-only", "chmod u+w", "--read-only")
    finally:
        path.chmod(0o644)


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        Store.open(str(folder))
    assert str(caught.value) == f"{folder} is a folder, not a database file: pass a file path with --db."
    assert os.listdir(folder) == ["keep.txt"]


def test_path_under_a_regular_file_says_the_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        Store.open(str(blocker / "relmgr.db"))
    message = f"{blocker / 'relmgr.db'} cannot exist: a part of its folder is a file: check the --db path."
    assert str(caught.value) == message
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_read_only_mode_does_not_create_a_database(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    with pytest.raises(DatabaseError, match="no relmgr database at"):
        Store.open(str(path), read_only=True)
    assert not path.exists()


def test_database_from_a_newer_relmgr_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    make_relmgr_db(path)
    with sqlite3.connect(path) as plain:
        plain.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    plain.close()
    message = assert_refused(path, "newer", "9999_from_the_future", HEAD, "was not changed")
    assert "Upgrade relmgr" in message


def test_newer_database_is_refused_on_every_backend_and_keeps_its_stamp(backend: str, db_contents) -> None:
    store = Store.open(backend)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    before = db_contents(store)
    with pytest.raises(DatabaseError) as caught:
        Store.open(backend)
    assert "newer" in str(caught.value)
    assert parse_target(backend).display() in str(caught.value)
    assert db_contents(store) == before
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_from_the_future"
    store.close()


# -- backups before a migration --------------------------------------------------------------------


def test_backup_sqlite_makes_a_readable_consistent_copy(tmp_path: Path) -> None:
    source = tmp_path / "relmgr.db"
    make_relmgr_db(source, releases=3)
    live = Store.open(str(source))
    destination = tmp_path / "backups" / "copy.db"
    destination.parent.mkdir()
    try:
        with live.read() as repo:  # a transaction is open: the backup API copies a live database
            repo.revision()
            backup_sqlite(source, destination)
    finally:
        live.close()
    with sqlite3.connect(destination) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT version FROM release ORDER BY version").fetchall() == [
            ("1.0.0",), ("1.1.0",), ("1.2.0",)
        ]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    copy.close()
    reopened = Store.open(str(destination))
    with reopened.read() as repo:
        assert repo.counts()["releases"] == 3
    reopened.close()


def test_migrating_an_empty_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    Store.open(str(path), now=NOW).close()
    assert sorted(os.listdir(tmp_path)) == ["relmgr.db"]


def test_zero_byte_file_is_taken_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    path.touch()
    store = Store.open(str(path), now=NOW)
    with store.read() as repo:
        assert repo.schema_revision() == HEAD
    store.close()
    assert sorted(os.listdir(tmp_path)) == ["relmgr.db"]


def test_older_schema_is_backed_up_before_it_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only one revision exists, so pretend this relmgr knows a newer head: the database at the real head is
    then 'older' and must be copied through the backup API before Alembic runs."""
    path = tmp_path / "relmgr.db"
    make_relmgr_db(path, releases=2)
    monkeypatch.setattr(engine_module, "REVISIONS", (HEAD, "0002_pretend"))
    monkeypatch.setattr(engine_module, "HEAD", "0002_pretend")
    upgrades = []
    monkeypatch.setattr("relmgr_tui.store.migrate.upgrade_to_head", lambda engine: upgrades.append(engine))
    Store.open(str(path), now=NOW).close()
    backup = tmp_path / f"relmgr.db.{HEAD}.20261126T093000Z.bak"
    assert sorted(n for n in os.listdir(tmp_path) if not n.endswith(("-wal", "-shm"))) == ["relmgr.db", backup.name]
    assert len(upgrades) == 1
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM release").fetchone() == (2,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()


def test_store_backup_refuses_its_own_file(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    store = Store.open(str(path))
    try:
        with pytest.raises(DatabaseError, match="is the database itself"):
            store.backup(str(path))
        store.backup(str(tmp_path / "copy.db"))
        assert (tmp_path / "copy.db").is_file()
    finally:
        store.close()


# -- database addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sqlite://", "not an in-memory database"),
        ("sqlite:///:memory:", "not an in-memory database"),
        ("mysql://db/relmgr", "unsupported database mysql"),
    ],
)
def test_addresses_relmgr_cannot_use(value: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message):
        parse_target(value)


def test_plain_postgresql_url_uses_psycopg_and_hides_the_password() -> None:
    target = parse_target("postgresql://rm:secret@db.example:5432/relmgr")
    assert target.url.drivername == "postgresql+psycopg"
    assert not target.is_sqlite
    assert "secret" not in target.display()


def test_sqlite_url_and_path_name_the_same_file(tmp_path: Path) -> None:
    assert parse_target(f"sqlite:///{tmp_path}/a.db").path == parse_target(str(tmp_path / "a.db")).path
