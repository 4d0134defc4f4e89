"""No password is ever printed: for each form a database URL takes, `info`, `list`, `copy --to` and
`copy --from` run in a real process, and neither stdout nor stderr holds the password."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import _pg_create, _pg_drop, _pg_name, pg_url

SECRET = "Tr0ub4dor-s3cret"

COMMANDS = """
import sys
from relmgr_tui.cli import main
url, source, back = sys.argv[1:]
for argv in (["--db", url, "info"], ["--db", url, "list"], ["copy", "--from", source, "--to", url],
             ["copy", "--from", url, "--to", back]):
    print("exit", main(argv), flush=True)
"""
"""The four commands in one process (each through `main`, as `relmgr` runs it): one interpreter start-up
per URL form instead of four."""

FORMS = {
    "user:password@ (server refuses)": f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:9/releases",
    "?password= (server refuses)": f"postgresql+psycopg://alice@127.0.0.1:9/releases?password={SECRET}",
    "one slash missing": f"postgresql+psycopg:/alice:{SECRET}@dbhost/releases",
    "non-numeric port": f"postgresql+psycopg://alice:{SECRET}@dbhost:abc/releases",
    "psycopg2 driver (server refuses)": f"postgresql+psycopg2://alice:{SECRET}@127.0.0.1:9/releases",
}


def run_commands(url: str, source: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("RELMGR_DB", None)
    return subprocess.run([sys.executable, "-c", COMMANDS, url, str(source), str(tmp_path / "back.db")],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
                          check=False, cwd=tmp_path)


@pytest.fixture
def source(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
def test_no_command_prints_the_password_of_a_url_it_cannot_use(form: str, source: Path, tmp_path: Path) -> None:
    result = run_commands(FORMS[form], source, tmp_path)
    assert result.stdout.splitlines() == ["exit 2"] * 4
    errors = result.stderr.splitlines()
    assert len(errors) == 4 and all(line.startswith("relmgr: error: ") for line in errors), result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert sorted(os.listdir(tmp_path)) == ["source.db"], "no URL became a file or a folder"


@pytest.fixture
def pg_with_password() -> Iterator[str]:
    """A fresh PostgreSQL database, its URL carrying a password (the test server trusts local users)."""
    admin = pg_url()
    if admin is None:
        pytest.skip("RELMGR_TEST_PG_URL not set: this case needs a PostgreSQL server")
    name = _pg_name("secret")
    url = _pg_create(admin, name)
    try:
        yield make_url(url).set(password=SECRET).render_as_string(hide_password=False)
    finally:
        _pg_drop(admin, name)


@pytest.mark.slow
@pytest.mark.postgres
def test_no_command_prints_the_password_of_a_url_that_works(
    pg_with_password: str, source: Path, tmp_path: Path
) -> None:
    result = run_commands(pg_with_password, source, tmp_path)
    assert result.stdout.count("exit 0") == 4, result.stderr
    assert "database         postgresql+psycopg://postgres:***@" in result.stdout
    assert "Copied 0 releases into postgresql+psycopg://postgres:***@" in result.stdout
    assert SECRET not in result.stdout + result.stderr
