"""The metrics screen: `M` (and the palette) opens it over 90 days, `[` and `]` change the period, every
chart states its figures in words, escape goes back; at 120x36, 80x24 and without colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui import demo
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.metrics import MetricsScreen
from tests.conftest import FIXED_NOW
from tests.ui.helpers import make_app, screen_text, wait_for


def metrics_app(db_path: Path, clock):
    """300 demo releases over six years up to the fixed clock (seeded: the same every run)."""
    app = make_app(db_path, clock, seed=False)
    with app.service.unrecorded():
        demo.generate(app.service, 300, seed=5, now=FIXED_NOW)
    return app


def settled(app) -> bool:
    """Every period read and the charts drawn: what a snapshot may show."""
    screen = app.screen
    return isinstance(screen, MetricsScreen) and screen.charts and len(screen.figures) == 3


async def open_metrics(pilot) -> None:
    await pilot.pause()
    await pilot.press("M")
    await wait_for(pilot, lambda: settled(pilot.app), timeout=20)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_metrics_screen(snap_compare, db_path, clock, size):
    assert snap_compare(metrics_app(db_path, clock), run_before=open_metrics, terminal_size=size)


@pytest.mark.slow
def test_metrics_screen_without_colour_scrolled_to_the_phases(snap_compare, db_path, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def to_the_end(pilot) -> None:
        await open_metrics(pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(metrics_app(db_path, clock), run_before=to_the_end, terminal_size=(80, 24))


@pytest.mark.slow
async def test_brackets_change_the_period_and_the_figures_follow(db_path, clock):
    app = metrics_app(db_path, clock)
    service = app.service
    async with app.run_test(size=(120, 36)) as pilot:
        await open_metrics(pilot)
        assert isinstance(app.screen, MetricsScreen)
        for key, days in (("right_square_bracket", 365), ("right_square_bracket", 365),
                          ("left_square_bracket", 90), ("left_square_bracket", 30), ("left_square_bracket", 30)):
            await pilot.press(key)
            await wait_for(pilot, lambda: f"last {days} days" in screen_text(app))
            figures = service.metrics(days).sentences()
            text = screen_text(app)
            for key_name in ("change_failure_rate", "on_time_rate", "gate_overrides"):
                assert figures[key_name][0] in text, (days, key_name)
            assert figures["releases_per_week"][0] in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_the_palette_offers_the_metrics(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Delivery metrics" in [command.title for command in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p", *"delivery metrics")
        await wait_for(pilot, lambda: "Releases per week, lead time" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "nothing released" in screen_text(app))
        assert isinstance(app.screen, MetricsScreen)
