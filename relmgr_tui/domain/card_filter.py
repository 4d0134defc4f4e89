"""The board filter's language, shared by the board's `/` box and `relmgr list --filter`.

Words narrow to cards whose version, title or owner contain each of them; facets ask about the release:
`late`, `due:7d`, `hold`, `emergency` (or `kind:KIND`), `risk:c` (or `risk:h+`: that band or above, among
the live risks), `owner:NAME`, `mine` (the configured manager_name), `blocked` and `ready` (gate open).
Everything typed must hold (AND). Pure: the caller hands in today and the manager's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.model import ReleaseKind, ReleaseState
from relmgr_tui.domain.risk import RiskBand

Test = Callable[[Card], bool]

FACETS = "late, due:7d, hold, emergency, kind:KIND, risk:c, risk:h+, owner:NAME, mine, blocked, ready"
"""What the filter knows besides words, as the messages name it."""

BAND_LETTERS = {band.letter.lower(): band for band in RiskBand} | {band.label: band for band in RiskBand}
DAYS = re.compile(r"(\d{1,4})d?")


class FilterProblem(ValueError):
    """A term the filter cannot use; the message names it and says what to type instead."""


@dataclass(frozen=True)
class CardFilter:
    """What a card must satisfy: every test, and every word somewhere in its version, title or owner."""

    tests: tuple[Test, ...] = ()
    words: tuple[str, ...] = ()
    problem: str = ""
    """The first term left out because it means nothing here ("" when every term was used)."""

    @property
    def active(self) -> bool:
        return bool(self.tests or self.words)

    def matches(self, card: Card) -> bool:
        release = card.release
        if self.words:
            haystack = f"{release.version}\n{release.title}\n{release.owner}".lower()
            if not all(word in haystack for word in self.words):
                return False
        return all(test(card) for test in self.tests)


def parse(text: str, today: date, manager_name: str = "") -> CardFilter:
    """The filter `text` asks for; a term that cannot be used is left out and named in `problem`."""
    tests: list[Test] = []
    words: list[str] = []
    problem = ""
    for term in text.lower().split():
        try:
            test = facet(term, today, manager_name)
        except FilterProblem as exc:
            problem = problem or str(exc)
            continue
        if test is None:
            words.append(term)
        else:
            tests.append(test)
    return CardFilter(tuple(tests), tuple(words), problem)


def facet(term: str, today: date, manager_name: str) -> Test | None:
    """The test a facet term stands for; None for a plain word. Raises FilterProblem for a bad facet."""
    if term in SIMPLE_FACETS:
        return SIMPLE_FACETS[term](today)
    if term == "mine":
        return _mine(manager_name)
    name, colon, value = term.partition(":")
    if not colon:
        return None
    if name not in VALUED_FACETS:
        raise FilterProblem(f"unknown filter '{name}:': try {FACETS}")
    return VALUED_FACETS[name](value, today)


def _late(today: date) -> Test:
    return lambda card: _on_board(card) and card.release.target_date is not None and card.release.target_date < today


def _due_within(value: str, today: date) -> Test:
    found = DAYS.fullmatch(value)
    if not found:
        raise FilterProblem(f"due:{value}: say within how many days, as in due:7d")
    last = today + timedelta(days=int(found.group(1)))
    return lambda card: _on_board(card) and card.release.target_date is not None and card.release.target_date <= last


def _kind(value: str, _today: date) -> Test:
    try:
        kind = ReleaseKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in ReleaseKind)
        raise FilterProblem(f"kind:{value}: use kind: with one of {kinds}") from None
    return lambda card: card.release.kind is kind


def _risk(value: str, _today: date) -> Test:
    band = BAND_LETTERS.get(value.removesuffix("+"))
    if band is None:
        raise FilterProblem(f"risk:{value}: use risk:l, risk:m, risk:h or risk:c, with + for that band or above")
    if value.endswith("+"):
        return lambda card: card.highest_band is not None and card.highest_band >= band
    return lambda card: card.highest_band is band


def _owner(value: str, _today: date) -> Test:
    if not value:
        raise FilterProblem("owner: needs a name, as in owner:ana")
    return lambda card: value in card.release.owner.lower()


def _mine(manager_name: str) -> Test:
    name = manager_name.strip().lower()
    if not name:
        raise FilterProblem("mine: no manager_name is set in config.toml; set it, or use owner:NAME")
    return lambda card: card.release.owner.strip().lower() == name


def _on_board(card: Card) -> bool:
    """A finished release has no due date left to be late for."""
    return card.release.state.on_board


SIMPLE_FACETS: dict[str, Callable[[date], Test]] = {
    "late": _late,
    "hold": lambda _today: lambda card: card.release.state is ReleaseState.ON_HOLD,
    "emergency": lambda _today: lambda card: card.release.kind is ReleaseKind.EMERGENCY,
    "blocked": lambda _today: lambda card: bool(card.gate.blockers),
    "ready": lambda _today: lambda card: card.gate.open,
}

VALUED_FACETS: dict[str, Callable[[str, date], Test]] = {
    "due": _due_within,
    "kind": _kind,
    "risk": _risk,
    "owner": _owner,
}
