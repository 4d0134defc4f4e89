"""The key footer and the dialogs at 80 columns: as many keys as fit, whole, and always `? Help`."""

from __future__ import annotations

import re

import pytest

from relmgr_tui.ui.widgets.footer_fit import HELP_ID, FooterEntry, choose
from tests.ui.helpers import make_app, screen_text

ENTRIES = [
    FooterEntry(("⏎",), "Open", "board.open"),
    FooterEntry(("n",), "New", "board.new"),
    FooterEntry(("/",), "Filter", "board.filter"),
    FooterEntry(("?",), "Help", HELP_ID),
    FooterEntry(("q",), "Quit", "app.quit"),
]


def labels(entries: list[FooterEntry]) -> list[str]:
    return [entry.label for entry in entries]


def test_every_key_shows_when_there_is_room():
    assert labels(choose(ENTRIES, 80)) == ["Open", "New", "Filter", "Help", "Quit"]


def test_help_always_shows_and_the_rest_come_in_order_while_they_fit():
    assert FooterEntry(("⏎",), "Open").width == 8  # " ⏎ Open "
    assert labels(choose(ENTRIES, 8 + 8 + 7)) == ["Open", "New", "Help"]
    assert labels(choose(ENTRIES, 3)) == ["Help"]  # even with no room at all


def test_a_priority_list_picks_before_binding_order_but_the_order_shown_stays():
    assert labels(choose(ENTRIES, 8 + 8 + 10, first=["board.filter"])) == ["Open", "Filter", "Help"]


# What each screen's footer and each dialog's hint at 80x24 must show whole, reached by keys from the board.
SCREENS = {
    "board": ((), "? Help"),
    "workspace checklist": (("enter",), "? Help"),
    "workspace risks": (("enter", "2"), "? Help"),
    "workspace rollback": (("enter", "3"), "? Help"),
    "workspace activity": (("enter", "4"), "? Help"),
    "archive": (("a",), "? Help"),
    "review": (("g",), "? Help"),
    "help": (("question_mark",), "? Help"),  # over the board, whose footer stays in view
}
DIALOGS = {
    "gate override": (("greater_than_sign", "ctrl+s"), "write why (kept in the audit log):"),
    "new release": (("n",), "ctrl+s save · escape cancel · tab next field"),
    "hold": (("H",), "enter next · ctrl+s save · escape cancel"),
    "decision": (("g", "v"), "ctrl+s record · escape cancel · tab next field · empty rows are left out"),
}


def footer_is_whole(line: str) -> bool:
    """Keys and labels separated by two blanks, none cut: each piece is `key Label`."""
    pieces = [piece for piece in re.split(r"\s{2,}", line.strip()) if piece]
    return all(re.fullmatch(r"\S+ [A-Z][\w/-]*( [\w/-]+)*", piece) for piece in pieces)


@pytest.mark.slow
async def test_each_screen_at_80_columns_shows_its_footer_whole_with_help(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for name, (keys, wanted) in SCREENS.items():
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            footer = screen_text(app).splitlines()[23]
            assert wanted in footer and footer_is_whole(footer), f"{name}: {footer!r}"
            while len(app.screen_stack) > 2:
                await pilot.press("escape")


@pytest.mark.slow
@pytest.mark.parametrize("name", DIALOGS)
async def test_each_dialog_at_80x24_shows_its_text_whole(db_path, clock, name):
    keys, wanted = DIALOGS[name]
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        text = " ".join(line.strip(" █│") for line in screen_text(app).splitlines())
        assert wanted in re.sub(r"\s+", " ", text), name
