"""What a release card says, line by line, as (text, style-name) spans. Pure: no widget, no terminal.

Every status has words or a mark as well as a colour (NO_COLOR and 16-colour terminals lose the colour):
EMERGENCY, HOLD, LATE 3d / due 2d, risk:C, the gate as ✓ready or ✗3 (three blockers), !COND when a
condition of the GO is past its due date.
"""

from __future__ import annotations

from datetime import date

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.model import ReleaseKind, ReleaseState
from relmgr_tui.ui.text import due_label, printable, truncate

Span = tuple[str, str]
Line = list[Span]

WIDE = 20
"""Cards at least this wide show four lines; narrower ones (80 columns) show three."""


def card_height(width: int) -> int:
    """Lines per card including the blank line that separates cards."""
    return 5 if width >= WIDE else 4


def _spread(left: Line, right: Line, width: int) -> Line:
    """Left spans, then right spans flush right; the left side is cut first when space runs out."""
    right_len = sum(len(t) for t, _ in right)
    room = max(width - right_len - 1, 0)
    out: Line = []
    used = 0
    for text, style in left:
        piece = truncate(text, room - used)
        if piece:
            out.append((piece, style))
            used += len(piece)
        if used >= room:
            break
    gap = width - used - right_len
    if gap < 0:
        return out
    return [*out, (" " * gap, ""), *right]


def _tag(card: Card) -> Span:
    release = card.release
    if release.state is ReleaseState.ON_HOLD:
        return (" HOLD ", "hold")
    if release.kind is ReleaseKind.EMERGENCY:
        return (" EMERGENCY ", "emergency")
    return (release.kind.value, "dim")


def _due(card: Card, today: date) -> Span:
    words, urgency = due_label(card.release.target_date, today)
    if urgency == "overdue":
        return (f"! {words}", "overdue")
    if urgency == "soon":
        return (f"◷ {words}", "soon")
    return (words, "dim")


def _status(card: Card, width: int) -> Line:
    progress = f"{card.done}/{card.total}"
    band = card.highest_band
    risk = (f"risk:{band.letter}", f"band-{band.label}") if band else ("risk:-", "dim")
    if card.gate.open:
        gate = ("✓ready", "gate-open")
    else:
        gate = (f"✗{len(card.gate.blockers)}", "gate-blocked")
    fixed = len(progress) + 1 + len(risk[0]) + 1 + len(gate[0])
    bar_cells = min(5, width - fixed - 1)
    line: Line = [(progress, "")]
    if bar_cells >= 3 and card.total:
        filled = round(bar_cells * card.done / card.total)
        line += [(" ", ""), ("█" * filled, "progress"), ("░" * (bar_cells - filled), "dim")]
    return _spread(line, [risk, (" ", ""), gate], width)


def card_lines(card: Card, width: int, today: date) -> list[Line]:
    """The content lines of one card (without the separating blank line)."""
    release = card.release
    version = (printable(release.version), "version")
    title = [(printable(release.title) or "(no title)", "title" if release.title else "dim")]
    condition = [("!COND", "overdue")] if card.condition_overdue(today) else []
    if width >= WIDE:
        owner = [(printable(release.owner) or "no owner", "dim")]
        return [
            _spread([version], [_tag(card)], width),
            _spread(title, condition, width),
            _spread(owner, [_due(card, today)], width),
            _status(card, width),
        ]
    return [
        _spread([version], _due_mark(card, today), width),
        _spread(title, condition, width),
        _compact_status(card, width),
    ]


def _due_mark(card: Card, today: date) -> Line:
    _, urgency = due_label(card.release.target_date, today)
    return {"overdue": [("!LATE", "overdue")], "soon": [("◷soon", "soon")]}.get(urgency, [])


def _compact_status(card: Card, width: int) -> Line:
    """`3/6 C ✗2 EMRG` in 13 cells: progress, band letter, gate, and HOLD or EMRG."""
    band = card.highest_band
    risk = (band.letter, f"band-{band.label}") if band else ("-", "dim")
    gate = ("✓", "gate-open") if card.gate.open else (f"✗{len(card.gate.blockers)}", "gate-blocked")
    right: Line = [risk, (" ", ""), gate]
    if card.release.state is ReleaseState.ON_HOLD:
        right += [(" ", ""), ("HOLD", "hold")]
    elif card.release.kind is ReleaseKind.EMERGENCY:
        right += [(" ", ""), ("EMRG", "emergency")]
    return _spread([(f"{card.done}/{card.total}", "")], right, width)
