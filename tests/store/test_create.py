"""Nothing is created until relmgr writes: a missing database reads as empty, and only a write creates it,
only where relmgr may, and a failed first write (a full disk) leaves nothing behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from relmgr_tui import cli, paths
from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.service import Service
from relmgr_tui.store import creation
from relmgr_tui.store.location import Missing, NoDatabase
from relmgr_tui.store.repo import Store


def service_on(store: Store, clock) -> Service:
    return Service(store, templates.builtin(), who="alice", clock=clock)


def test_a_read_command_refuses_a_missing_database_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(NoDatabase) as caught:
        Store.open(str(tmp_path / "typo.db"), missing=Missing.REFUSE)
    assert str(caught.value).startswith(f"no relmgr database at {tmp_path / 'typo.db'}: ")
    assert os.listdir(tmp_path) == []


def test_a_missing_database_reads_as_empty_and_the_first_write_creates_it(tmp_path: Path, clock) -> None:
    path = tmp_path / "relmgr.db"
    store = Store.open(str(path), missing=Missing.CREATE_ON_WRITE)
    service = service_on(store, clock)
    try:
        assert service.releases() == [] and store.revision() == 0
        assert not store.exists and os.listdir(tmp_path) == [], "reading created nothing"
        service.create_release("1.0.0", "First")
        assert store.exists and path.is_file()
    finally:
        store.close()
    reopened = Store.open(str(path), missing=Missing.REFUSE)
    assert [r.version for r in service_on(reopened, clock).releases()] == ["1.0.0"]
    reopened.close()


def test_read_empty_never_creates_even_when_something_tries_to_write(tmp_path: Path, clock) -> None:
    store = Store.open(str(tmp_path / "relmgr.db"), missing=Missing.READ_EMPTY)
    with pytest.raises(NoDatabase):
        service_on(store, clock).create_release("1.0.0")
    store.close()
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_refused_unless_it_is_the_default_data_folder(tmp_path: Path, clock) -> None:
    with pytest.raises(NoDatabase, match="and its folder .*missing does not exist"):
        Store.open(str(tmp_path / "missing" / "relmgr.db"), missing=Missing.CREATE_ON_WRITE)
    assert os.listdir(tmp_path) == []

    default = paths.default_db_path()
    store = Store.open(str(default), missing=Missing.CREATE_ON_WRITE)
    assert not default.parent.exists(), "not even the data folder before the first write"
    service_on(store, clock).create_release("1.0.0")
    store.close()
    assert default.is_file()


def test_a_failed_first_write_removes_the_database_and_the_folder_it_created(clock) -> None:
    default = paths.default_db_path()
    store = Store.open(str(default), missing=Missing.CREATE_ON_WRITE)
    with pytest.raises(RuntimeError), store.write():
        raise RuntimeError("the command failed half-way")
    assert not default.parent.exists()
    assert not store.exists and service_on(store, clock).releases() == [], "it reads as empty again"
    store.close()


def test_a_full_disk_while_creating_leaves_no_file_behind(tmp_path: Path, monkeypatch, capsys) -> None:
    """Injected ENOSPC after SQLite has started writing the new file: the always-available variant of
    the tmpfs test in tests/cli/test_open_faults.py."""
    path = tmp_path / "relmgr.db"

    def disk_full(engine) -> None:
        assert path.stat().st_size > 0, "the injection comes after a partial file exists"
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(creation, "upgrade", disk_full)
    assert cli.main(["--db", str(path), "new", "1.0.0"]) == 2
    assert capsys.readouterr().err == (
        f"relmgr: error: no space left to create {path}: free some space on its disk or pass another --db path;"
        " nothing was left behind.\n"
    )
    assert os.listdir(tmp_path) == []


def test_an_empty_file_is_filled_and_emptied_again_when_that_fails(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "relmgr.db"
    path.touch()
    with pytest.raises(NoDatabase):
        Store.open(str(path), missing=Missing.REFUSE)
    monkeypatch.setattr(creation, "upgrade", lambda engine: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(DatabaseError, match="no space left"):
        Store.open(str(path), missing=Missing.CREATE)
    assert os.listdir(tmp_path) == ["relmgr.db"] and path.stat().st_size == 0
