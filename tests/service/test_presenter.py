"""Presenter mode through the service: it refuses writes, and only presenter mode can be left."""

from __future__ import annotations

import pytest

from relmgr_tui.bootstrap import create_app
from relmgr_tui.domain.errors import ReadOnlyMode


def test_presenter_mode_refuses_writes_until_left(db_path, clock):
    service = create_app(str(db_path), clock=clock, who="alice").service
    service.enter_read_only()
    with pytest.raises(ReadOnlyMode):
        service.create_release("1.0.0", "First")
    service.leave_presenter_mode()
    assert service.create_release("1.0.0", "First").version == "1.0.0"
    service.close()


def test_a_service_started_read_only_cannot_leave_it(db_path, clock):
    create_app(str(db_path), clock=clock, who="alice").service.close()
    service = create_app(str(db_path), clock=clock, who="alice", read_only=True).service
    with pytest.raises(ReadOnlyMode, match="started read-only"):
        service.leave_presenter_mode()
    assert service.read_only
    service.close()
