"""Risk scoring: score = likelihood x impact; bands 1-4 low, 5-9 medium, 10-15 high, 16-25 critical."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Risk, RiskStatus
from relmgr_tui.domain.risk import (
    RiskBand,
    band_of,
    check_rating,
    heat_map,
    highest_live_band,
    sorted_by_score,
)


def risk(id: int, likelihood: int, impact: int, status: RiskStatus = RiskStatus.OPEN, title: str = "") -> Risk:
    return Risk(id, 1, title or f"risk {id}", likelihood, impact, status=status)


def test_score_is_likelihood_times_impact() -> None:
    assert risk(1, 3, 4).score == 12
    assert risk(2, 5, 5).score == 25


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, RiskBand.LOW), (4, RiskBand.LOW),
        (5, RiskBand.MEDIUM), (9, RiskBand.MEDIUM),
        (10, RiskBand.HIGH), (15, RiskBand.HIGH),
        (16, RiskBand.CRITICAL), (25, RiskBand.CRITICAL),
    ],
)
def test_band_edges(score: int, band: RiskBand) -> None:
    assert band_of(score) is band


@pytest.mark.parametrize("score", [0, 26, -3])
def test_band_of_rejects_impossible_scores(score: int) -> None:
    with pytest.raises(InvalidInput, match=f"between 1 and 25, not {score}"):
        band_of(score)


def test_bands_are_ordered_and_read_without_colour() -> None:
    assert RiskBand.LOW < RiskBand.MEDIUM < RiskBand.HIGH < RiskBand.CRITICAL
    assert [b.letter for b in RiskBand] == ["L", "M", "H", "C"]
    assert [b.label for b in RiskBand] == ["low", "medium", "high", "critical"]


def test_band_parse_accepts_any_case_and_names_the_choices() -> None:
    assert RiskBand.parse(" High ") is RiskBand.HIGH
    with pytest.raises(InvalidInput, match="unknown risk band 'severe': use one of low, medium, high, critical"):
        RiskBand.parse("severe")


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4)])
def test_check_rating_accepts_one_to_five(value: object, expected: int) -> None:
    assert check_rating("likelihood", value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "likelihood must be from 1 to 5, not 0"),
        (6, "likelihood must be from 1 to 5, not 6"),
        ("x", "likelihood must be a whole number from 1 to 5, not 'x'"),
        ("2.5", "likelihood must be a whole number from 1 to 5, not '2.5'"),
        ("", "likelihood must be a whole number from 1 to 5, not ''"),
    ],
)
def test_check_rating_rejects_with_a_sentence_naming_the_field(value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_rating("likelihood", value)
    assert str(caught.value) == message
    assert caught.value.field == "likelihood"


def test_heat_map_has_25_cells_and_counts_only_live_risks() -> None:
    risks = [
        risk(1, 5, 5),
        risk(2, 5, 5, RiskStatus.MITIGATING),
        risk(3, 5, 5, RiskStatus.CLOSED),
        risk(4, 1, 2),
        risk(5, 1, 2, RiskStatus.OCCURRED),
    ]
    cells = heat_map(risks)
    assert len(cells) == 25
    assert set(cells) == {(lk, im) for lk in range(1, 6) for im in range(1, 6)}
    assert cells[(5, 5)] == 2
    assert cells[(1, 2)] == 1
    assert cells[(2, 1)] == 0, "likelihood and impact are not interchangeable"
    assert sum(cells.values()) == 3


def test_highest_live_band_ignores_closed_risks() -> None:
    assert highest_live_band([]) is None
    assert highest_live_band([risk(1, 5, 5, RiskStatus.CLOSED)]) is None
    assert highest_live_band([risk(1, 5, 5, RiskStatus.CLOSED), risk(2, 2, 3)]) is RiskBand.MEDIUM
    assert highest_live_band([risk(1, 4, 4, RiskStatus.MITIGATING), risk(2, 2, 3)]) is RiskBand.CRITICAL


def test_sorted_by_score_puts_live_and_high_first_then_title() -> None:
    risks = [
        risk(1, 5, 5, RiskStatus.CLOSED, "closed big"),
        risk(2, 2, 2, title="small"),
        risk(3, 3, 3, title="b middle"),
        risk(4, 3, 3, title="A middle"),
    ]
    assert [r.title for r in sorted_by_score(risks)] == ["A middle", "b middle", "small", "closed big"]
