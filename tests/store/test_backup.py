"""`relmgr backup PATH` never overwrites what relmgr did not make, and never leaves half a file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.service import Service
from relmgr_tui.store import backup as backup_module
from relmgr_tui.store.repo import Store


def make_db(path: Path, *versions: str) -> None:
    store = Store.open(str(path))
    service = Service(store, templates.builtin(), who="alice")
    for version in versions:
        service.create_release(version)
    store.close()


def versions_in(path: Path) -> list[str]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT version FROM release ORDER BY version").fetchall()
    connection.close()
    return [version for (version,) in rows]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Store]:
    make_db(tmp_path / "relmgr.db", "2.0.0")
    store = Store.open(str(tmp_path / "relmgr.db"))
    yield store
    store.close()


def foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT)")
        other.execute("INSERT INTO account (name) VALUES ('alice')")
    other.close()


def text_file(path: Path) -> None:
    path.write_text("release notes\n", encoding="utf-8")


def other_relmgr(path: Path) -> None:
    make_db(path, "9.9.9")


REFUSED: dict[str, tuple[Callable[[Path], None], bool, str]] = {
    "another application's database": (foreign_sqlite, True, "is not a relmgr database: relmgr left it untouched"),
    "a text file": (text_file, True, "is not a relmgr database: relmgr left it untouched"),
    "another relmgr database without --force": (other_relmgr, False, "exists already: relmgr left it untouched"),
    "a text file without --force": (text_file, False, "exists already: relmgr left it untouched"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_existing_file_is_refused_byte_for_byte_unchanged(live: Store, tmp_path: Path, case: str) -> None:
    make, force, phrase = REFUSED[case]
    target = tmp_path / "target.db"
    make(target)
    before = target.read_bytes()
    with pytest.raises(DatabaseError, match=phrase):
        live.backup(str(target), force=force)
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["relmgr.db", "relmgr.db-shm", "relmgr.db-wal", "target.db"]


def test_force_replaces_an_older_relmgr_backup(live: Store, tmp_path: Path) -> None:
    target = tmp_path / "old-backup.db"
    other_relmgr(target)
    assert live.backup(str(target), force=True) == target
    assert versions_in(target) == ["2.0.0"]


def test_the_database_itself_and_a_missing_folder_are_refused(live: Store, tmp_path: Path) -> None:
    before = (tmp_path / "relmgr.db").read_bytes()
    with pytest.raises(DatabaseError, match="is the database itself"):
        live.backup(str(tmp_path / "relmgr.db"), force=True)
    assert (tmp_path / "relmgr.db").read_bytes() == before
    with pytest.raises(DatabaseError, match="the folder .*nowhere does not exist: create it first"):
        live.backup(str(tmp_path / "nowhere" / "b.db"))
    assert not (tmp_path / "nowhere").exists()


def test_a_symlink_at_the_name_is_never_written_through(live: Store, tmp_path: Path) -> None:
    pointed_at = tmp_path / "old-backup.db"
    other_relmgr(pointed_at)
    before = pointed_at.read_bytes()
    link = tmp_path / "latest.db"
    link.symlink_to(pointed_at)
    with pytest.raises(DatabaseError, match="is a symbolic link: relmgr does not write through it"):
        live.backup(str(link), force=True)
    assert link.is_symlink() and pointed_at.read_bytes() == before


def test_a_full_disk_keeps_the_old_backup_and_leaves_no_partial_file(
    live: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old-backup.db"
    other_relmgr(target)
    before = target.read_bytes()
    real_backup = backup_module.backup_sqlite

    def disk_fills_up(source: Path, destination: Path) -> None:
        real_backup(source, destination)  # a whole temporary file exists now ...
        raise sqlite3.OperationalError("database or disk is full")  # ... and the write fails after all

    monkeypatch.setattr(backup_module, "backup_sqlite", disk_fills_up)
    with pytest.raises(DatabaseError, match="no space left to write the backup .*nothing was changed there"):
        live.backup(str(target), force=True)
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["old-backup.db", "relmgr.db", "relmgr.db-shm", "relmgr.db-wal"]
