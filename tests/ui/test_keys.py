"""Bindings have ids, the help is generated from them, and config.toml's [keys] remaps them safely."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

import relmgr_tui.ui
from relmgr_tui.bootstrap import create_app
from relmgr_tui.config import Settings
from relmgr_tui.domain.model import Phase
from relmgr_tui.ui import keymap
from relmgr_tui.ui.app import RelmgrApp
from relmgr_tui.ui.hanging import Hanging
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.gate import GateModal
from relmgr_tui.ui.screens.help import HelpScreen
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.conftest import FixedClock
from tests.ui.helpers import screen_text, seed_board

SIZE = (80, 24)
WHERE = "config.toml [keys]"


def relmgr_bindings() -> list[Binding]:
    """Every Binding declared by a screen, modal or widget class in relmgr_tui/ui (not Textual's own)."""
    for module in pkgutil.walk_packages(relmgr_tui.ui.__path__, "relmgr_tui.ui."):
        importlib.import_module(module.name)
    found: dict[int, Binding] = {}
    for module_name, module in list(__import__("sys").modules.items()):
        if not module_name.startswith("relmgr_tui.ui"):
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__.startswith("relmgr_tui"):
                for binding in cls.__dict__.get("BINDINGS", []):
                    found[id(binding)] = binding
    return list(found.values())


def test_every_binding_has_an_id_unique_across_the_app() -> None:
    bindings = relmgr_bindings()
    assert len(bindings) > 90
    assert [b for b in bindings if not b.id] == []
    ids = [binding.id for binding in bindings]
    assert sorted(ids) == sorted(set(ids)), "an id names one binding"
    assert set(ids) == set(keymap.all_bindings()), "the help and the keymap know every binding"
    assert {"board.advance", "workspace.tick", "review.minutes", "app.undo", "app.redo", "app.help"} <= set(ids)


def help_text(app: RelmgrApp) -> str:
    content = app.screen.query_one("#help-text", Static).content
    assert isinstance(content, Hanging)
    return content.plain


def make_keyed_app(db_path: Path, clock: FixedClock, keys: dict[str, str]) -> RelmgrApp:
    app = create_app(str(db_path), clock=clock, who="alice", settings=Settings(keys=keys))
    with app.service.unrecorded():
        seed_board(app.service)
    return app


@pytest.mark.slow
async def test_help_lists_undo_redo_and_every_binding_with_its_key(db_path, clock) -> None:
    app = make_keyed_app(db_path, clock, {})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
    assert "  u                    Undo\n" in text
    assert "  ^r                   Redo\n" in text
    for binding in keymap.all_bindings().values():
        shown = binding.key_display or " ".join(app.get_key_display(Binding(key, "")) for key in
                                                keymap.keys_in_force(binding, {}))
        assert f"  {shown:<20} {binding.description}\n" in text, binding.id


def focused_phase(app: RelmgrApp) -> Phase:
    board = app.screen
    assert isinstance(board, BoardScreen) and board.current is not None
    return app.service.release(board.current.release.version).phase


@pytest.mark.slow
async def test_a_remapped_key_works_and_the_old_one_no_longer_does(db_path, clock) -> None:
    app = make_keyed_app(db_path, clock, {"board.advance": "ctrl+right"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        before = focused_phase(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "> no longer advances"
        assert focused_phase(app) == before
        footer = screen_text(app).splitlines()[35]
        assert "^→ Advance" in footer and "> Advance" not in footer
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert isinstance(app.screen, GateModal) or focused_phase(app) != before
        if isinstance(app.screen, GateModal):
            await pilot.press("escape")
        await pilot.press("question_mark")
        assert "  ^→                   Advance\n" in help_text(app)
        assert "  >                    Advance\n" not in help_text(app).split("Release\n")[0]


@pytest.mark.parametrize(
    ("keys", "warning"),
    [
        ({"board.nwe": "x"}, f"{WHERE}: unknown key binding id 'board.nwe'"),
        ({"board.new": "ctrl+nope"}, f"{WHERE}: board.new = 'ctrl+nope' is not a key name"),
        ({"board.new": "hyper+"}, f"{WHERE}: board.new = 'hyper+' is not a key name"),
        ({"board.new": ""}, f"{WHERE}: board.new = '' is not a key name"),
        ({"board.new": "e"}, f"{WHERE}: board.new = 'e' clashes with board.edit"),
        ({"board.new": "u"}, f"{WHERE}: board.new = 'u' clashes with app.undo"),
        ({"board.new": "k"}, f"{WHERE}: board.new = 'k' clashes with column.up"),
        ({"board.new": "ctrl+p"}, f"{WHERE}: board.new = 'ctrl+p' clashes with textual.command_palette"),
        ({"workspace.tick": "x"}, f"{WHERE}: workspace.tick = 'x' clashes with workspace.step_outcome"),
    ],
)
def test_an_entry_that_cannot_apply_gives_one_warning_naming_it(keys: dict[str, str], warning: str) -> None:
    accepted, warnings = keymap.check(keys, WHERE)
    assert accepted == {}
    assert len(warnings) == 1 and warnings[0].startswith(warning), warnings


def test_good_entries_apply_beside_bad_ones_and_keys_can_swap() -> None:
    accepted, warnings = keymap.check({"board.new": "e", "board.edit": "n", "app.help": "f1", "x.y": "z",
                                       "workspace.owner": "?"}, WHERE)
    assert accepted == {"board.new": "e", "board.edit": "n", "app.help": "f1", "workspace.owner": "question_mark"}
    assert len(warnings) == 1 and "'x.y'" in warnings[0]


def test_a_key_given_back_by_a_refused_entry_is_checked_again() -> None:
    """board.edit's remap is refused (bad key), so it keeps e, which board.new asked for."""
    accepted, warnings = keymap.check({"board.new": "e", "board.edit": "bogus"}, WHERE)
    assert accepted == {}
    assert [w.split(" = ")[0] for w in warnings] == [f"{WHERE}: board.edit", f"{WHERE}: board.new"]


@pytest.mark.slow
async def test_a_clash_warns_at_start_up_and_the_default_key_still_works(db_path, clock) -> None:
    app = make_keyed_app(db_path, clock, {"board.new": "e"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "board.new = 'e' clashes with board.edit" in screen_text(app).replace("\n", " ")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseFormModal)


async def test_the_state_keys_have_their_own_heading_in_help(db_path, clock) -> None:
    app = make_keyed_app(db_path, clock, {})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = help_text(app)
    heading = text.index(f"{keymap.STATES}\n")
    listed = text[heading:text.index("\n\n", heading)]
    assert listed.splitlines()[1:] == [f"  {key:<20} {what}" for key, what in (
        ("H", "Hold"), ("R", "Resume"), ("C", "Cancel"), ("B", "Mark rolled back"), ("O", "Reopen"))]
    board = text[text.index("Board\n"):text.index("\n\n", text.index("Board\n"))]
    assert "Hold" not in board, "not mixed into the board's own keys"
