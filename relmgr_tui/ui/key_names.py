"""Key names as Textual reads them, and the keys that work everywhere.

A leaf of the UI: the help screen and the keymap registry both read it, and the app's own bindings live
here so that the registry can list them without importing the app.
"""

from __future__ import annotations

from collections.abc import Mapping

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
