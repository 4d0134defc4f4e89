"""Every theme the palette offers draws card text at WCAG's 4.5:1 or better, measured on what the board
draws: each text span of each card, the focused one too, its colour against its background."""

from __future__ import annotations

import pytest
from rich.segment import Segment

from relmgr_tui.ui.widgets.phase_column import PhaseColumn
from tests.ui.helpers import make_app, seed_every_badge

DECORATION = set("▌█░ ")
"""The cursor mark and the progress bar are not text."""


def luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(segment: Segment) -> float:
    style = segment.style
    lighter, darker = sorted((luminance(style.color.get_truecolor()), luminance(style.bgcolor.get_truecolor())),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def card_text(column: PhaseColumn) -> list[Segment]:
    lines = [column.render_line(y) for y in range(len(column.cards) * column.card_height)]
    return [segment for line in lines for segment in line if set(segment.text) - DECORATION]


@pytest.mark.slow
async def test_every_theme_offered_draws_card_text_at_4_5_to_1(db_path, clock):
    app = make_app(db_path, clock)
    with app.service.unrecorded():
        seed_every_badge(app.service)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "textual-light" in app.available_themes
        unreadable = {}
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            for column in app.screen.query(PhaseColumn):
                for segment in card_text(column):
                    if contrast(segment) < 4.5:
                        unreadable.setdefault(theme, []).append(f"{segment.text.strip()} {contrast(segment):.1f}")
        assert not unreadable
