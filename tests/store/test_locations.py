"""What a --db value names: a URL typo is refused rather than made into a folder of files, and a path is
looked at before anything opens it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.store.engine import parse_target
from relmgr_tui.store.location import Missing
from relmgr_tui.store.repo import Store

SECRET = "s3cret-Pw"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (f"postgresql+psycopg:/alice:{SECRET}@dbhost/releases",
         "'postgresql+psycopg:/alice:***@dbhost/releases' looks like a database URL but is not one:"
         " write it as postgresql+psycopg://USER@HOST/DATABASE (or sqlite:////absolute/path.db, or just a file path)."),
        (f"postgres:alice:{SECRET}@dbhost/releases", "looks like a database URL but is not one"),
        ("sqlite:relmgr.db", "looks like a database URL but is not one"),
        (f"postgresql+psycopg://alice:{SECRET}@dbhost:abc/releases",
         "the port in 'postgresql+psycopg://alice:***@dbhost:abc/releases' is not a number:"
         " write it as postgresql+psycopg://USER@HOST:5432/DATABASE."),
        (f"postgresql+asyncpg://alice:{SECRET}@dbhost/releases",
         "relmgr talks to PostgreSQL through psycopg 3, not postgresql+asyncpg"),
    ],
)
def test_a_url_typo_is_refused_and_creates_nothing(
    value: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatabaseError) as caught:
        Store.open(value, missing=Missing.CREATE)
    assert message in str(caught.value)
    assert SECRET not in str(caught.value)
    assert os.listdir(tmp_path) == []


def test_a_psycopg2_url_is_taken_as_psycopg_3() -> None:
    """The connection parameters are libpq's for both drivers: a URL copied from another tool just works."""
    target = parse_target(f"postgresql+psycopg2://alice:{SECRET}@dbhost/releases")
    assert target.url.drivername == "postgresql+psycopg"
    assert target.display() == "postgresql+psycopg://alice:***@dbhost/releases"


def test_an_unknown_home_folder_is_one_sentence() -> None:
    with pytest.raises(DatabaseError) as caught:
        Store.open("~nosuchuser-relmgr/x.db", missing=Missing.REFUSE)
    assert str(caught.value) == (
        "~nosuchuser-relmgr/x.db starts with ~nosuchuser-relmgr, but there is no user nosuchuser-relmgr"
        " on this system: write the full path."
    )


@pytest.mark.parametrize("missing", list(Missing))
@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "loop"])
def test_what_is_not_a_file_is_refused_before_it_is_opened(tmp_path: Path, kind: str, missing: Missing) -> None:
    """A FIFO would block the open itself: it is refused from its os.stat, whatever the command."""
    path = tmp_path / "relmgr.db"
    expected = {
        "fifo": f"{path} is a named pipe (FIFO), not a database file: pass a file path with --db.",
        "folder": f"{path} is a folder, not a database file: pass a file path with --db.",
        "device": "/dev/null is a character device, not a database file: pass a file path with --db.",
        "loop": f"{path} is a loop of symbolic links: fix the link or pass another --db path.",
    }[kind]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path = Path("/dev/null")
    else:
        path.symlink_to(path)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(DatabaseError) as caught:
        Store.open(str(path), missing=missing)
    assert str(caught.value) == expected
    assert sorted(os.listdir(tmp_path)) == before


def test_a_dangling_link_is_a_missing_database(tmp_path: Path) -> None:
    link = tmp_path / "relmgr.db"
    link.symlink_to(tmp_path / "elsewhere" / "relmgr.db")
    with pytest.raises(DatabaseError, match="no relmgr database at .*elsewhere/relmgr.db, and its folder"):
        Store.open(str(link), missing=Missing.CREATE_ON_WRITE)
    assert os.listdir(tmp_path) == ["relmgr.db"] and link.is_symlink()
