"""The quick start's read: the same cards as the service's board, without SQLAlchemy, never a change."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from relmgr_tui import demo
from relmgr_tui.domain import templates
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from relmgr_tui.store.board_query import first_cards
from relmgr_tui.store.repo import Store
from tests.conftest import FIXED_NOW, FixedClock


@pytest.fixture
def service(db_path: Path, clock: FixedClock) -> Iterator[Service]:
    """SQLite only: the quick start reads files (PostgreSQL always takes the normal way in)."""
    store = Store.open(str(db_path))
    yield Service(store, templates.builtin(), who="alice", clock=clock)
    store.close()


@pytest.fixture
def demo_file(db_path: Path, service: Service) -> Path:
    """Two hundred demo releases: twenty on the board, with risks, rollback steps and decisions."""
    demo.generate(service, 200, seed=7, now=FIXED_NOW)
    return db_path


def judged(first, service: Service) -> list[Card]:
    """The cards as the board judges them, with the service's blocking band and bug severity."""
    return [Card.judge(r.release, r.done, r.total, r.evidence, service.blocking_band, service.blocking_bug,
                       r.milestone_due) for r in first.rows]


def test_the_first_cards_of_each_column_equal_the_services_board(demo_file: Path, service: Service):
    board = service.board()
    by_phase: dict[Phase, list[Card]] = defaultdict(list)
    for card in board:
        by_phase[card.release.phase].append(card)

    first = first_cards(demo_file, per_phase=2, signoff_rules=service.templates.signoffs)

    assert first is not None and not first.complete
    assert first.counts == {phase: len(cards) for phase, cards in by_phase.items()}
    expected = [card for phase in by_phase for card in by_phase[phase][:2]]
    got = judged(first, service)
    assert sorted(got, key=lambda c: c.release.id) == sorted(expected, key=lambda c: c.release.id)
    assert first.revision == service.revision()


def test_with_room_for_every_card_the_read_is_the_whole_board(demo_file: Path, service: Service):
    first = first_cards(demo_file, per_phase=1000, signoff_rules=service.templates.signoffs)

    assert first is not None and first.complete
    assert judged(first, service) == service.board(), "same cards, same order"


def test_an_empty_database_reads_as_an_empty_complete_board(db_path: Path, service: Service):
    first = first_cards(db_path, per_phase=10)

    assert first is not None and first.rows == [] and first.counts == {} and first.complete


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: path.write_text("not a database\n"), id="text file"),
        pytest.param(lambda path: path.unlink(), id="missing"),
        pytest.param(lambda path: _sql(path, "UPDATE alembic_version SET version_num = '0099_future'"),
                     id="newer schema"),
        pytest.param(lambda path: _sql(path, "DROP TABLE meta"), id="foreign tables"),
    ],
)
def test_anything_unusual_is_left_to_the_normal_way_in_untouched(demo_file: Path, spoil):
    spoil(demo_file)
    before = demo_file.read_bytes() if demo_file.exists() else None

    assert first_cards(demo_file, per_phase=5) is None
    assert (demo_file.read_bytes() if demo_file.exists() else None) == before


def _sql(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(statement)
    connection.close()


def test_the_first_frame_needs_no_sqlalchemy_and_no_subcommands():
    """What makes the quick start quick: the app and the first read import no SQLAlchemy or sqlmodel, nor
    the subcommands with what they print."""
    commands = {f"relmgr_tui.cli.{name}" for name in ("commands", "output", "releases", "checklist", "phases",
                                                      "risks", "data")}
    heavy = {"sqlalchemy", "sqlmodel", "pydantic", "alembic", "relmgr_tui.export", "relmgr_tui.minutes",
             "relmgr_tui.domain.templates", *commands}
    code = (
        "import sys, relmgr_tui.cli, relmgr_tui.ui.app, relmgr_tui.store.board_query\n"
        "relmgr_tui.cli.parsing.build_parser(with_commands=False)\n"
        f"print(sorted({{m for m in sys.modules if m.split('.')[0] in {heavy!r} or m in {heavy!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_board_loads_nothing_of_the_calendar_before_c_is_pressed():
    """The calendar costs the board's launch nothing: its screens, widget and layout load with `c`."""
    calendar = {"relmgr_tui.ui.screens.calendar", "relmgr_tui.ui.screens.freezes", "relmgr_tui.ui.widgets.calendar_view",
                "relmgr_tui.domain.calendar_grid", "relmgr_tui.ui.screens.freeze_form"}
    code = (
        "import sys, relmgr_tui.ui.app, relmgr_tui.ui.screens.board, relmgr_tui.store.board_query\n"
        f"print(sorted(m for m in {sorted(calendar)!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
