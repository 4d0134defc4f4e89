"""Store tests that make sense on both backends take `store` (or `service`) and run on SQLite and, when
RELMGR_TEST_PG_URL is set, PostgreSQL. SQLite-only tests open their own file from `db_path`."""

from __future__ import annotations

import pytest

from relmgr_tui.store.repo import Store


@pytest.fixture
def store(backend_store: Store) -> Store:
    return backend_store
