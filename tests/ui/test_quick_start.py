"""`relmgr` draws the board from a plain sqlite3 read and opens the service behind the first frame."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from relmgr_tui import bootstrap
from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.app import RelmgrApp
from tests.conftest import FixedClock
from tests.ui.helpers import make_app, screen_text, wait_for

SIZE = (120, 36)


@pytest.fixture
def board_file(tmp_path: Path, clock: FixedClock) -> Path:
    """The seeded board (Planning holds 2.3.7, overdue, then 2.4.0; Building 1.9.2), written and closed."""
    db = tmp_path / "relmgr.db"
    make_app(db, clock).service.close()
    return db


def hold_opening(app: RelmgrApp, gate: threading.Event) -> None:
    """Keep the service from opening until `gate` is set, so a test can look at the first frame."""
    opener = app.quick_start.open_context

    def held() -> bootstrap.Context:
        gate.wait(10)
        return opener()

    app.opener.quick_start = replace(app.quick_start, open_context=held)


async def wait_for_service(pilot) -> None:
    await wait_for(pilot, lambda: pilot.app.service_ready, timeout=10)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_first_frame_shows_the_first_cards_and_true_counts_then_the_rest(
    board_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(bootstrap, "FIRST_CARDS_PER_PHASE", 1)
    app = bootstrap.launch_app(str(board_file), clock=clock)
    gate = threading.Event()
    hold_opening(app, gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_frame = screen_text(app)
        assert not app.service_ready
        assert "Planning 2" in first_frame and "6 active releases" in first_frame, "counts are the real ones"
        assert "2.3.7" in first_frame and "2.4.0" not in first_frame, "one card per column so far"

        gate.set()
        await wait_for_service(pilot)

        assert "2.4.0" in screen_text(app), "the rest of the column arrives once the service is open"
        assert "Planning 2" in screen_text(app)


async def test_a_key_pressed_before_the_service_opens_waits_for_it_and_works(board_file: Path, clock: FixedClock):
    app = bootstrap.launch_app(str(board_file), clock=clock)
    gate = threading.Event()
    hold_opening(app, gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right")  # Building: 1.9.2
        assert not app.service_ready
        threading.Timer(0.3, gate.set).start()
        await pilot.press("less_than_sign")
        await wait_for_service(pilot)

        assert app.service.release("1.9.2").phase is Phase.PLANNING
        assert "Planning 3" in screen_text(app)


async def test_the_collector_that_relmgr_starts_without_is_on_again_once_the_service_opens(
    board_file: Path, clock: FixedClock
):
    """`relmgr` turns the garbage collector off for its start-up; left off, cycles would pile up all day."""
    app = bootstrap.launch_app(str(board_file), clock=clock)
    gate = threading.Event()
    hold_opening(app, gate)
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled()
            gate.set()
            await wait_for_service(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_a_service_that_cannot_open_ends_the_app_with_its_reason(board_file: Path, clock: FixedClock, capsys,
                                                                       monkeypatch):
    monkeypatch.setenv("COLUMNS", "500")  # Rich wraps stderr at 80 columns when it is not a terminal
    app = bootstrap.launch_app(str(board_file), clock=clock)

    def refuse() -> bootstrap.Context:
        raise DatabaseError(f"{board_file} [/]\x1b[2J is locked by another program; close it and start relmgr"
                            " again.")

    app.opener.quick_start = replace(app.quick_start, open_context=refuse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: app.return_code is not None)
        assert app.return_code == 2
    assert capsys.readouterr().err == (f"relmgr: error: {board_file} [/]\\x1b[2J is locked by another program;"
                                       " close it and start relmgr again.\n")


def test_a_new_file_takes_the_normal_way_which_creates_it_only_when_written(tmp_path: Path):
    target = tmp_path / "new.db"
    app = bootstrap.launch_app(str(target))
    assert app.quick_start is None and app.service_ready and not target.exists()


def test_a_server_url_takes_the_normal_way_in_which_explains_a_failure():
    with pytest.raises(DatabaseError, match="127.0.0.1"):
        bootstrap.launch_app("postgresql+psycopg://nobody@127.0.0.1:9/relmgr")
