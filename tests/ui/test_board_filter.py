"""The board's `/` filter with facets: which cards each column shows, the counts, and a term it cannot use
named beside the box. The seeded board (tests/ui/helpers.py) has two late releases (2.3.7, 2.2.0), one
emergency (2.3.8), a critical risk (3.0.0), a high one (2.4.0), and ana owning 2.4.0 and 1.9.2."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import PHASES
from tests.ui.helpers import make_app, screen_text, tick_phase

SIZE = (120, 36)


@pytest.fixture
def app(db_path: Path, clock):
    app = make_app(db_path, clock)
    with app.service.unrecorded():
        app.service.transition(app.service.release("2.4.0").id, Transition.HOLD, "waiting for the card processor")
        tick_phase(app.service, app.service.release("1.9.2").id)  # its gate into Testing opens
    return app


def shown(app) -> set[str]:
    return {card.release.version for column in app.screen.columns for card in column.cards}


async def type_filter(pilot, text: str) -> str:
    """Clear the filter, type `text` into it as a person would, and return the screen's text."""
    await pilot.press("escape", "slash", *text)
    await pilot.pause()
    return screen_text(pilot.app)


async def paste_filter(pilot, text: str) -> str:
    """Put `text` in the open filter box at once, as a paste does (typing each of many costs seconds)."""
    pilot.app.screen.filter_box.value = text
    await pilot.pause()
    return screen_text(pilot.app)


FACETS = [
    ("late", {"2.3.7", "2.2.0"}),
    ("due:7d", {"2.3.7", "2.2.0", "2.3.8", "3.0.0"}),
    ("due:1", {"2.3.7", "2.2.0", "2.3.8"}),
    ("hold", {"2.4.0"}),
    ("emergency", {"2.3.8"}),
    ("kind:emergency", {"2.3.8"}),
    ("kind:minor", {"1.9.2", "2.2.0"}),
    ("risk:c", {"3.0.0"}),
    ("risk:h", {"2.4.0"}),
    ("risk:h+", {"3.0.0", "2.4.0"}),
    ("risk:low", {"2.3.8"}),
    ("owner:ana", {"2.4.0", "1.9.2"}),
    ("ready", {"1.9.2"}),
    ("blocked", {"2.3.7", "2.2.0", "2.3.8", "3.0.0", "2.4.0"}),
    ("late payments", set()),
    ("risk:h+ payments", {"2.4.0"}),
    ("OWNER:ana ready", {"1.9.2"}),
    ("due:7d emergency", {"2.3.8"}),
    ("late 2.3", {"2.3.7"}),
]


async def test_each_facet_and_their_combinations_narrow_the_columns_and_their_counts(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        in_phase = {phase: sum(1 for c in app.screen.cards if c.release.phase is phase) for phase in PHASES}
        await pilot.press("slash")
        for text, expected in FACETS:
            screen = await paste_filter(pilot, text)
            assert shown(app) == expected, text
            assert f"{len(expected)} of 6 releases match" in screen, text
            for phase in PHASES:
                matching = sum(1 for c in app.screen.cards
                               if c.release.phase is phase and c.release.version in expected)
                assert f"{phase.label} {matching}/{in_phase[phase]}" in screen, (text, phase)


async def test_mine_uses_the_manager_name_and_says_when_there_is_none(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_filter(pilot, "mine")
        assert "mine: no manager_name is set in config.toml; set it, or use owner:NAME" in screen
        assert shown(app) == {"2.2.0", "2.3.7", "2.3.8", "3.0.0", "2.4.0", "1.9.2"}, "nothing it cannot use narrows"
        app.settings = replace(app.settings, manager_name="Cy")
        screen = await type_filter(pilot, "mine")
        assert shown(app) == {"3.0.0"}
        assert "1 of 6 releases match" in screen


async def test_an_unknown_facet_is_named_beside_the_box_and_the_rest_still_filters(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_filter(pilot, "foo:bar late")
        assert "unknown filter 'foo:': try late, due:7d, hold, emergency," in screen
        assert shown(app) == {"2.3.7", "2.2.0"}
        screen = await type_filter(pilot, "risk:x")
        assert "risk:x: use risk:l, risk:m, risk:h or risk:c" in screen
        await pilot.press("escape")
        await pilot.pause()
        assert "unknown filter" not in screen_text(app) and "6 active releases" in screen_text(app)
