"""Key names as Textual reads them, and the keys that work everywhere.

A leaf of the UI: the help screen and the keymap registry both read it, and the app's own bindings live
here so that the registry can list them without importing the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.keys import Keys, _normalize_key_list, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(key.value for key in Keys)

EVERYWHERE = [
    Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    Binding("u", "undo", "Undo", id="app.undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="app.redo"),
    Binding("q", "quit", "Quit", id="app.quit"),
]
"""RelmgrApp's bindings: help, undo, redo and quit on every screen."""

WRITE_KEYS = frozenset({
    "app.undo", "app.redo",
    *(f"board.{name}" for name in ("new", "edit", "delete", "advance", "back", "hold", "resume", "cancel",
                                   "rolled_back")),
    *(f"workspace.{name}" for name in (
        "advance", "back", "hold", "resume", "cancel", "rolled_back", "reopen",
        "tick", "add_item", "edit_item", "remove_item", "item_up", "item_down", "owner",
        "add_risk", "edit_risk", "close_risk", "accept_risk",
        "add_step", "edit_step", "remove_step", "step_up", "step_down", "rehearse", "step_outcome",
        "add_scope", "edit_scope", "scope_status", "remove_scope", "move_scope", "defer_scope")),
    "review.tick", "review.note", "review.decide", "review.sign_off", "review.revoke_signoff",
    "archive.reopen", "archive.rolled_back",
    "post_review.edit", "post_review.add_action", "post_review.edit_action", "post_review.done",
    "freezes.add", "freezes.edit", "freezes.remove",
})
"""The keys that change data. While relmgr is read-only (presenter mode, or started `--read-only`) they
are left out of the footer and the help, and do nothing."""

if TYPE_CHECKING:
    from textual.dom import DOMNode


def hidden_while_read_only(node: DOMNode, action: str) -> bool:
    """For a `check_action`: `action` changes data and the app is read-only."""
    return action in _write_actions(type(node)) and node.app.read_only


@cache
def _write_actions(cls: type) -> frozenset[str]:
    """The action names (without arguments) of the write keys a screen or widget class binds."""
    bindings = [b for klass in cls.__mro__ for b in klass.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return frozenset(b.action.partition("(")[0] for b in bindings if b.id in WRITE_KEYS)


def keys_in_force(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger `binding` once `keymap` (checked, normalized) is applied."""
    keys = keymap.get(binding.id or "") or binding.key
    return _normalize_key_list(keys).split(",")


def bad_key(key: str) -> bool:
    """True unless `key` is a key name Textual knows: `x`, `?`, `f5`, `ctrl+right`, `question_mark`."""
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    if not name or not set(modifiers) <= MODIFIERS:
        return True
    return name not in NAMED_KEYS and key_to_character(name) is None
