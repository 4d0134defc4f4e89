"""Which cards the board shows in which column: the board's order, the filter's match, the counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.card_filter import CardFilter
from relmgr_tui.domain.model import Phase


def board_order(card: Card) -> tuple:
    """The order of the service's board: target date (none last), then version."""
    target = card.release.target_date
    return (target is None, target or date.min, card.release.version)


@dataclass
class Columns:
    """The cards each column shows (those the filter lets through) and how many each column holds."""

    shown: dict[Phase, list[Card]] = field(default_factory=lambda: defaultdict(list))
    totals: dict[Phase, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def shown_count(self) -> int:
        return sum(len(cards) for cards in self.shown.values())

    @property
    def total_count(self) -> int:
        return sum(self.totals.values())


def sort_into_columns(cards: Iterable[Card], wanted: CardFilter, first_counts: dict[Phase, int] | None) -> Columns:
    """The cards by phase, in the order given; `first_counts` (a quick start's real counts, while only
    the first cards are read) stand for the totals."""
    columns = Columns()
    for card in cards:
        columns.totals[card.release.phase] += 1
        if not wanted.active or wanted.matches(card):
            columns.shown[card.release.phase].append(card)
    if first_counts is not None:
        columns.totals.update(first_counts)
    return columns
