"""Risk scoring: score = likelihood x impact, and the bands that scores fall into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import IntEnum

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Risk

SCALE = range(1, 6)


class RiskBand(IntEnum):
    """Ordered so that bands compare: CRITICAL > HIGH."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def letter(self) -> str:
        """One letter so a band reads without colour: L, M, H, C."""
        return self.name[0]

    @classmethod
    def parse(cls, text: str) -> RiskBand:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(b.label for b in cls)
            raise InvalidInput(f"unknown risk band {text!r}: use one of {names}") from None


def band_of(score: int) -> RiskBand:
    """1-4 low, 5-9 medium, 10-15 high, 16-25 critical."""
    if not 1 <= score <= 25:
        raise InvalidInput(f"a risk score is between 1 and 25, not {score}")
    if score <= 4:
        return RiskBand.LOW
    if score <= 9:
        return RiskBand.MEDIUM
    if score <= 15:
        return RiskBand.HIGH
    return RiskBand.CRITICAL


def check_rating(name: str, value: object) -> int:
    """Likelihood and impact are whole numbers from 1 to 5."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number from 1 to 5, not {value!r}", field=name) from None
    if number not in SCALE:
        raise InvalidInput(f"{name} must be from 1 to 5, not {number}", field=name)
    return number


def risk_band(risk: Risk) -> RiskBand:
    return band_of(risk.score)


def highest_live_band(risks: Iterable[Risk]) -> RiskBand | None:
    bands = [risk_band(r) for r in risks if r.status.is_live]
    return max(bands) if bands else None


def heat_map(risks: Iterable[Risk]) -> dict[tuple[int, int], int]:
    """Count of live risks per (likelihood, impact) cell; every one of the 25 cells is present."""
    counts = Counter((r.likelihood, r.impact) for r in risks if r.status.is_live)
    return {(lk, im): counts.get((lk, im), 0) for lk in SCALE for im in SCALE}


def sorted_by_score(risks: Iterable[Risk]) -> list[Risk]:
    """Highest score first; live risks before closed ones; ties by title."""
    return sorted(risks, key=lambda r: (not r.status.is_live, -r.score, r.title.lower(), r.id))
