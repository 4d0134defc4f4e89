"""Which keys the footer shows in the width it has. Pure: entries in, entries out.

Textual's Footer lays out every key and lets the last ones fall off the edge, cut mid-word (`/ F`,
`>< Advanc`). Here the keys are taken in priority order while they fit whole, and shown in their own
order: `? Help` first of all, since it lists every key the footer has no room for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

HELP_ID = "app.help"


@dataclass(frozen=True)
class FooterEntry:
    """One thing the footer says: a key (or a group of keys, `⇧↑⇧↓ Move`) and what it does."""

    keys: tuple[str, ...]
    """The keys as displayed, each sent by a click on it."""
    label: str
    binding_id: str | None = None
    enabled: bool = True
    sends: tuple[str, ...] = ()
    """The key each of `keys` stands for."""

    @property
    def width(self) -> int:
        """` k Label `: a blank either side of the keys and after the label."""
        return cell_len("".join(self.keys)) + cell_len(self.label) + 3


def choose(entries: Sequence[FooterEntry], width: int, first: Sequence[str] = ()) -> list[FooterEntry]:
    """The entries that fit in `width` cells, in their own order.

    Taken by priority: `? Help` always, then the binding ids in `first`, then the rest in order; an entry
    that does not fit is skipped, and a shorter one after it may still fit."""
    rank = {binding_id: index for index, binding_id in enumerate((HELP_ID, *first))}
    by_priority = sorted(entries, key=lambda entry: rank.get(entry.binding_id or "", len(rank)))
    chosen: set[int] = set()
    used = 0
    for entry in by_priority:
        if used + entry.width <= width or entry.binding_id == HELP_ID:
            chosen.add(id(entry))
            used += entry.width
    return [entry for entry in entries if id(entry) in chosen]
