"""Shared fixtures: a fixed clock, isolated user folders, and a service on a fresh SQLite file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PG_URL_ENV = "RELMGR_TEST_PG_URL"


class FixedClock:
    """A clock that stands still unless a test moves it: every run sees the same times."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs at a private home so no test reads or writes the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("RELMGR_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "relmgr.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    store = Store.open(str(db_path))
    yield store
    store.close()


@pytest.fixture
def service(store: Store, clock: FixedClock) -> Service:
    return Service(store, templates.builtin(), who="alice", clock=clock)


def pg_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None
