"""PostgreSQL: every committed write announces its revision on `relmgr_changes`; a failed one does not."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

@pytest.mark.postgres
def test_a_committed_write_is_announced_with_its_revision_and_a_failed_one_is_not(pg_backend: str) -> None:
    store = Store.open(pg_backend)
    try:
        listener = store.listener()
        listener.connect()
        service = Service(store, templates.builtin(), who="bob")
        service.create_release("2.4.0")
        assert listener.wait(2.0) == [store.revision()]
        with pytest.raises(InvalidInput):
            service.create_release("2.4.0")
        assert listener.wait(0.3) == []
        listener.close()
    finally:
        store.close()


def test_sqlite_has_no_listener(db_path) -> None:
    store = Store.open(str(db_path))
    assert store.listener() is None
    store.close()
