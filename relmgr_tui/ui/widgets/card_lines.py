"""What a release card says, line by line, as (text, style-name) spans. Pure: no widget, no terminal.

Four lines at every width: the version and its kind or state, the title, the owner and the due date, the
progress with the risk and the gate. Every badge has a long and a short form (EMERGENCY, EMRG, !E;
! LATE 3d, !L3d); `card_fit.fit` picks what fits, so the version shows whole (or its distinctive end) and
the owner and date stay even in the 12 cells of an 80-column board.

Every status has words or a mark as well as a colour (NO_COLOR and 16-colour terminals lose the colour):
EMERGENCY, HOLD, LATE 3d / due 2d, risk:C, the gate as ✓ready or ✗3 (three blockers), !COND when a
condition of the GO is past its due date, SLIP 3d when the current phase is 3 days past its milestone.
"""

from __future__ import annotations

from datetime import date

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.model import ReleaseKind, ReleaseState
from relmgr_tui.ui.text import due_label, printable
from relmgr_tui.ui.widgets.card_fit import Line, beside, cells, fit, keep_end

CARD_HEIGHT = 5
"""Lines per card including the blank line that separates cards."""

TITLE_LEAST = 6
"""A badge beside the title shrinks only to leave the title this many cells: the title is cut first."""
BAR_CELLS = 5
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def card_lines(card: Card, width: int, today: date) -> list[Line]:
    """The content lines of one card (without the separating blank line)."""
    release = card.release
    version = [(printable(release.version), "version")]
    title = [(printable(release.title) or "(no title)", "title" if release.title else "dim")]
    condition = beside([[("!COND", "overdue")], [("!C", "overdue")]] if card.condition_overdue(today) else [],
                       slip_forms(card.slip(today)))
    tags = tag_forms(card)
    if tags[-1] and cells(version) + 1 + cells(tags[-1]) > width:
        tags, condition = [], beside(tags, condition)  # the version whole; HOLD or EMERGENCY goes down a line
    return [
        fit([version], tags, width, cut=keep_end),
        title_line(title, condition, width),
        fit(owner_forms(printable(release.owner)), due_forms(release.target_date, today), width),
        status_line(card, width),
    ]


def title_line(title: Line, badges: list[Line], width: int) -> Line:
    """The title, cut before its badges shrink, down to TITLE_LEAST cells."""
    if not badges:
        return fit([title], [], width)
    badge = next((form for form in badges if cells(form) + 1 + TITLE_LEAST <= width), badges[-1])
    return fit([title], [badge], width)


def slip_forms(days: int) -> list[Line]:
    """The current phase past its milestone, longest first: `SLIP 3d`, `!S3d`."""
    return [[(f"SLIP {days}d", "overdue")], [(f"!S{days}d", "overdue")]] if days else []


def tag_forms(card: Card) -> list[Line]:
    """The state or kind beside the version, longest first: HOLD and EMERGENCY stay, the kind can go."""
    release = card.release
    if release.state is ReleaseState.ON_HOLD:
        return [[(" HOLD ", "hold")], [("HOLD", "hold")], [("!H", "hold")]]
    if release.kind is ReleaseKind.EMERGENCY:
        return [[(" EMERGENCY ", "emergency")], [("EMRG", "emergency")], [("!E", "emergency")]]
    return [[(release.kind.value, "dim")], []]


def due_forms(target: date | None, today: date) -> list[Line]:
    """The due date, longest first: `! LATE 3d`, `LATE 3d`, `!L3d`; `2027-01-04`, `Jan 4`."""
    words, urgency = due_label(target, today)
    if target is None:
        return [[(words, "dim")], [("-", "dim")]]
    days = (target - today).days
    if urgency == "overdue":
        return [[(f"! {words}", "overdue")], [(words, "overdue")], [(f"!L{-days}d", "overdue")]]
    if urgency == "soon":
        return [[(f"◷ {words}", "soon")], [(words, "soon")], [(f"◷{days}d", "soon")]]
    return [[(words, "dim")], [(f"{MONTHS[target.month - 1]} {target.day}", "dim")]]


def owner_forms(owner: str) -> list[Line]:
    """The owner, longest first: `Sofia Lindqvist`, `Sofia L.`, `Sofia`, `SL` (then cut)."""
    if not owner.strip():
        return [[("no owner", "dim")], [("-", "dim")]]
    words = owner.split()
    forms = [owner]
    if len(words) > 1:
        forms += [f"{words[0]} {words[-1][0]}.", words[0], "".join(word[0] for word in words)]
    return [[(form, "dim")] for form in dict.fromkeys(forms)]


def status_line(card: Card, width: int) -> Line:
    """`3/6 ██░░░  risk:C ✗3`: the progress is never cut; the risk and the gate shrink, the bar comes last."""
    progress = f"{card.done}/{card.total}"
    band = card.highest_band
    risk_long, risk_short = (f"risk:{band.letter}", band.letter) if band else ("risk:-", "-")
    risk_style = f"band-{band.label}" if band else "dim"
    if card.gate.open:
        gate_long, gate_short, gate_style = "✓ready", "✓", "gate-open"
    else:
        gate_long = gate_short = f"✗{len(card.gate.blockers)}"
        gate_style = "gate-blocked"
    rights: list[Line] = [
        [(risk, risk_style), (" ", ""), (gate, gate_style)]
        for risk, gate in ((risk_long, gate_long), (risk_short, gate_long), (risk_short, gate_short))
    ]
    right = next((form for form in rights if len(progress) + 1 + cells(form) <= width), [])
    left: Line = [(progress, "title")]
    bar_cells = min(BAR_CELLS, width - len(progress) - cells(right) - 2)
    if bar_cells >= 3 and card.total:
        filled = round(bar_cells * card.done / card.total)
        left += [(" ", ""), ("█" * filled, "progress"), ("░" * (bar_cells - filled), "dim")]
    return fit([left], [right], width)
