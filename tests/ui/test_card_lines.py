"""What a card says at the widths of 80, 100 and 120 columns: the fitting is pure, so no app runs here.

12, 16 and 20 cells are what one card line has on a board 80, 100 and 120 columns wide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import Methodology, Phase, Release, ReleaseKind, ReleaseState
from relmgr_tui.domain.risk import RiskBand
from relmgr_tui.ui.widgets.card_fit import fit, keep_end, keep_start
from relmgr_tui.ui.widgets.card_lines import card_lines

TODAY = date(2026, 11, 26)
WIDTHS = (12, 16, 20)
LONG_VERSION = "2026.156.24.1-hotfix.1"
"""Longer than a card at 120 columns."""


def card(version="3.31.1-hotfix.1", kind=ReleaseKind.EMERGENCY, state=ReleaseState.ACTIVE, owner="Sofia Lindqvist",
         target=date(2026, 11, 23), done=0, total=2, band=RiskBand.CRITICAL, blockers=("x", "y"),
         conditions_due=date(2026, 11, 20), milestone_due=None) -> Card:
    moment = datetime(2026, 11, 1)
    release = Release(1, version, "Hotfix: card payments time out", kind, Methodology.WATERFALL, Phase.BUILDING,
                      state, owner, target, "", moment, moment)
    gate = GateReport(Phase.BUILDING, Phase.TESTING, Methodology.WATERFALL, blockers)
    return Card(release, done, total, band, gate, conditions_due, milestone_due)


def text(line) -> str:
    return "".join(piece for piece, _ in line)


def lines(c: Card, width: int) -> list[str]:
    drawn = [text(line) for line in card_lines(c, width, TODAY)]
    assert all(len(line) == width for line in drawn), drawn  # every line fills its card exactly
    return drawn


def test_fit_shrinks_the_badge_before_the_text():
    badges = [[("EMERGENCY", "")], [("EMRG", "")], [("!E", "")]]
    assert text(fit([[("3.1.0", "")]], badges, 16)) == "3.1.0  EMERGENCY"
    assert text(fit([[("3.1.0", "")]], badges, 12)) == "3.1.0   EMRG"
    assert text(fit([[("13.31.0", "")]], badges, 10)) == "13.31.0 !E"
    assert text(fit([[("3.31.1-hotfix", "")]], badges, 12, cut=keep_end)) == "…1-hotfix !E"


def test_cuts_keep_the_start_of_words_and_the_end_of_versions():
    assert keep_start("Notifications", 8) == "Notific…"
    assert keep_end(LONG_VERSION, 12) == "….1-hotfix.1"
    assert keep_end("3.1.0", 12) == "3.1.0"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_version_that_fits_is_whole_and_its_badge_moves_down_a_line_rather_than_cut_it(width):
    first, second, *_ = lines(card(), width)
    if width >= len("3.31.1-hotfix.1 !E"):
        assert first.startswith("3.31.1-hotfix.1 ")  # room for both: the badge stays beside it
        return
    if width >= len("3.31.1-hotfix.1"):
        assert first.strip() == "3.31.1-hotfix.1"
    else:
        assert first.strip() == "…" + "3.31.1-hotfix.1"[-(width - 1):]
    assert "EMRG" in second or "!E" in second  # the emergency is still said, beside the title
    assert "!C" in second  # and so is the overdue condition


@pytest.mark.parametrize("width", WIDTHS)
def test_a_version_longer_than_the_card_shows_its_distinctive_end(width):
    first = lines(card(version=LONG_VERSION), width)[0]
    assert first.startswith("…") and first.rstrip().endswith("1-hotfix.1")


@pytest.mark.parametrize("width", WIDTHS)
def test_owner_and_date_stay_on_the_card_at_every_width(width):
    owner_line = lines(card(), width)[2]
    assert owner_line.startswith(("Sofia", "SL")) and owner_line.endswith(("LATE 3d", "!L3d"))
    on_time = lines(card(target=date(2027, 1, 4)), width)[2]
    assert on_time.endswith(("2027-01-04", "Jan 4"))


def test_shortened_owners_keep_the_first_name():
    assert lines(card(), 12)[2] == "Sofia   !L3d"
    assert lines(card(), 16)[2] == "Sofia L.    !L3d"
    assert lines(card(owner=""), 20)[2].startswith("no owner")
    assert lines(card(owner=""), 12)[2].startswith("- ")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_progress_is_never_cut(width):
    status = lines(card(done=10, total=12, blockers=tuple("abcdefghijkl")), width)[3]
    assert status.startswith("10/12") and status.endswith("✗12")


@pytest.mark.parametrize("width", WIDTHS)
def test_hold_wins_over_the_kind_and_stays_at_every_width(width):
    held = lines(card(version="3.36.1", kind=ReleaseKind.PATCH, state=ReleaseState.ON_HOLD), width)
    assert "HOLD" in held[0]


def test_a_short_version_keeps_its_kind_and_the_whole_badge():
    wide = lines(card(version="3.1.0"), 20)
    assert wide[0] == "3.1.0     EMERGENCY "
    assert lines(replace(card(version="3.1.0", kind=ReleaseKind.PATCH)), 12)[0] == "3.1.0  patch"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_phase_past_its_milestone_says_its_slip_in_days_and_keeps_the_version_whole(width):
    slipped = lines(card(version="3.1.0", milestone_due=date(2026, 11, 23), conditions_due=None), width)
    assert slipped[0].startswith("3.1.0 ")
    assert slipped[1].endswith(("SLIP 3d", "!S3d"))
    both = lines(card(version="3.31.1-hotfix.1", milestone_due=date(2026, 11, 23)), width)
    assert "3.31.1-hotfix.1"[-(width - 1):] in both[0]
    assert "!C" in both[1] and ("S3d" in both[1] or "SLIP 3d" in both[1])  # the condition and the slip


def test_no_slip_before_the_milestone_nor_off_the_board():
    assert "S" not in lines(card(version="3.1.0", milestone_due=TODAY, conditions_due=None), 20)[1][-8:]
    released = card(version="3.1.0", state=ReleaseState.RELEASED, milestone_due=date(2026, 11, 1))
    assert "SLIP" not in "".join(lines(released, 20))
