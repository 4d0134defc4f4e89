"""What people type: versions, dates, texts, minutes and enum choices."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Outcome, Phase


@pytest.mark.parametrize("value", ["2.4.0", "2026.11-hotfix", "v3", "1.0.0+build.7", "R_12"])
def test_good_versions_are_kept(value: str) -> None:
    assert validation.version(f"  {value} ") == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "the version is required, e.g. 2.4.0"),
        ("   ", "the version is required, e.g. 2.4.0"),
        ("2.4 beta", "version '2.4 beta' may use letters, digits and . _ + - only"),
        ("-1.0", "version '-1.0' may use letters"),
        ("1.0/evil", "version '1.0/evil' may use letters"),
        ("[red]1[/]", "version '[red]1[/]' may use letters"),
        ("1" * 65, "at most 64"),
    ],
)
def test_bad_versions_are_refused_with_an_example(value: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.version(value)
    assert message in str(caught.value)
    assert caught.value.field == "version"


def test_version_of_64_characters_fits() -> None:
    assert validation.version("1" * 64) == "1" * 64


def test_dates() -> None:
    assert validation.optional_date("2026-12-31") == date(2026, 12, 31)
    assert validation.optional_date(" ") is None
    assert validation.optional_date(None) is None
    assert validation.optional_date(date(2026, 1, 2)) == date(2026, 1, 2)


@pytest.mark.parametrize(
    "value",
    ["31/12/2026", "2026-02-30", "tomorrow", "2026-13-01", "20260101", "2026-W01-1", "2026-001", "2026-1-5",
     "2026-12-31T10:00", "2026-12-31 10:00", "２０２６-１２-３１", "2026-12-31\n2027-01-01"],
)
def test_bad_dates_say_the_format(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validation.optional_date(value)
    assert str(caught.value) == f"target date {value!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-31"
    assert caught.value.field == "target date"


def test_required_and_bounded_text() -> None:
    assert validation.required_text("  Deploy  ", "item text") == "Deploy"
    with pytest.raises(InvalidInput, match="the item text is required"):
        validation.required_text("  ", "item text")
    with pytest.raises(InvalidInput, match="the title is 201 characters long; at most 200 fit"):
        validation.bounded_text("x" * 201, "title", 200)
    assert validation.bounded_text(None, "note") == ""


def test_minutes() -> None:
    assert validation.minutes("15") == 15
    assert validation.minutes("") == 0
    with pytest.raises(InvalidInput, match="whole number of minutes, not 'soon'"):
        validation.minutes("soon")
    with pytest.raises(InvalidInput, match="from 0 to 1440, not 1441"):
        validation.minutes(1441)


def test_choice_accepts_spellings_with_dash_and_space() -> None:
    assert validation.choice(Outcome, "conditional-go", "outcome") is Outcome.CONDITIONAL_GO
    assert validation.choice(Outcome, "Conditional Go", "outcome") is Outcome.CONDITIONAL_GO
    assert validation.choice(Phase, Phase.TESTING, "phase") is Phase.TESTING
    with pytest.raises(InvalidInput) as caught:
        validation.choice(Outcome, "maybe", "outcome")
    assert str(caught.value) == "outcome 'maybe' is not one of: go, conditional_go, no_go"
