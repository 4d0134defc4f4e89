"""Fitting one card line into the cells it has. Pure: spans in, spans out.

A card line is something on the left (the version, the title, the owner, the progress) and badges on the
right. Each side comes in forms, longest first (`EMERGENCY`, `EMRG`, `!E`). The badges shrink to their
short forms first; only when the shortest badge leaves too little room does the left side shrink, through
its own forms and at last by a cut: a version keeps its distinctive end (`…1-hotfix.1`), other text its
start (`Notificati…`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Span = tuple[str, str]
"""Text and the name of its style (see card_styles.py); '' is the card's own style."""
Line = list[Span]
Cut = Callable[[str, int], str]

ELLIPSIS = "…"


def cells(line: Line) -> int:
    """How many cells a line takes (relmgr text is single-width)."""
    return sum(len(text) for text, _ in line)


def keep_start(text: str, width: int) -> str:
    """`Notificati…`: the start of the text, cut with an ellipsis."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def keep_end(text: str, width: int) -> str:
    """`…1-hotfix.1`: the end of the text, where versions differ from one another."""
    if width <= 0:
        return ""
    return text if len(text) <= width else ELLIPSIS + text[len(text) - width + 1:]


def spread(left: Line, right: Line, width: int) -> Line:
    """Left flush left, right flush right, blanks between (the caller has made them fit)."""
    gap = width - cells(left) - cells(right)
    return [*left, (" " * gap, ""), *right] if gap > 0 else [*left, *right]


def fit(lefts: Sequence[Line], rights: Sequence[Line], width: int, cut: Cut = keep_start) -> Line:
    """One line of `width` cells: the longest left form with the longest right form that fits beside it.

    The right side shrinks first, through every form, with the left side whole; then the left side shrinks
    beside the shortest right form; then the shortest left form is cut to what is left. A right form may
    be empty (a badge that can go); a left form of one span is what `cut` can shorten."""
    whole = lefts[0]
    for right in rights:
        if cells(whole) + _gap(right) + cells(right) <= width:
            return spread(whole, right, width)
    right = rights[-1] if rights else []
    room = width - cells(right) - _gap(right)
    for left in lefts[1:]:
        if cells(left) <= room:
            return spread(left, right, width)
    text, style = lefts[-1][0]
    return spread([(cut(text, room), style)], right, width)


def _gap(right: Line) -> int:
    """One blank between the two sides, when there is a right side."""
    return 1 if right else 0


def beside(first: Sequence[Line], second: Sequence[Line]) -> list[Line]:
    """Two badges side by side, shrinking together: the i-th form of each (or its shortest)."""
    if not first or not second:
        return list(first or second)
    count = max(len(first), len(second))
    return [_join(first[min(i, len(first) - 1)], second[min(i, len(second) - 1)]) for i in range(count)]


def _join(left: Line, right: Line) -> Line:
    return [*left, (" ", ""), *right] if left and right else [*left, *right]
