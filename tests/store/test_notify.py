"""PostgreSQL: every committed write announces its revision on `relmgr_changes`, with the releases it
changed when it can say; a failed one announces nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.service import Service
from relmgr_tui.store.listener import CHANNEL, Announcement
from relmgr_tui.store.repo import Store


@pytest.fixture
def announced(pg_backend: str):
    """(service, the listener): bob's writes, heard as another process hears them."""
    store = Store.open(pg_backend)
    listener = store.listener()
    listener.connect()
    try:
        yield Service(store, templates.builtin(), who="bob"), listener
    finally:
        listener.close()
        store.close()


@pytest.mark.postgres
def test_a_committed_write_is_announced_once_with_its_release_and_a_failed_one_is_not(announced) -> None:
    service, listener = announced
    release = service.create_release("2.4.0")
    assert listener.wait(2.0) == [Announcement(service.revision(), frozenset({release.id}))]
    assert listener.wait(0.3) == []  # its plain announcement, for a relmgr from before, is not news
    with pytest.raises(InvalidInput):
        service.create_release("2.4.0")
    assert listener.wait(0.3) == []


@pytest.mark.postgres
def test_a_write_to_two_releases_names_both_and_a_freeze_names_none(announced) -> None:
    service, listener = announced
    spring, summer = service.create_release("2.4.0"), service.create_release("2.5.0")
    item = service.add_scope_item(spring.id, "PAY-1", "Refunds")
    while listener.wait(0.3):
        pass
    service.move_scope_items([item.id], summer.id)
    assert listener.wait(2.0) == [Announcement(service.revision(), frozenset({spring.id, summer.id}))]
    service.add_freeze("Year end", datetime(2026, 12, 20, tzinfo=UTC), datetime(2027, 1, 3, tzinfo=UTC))
    assert listener.wait(2.0) == [Announcement(service.revision(), None)]  # it may change any card


@pytest.mark.postgres
def test_a_plain_revision_from_an_older_relmgr_may_have_changed_anything(announced, pg_backend: str) -> None:
    _service, listener = announced
    engine = create_engine(pg_backend, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"NOTIFY {CHANNEL}, '57'"))
    engine.dispose()
    assert listener.wait(2.0) == [Announcement(57, None)]


def test_sqlite_has_no_listener(db_path) -> None:
    store = Store.open(str(db_path))
    assert store.listener() is None
    store.close()
