"""Delivery metrics: the period they cover, what each figure means (said once, here, for the report, its
JSON and the metrics screen alike), and the figures as the store computes them.

The store computes every figure in SQL (store/metrics.py); this module only defines and words them.
Percentiles are nearest-rank: of n values sorted, the p-th percentile is the one at rank ceil(p * n / 100),
so a median of 4 values is the 2nd.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, ReleaseKind
from relmgr_tui.domain.wording import plural

PERIOD_DAYS = (30, 90, 365)
"""The periods the metrics screen offers, shortest first."""

DEFINITIONS: dict[str, str] = {
    "releases_per_week": (
        "Releases released in each week of the period, by the day they were released (released_at); weeks"
        " are counted from the period's first day. A rolled-back release keeps the day it was released; a"
        " fix-forward counts on the day it was released again."),
    "lead_time": (
        "Days from a release's creation to its release, for the releases released in the period, by kind:"
        " the median and the 90th percentile (nearest rank: of n sorted values, the one at rank"
        " ceil(p * n / 100))."),
    "time_in_phase": (
        "Days spent in each phase, from the audit log's phase moves (created, moved forward or back, rolled"
        " back, reopened, cancelled, and their undo), for every stay in a phase that ended in the period: the"
        " total, the number of stays and the median stay. Time on hold counts in the phase it was held in."),
    "change_failure_rate": (
        "Releases rolled back out of released during the period, as a share of the releases released during"
        " the period."),
    "time_to_restore": (
        "Days from a rollback out of released (during the period) to the same release's next release, the"
        " fix-forward (reopened into Preparing and released again): the median, over those fixed forward."),
    "on_time_rate": (
        "Share of the releases released in the period that have a target date and were released on or"
        " before it (the UTC day of released_at)."),
    "gate_overrides": (
        "Phase moves forward during the period made over open gate blockers, as a share of all moves"
        " forward: an agile override with a written reason, or a GO taken over blockers (audit action"
        " release.override)."),
    "risks_occurred": (
        "Risks marked occurred on the releases that ended (released, rolled back or cancelled) in the"
        " period."),
}
"""Every metric's definition, by the key it has in the JSON report."""

TITLES: dict[str, str] = {
    "releases_per_week": "Releases per week",
    "lead_time": "Lead time (created to released)",
    "time_in_phase": "Time in each phase",
    "change_failure_rate": "Change failure rate",
    "time_to_restore": "Time to restore (rollback to fix-forward)",
    "on_time_rate": "On-time rate",
    "gate_overrides": "Gate overrides",
    "risks_occurred": "Risks that occurred",
}

_DAYS_AGO = re.compile(r"(\d{1,5})d")


# -- the period -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Period:
    """From `start` (midnight UTC, included) to `end` (now, excluded)."""

    start: datetime
    end: datetime

    @classmethod
    def since_day(cls, day: date, now: datetime) -> Period:
        if day > now.astimezone(UTC).date():
            raise InvalidInput(f"--since {day.isoformat()} is in the future: give a past day or a number of days"
                               " such as 90d")
        return cls(datetime.combine(day, time(), UTC), now.astimezone(UTC))

    @classmethod
    def last_days(cls, days: int, now: datetime) -> Period:
        """Today and the `days` days before it."""
        if days < 1:
            raise InvalidInput("a period is at least one day: give a number of days such as 90d")
        return cls.since_day(now.astimezone(UTC).date() - timedelta(days=days), now)

    @property
    def weeks(self) -> int:
        """Weeks of the period, the last one maybe partial."""
        return -(-(self.end - self.start) // timedelta(weeks=1)) or 1

    def week_start(self, week: int) -> date:
        return self.start.date() + timedelta(weeks=week)

    def wording(self) -> str:
        return f"{self.start.date().isoformat()} to {self.end.date().isoformat()}"


def parse_since(text: str, now: datetime) -> Period:
    """`90d` (today and the 90 days before) or `YYYY-MM-DD` (from that day); InvalidInput naming the form."""
    text = text.strip()
    days = _DAYS_AGO.fullmatch(text)
    if days:
        return Period.last_days(int(days.group(1)), now)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--since {text!r} is neither a number of days nor a date: give e.g. 90d or"
                           " 2026-09-01") from None
    return Period.since_day(day, now)


def parse_kind(text: str | None) -> ReleaseKind | None:
    if text is None:
        return None
    try:
        return ReleaseKind(text.strip().lower())
    except ValueError:
        names = ", ".join(k.value for k in ReleaseKind)
        raise InvalidInput(f"--kind {text!r} is not a release kind: give one of {names}") from None


# -- the figures ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Share:
    """`part` of `whole`, e.g. 3 rollbacks of 40 releases."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None

    def wording(self, part: str, whole: str) -> str:
        if not self.whole:
            return f"no {whole}"
        return f"{self.percent:g}% ({self.part} {part} of {self.whole} {whole})"


@dataclass(frozen=True, slots=True)
class WeekCount:
    start: date
    releases: int


@dataclass(frozen=True, slots=True)
class LeadTime:
    kind: str
    """A ReleaseKind's value, or "all"."""
    releases: int
    median_days: float
    p90_days: float


@dataclass(frozen=True, slots=True)
class PhaseTime:
    phase: Phase
    stays: int
    total_days: float
    median_days: float | None


@dataclass(frozen=True, slots=True)
class Restore:
    rollbacks: int
    fixed: int
    median_days: float | None


@dataclass(frozen=True, slots=True)
class Metrics:
    """Every figure of one period (and one kind, if chosen)."""

    period: Period
    kind: ReleaseKind | None
    released: int
    per_week: tuple[WeekCount, ...]
    lead_times: tuple[LeadTime, ...]
    """"all" first, then each kind released in the period."""
    phase_times: tuple[PhaseTime, ...]
    """Every phase, in order."""
    change_failure: Share
    restore: Restore
    on_time: Share
    overrides: Share
    risks_occurred: int

    def sentences(self) -> dict[str, list[str]]:
        """Each metric's figures in words, by its key: what the report prints and every chart states."""
        return {
            "releases_per_week": [f"{self.released} released in {plural(self.period.weeks, 'week')}"
                                  f" ({self.released / self.period.weeks:.1f} a week)"]
                                 + [f"week of {w.start.isoformat()}: {w.releases}" for w in self.per_week],
            "lead_time": [f"{lt.kind}: median {days(lt.median_days)}, 90th percentile {days(lt.p90_days)}"
                          f" ({lt.releases} released)" for lt in self.lead_times] or ["nothing released"],
            "time_in_phase": [f"{pt.phase.label}: {days(pt.total_days)} in {pt.stays} stays, median"
                              f" {days(pt.median_days)}" for pt in self.phase_times],
            "change_failure_rate": [self.change_failure.wording("rolled back", "released")],
            "time_to_restore": [f"{self.restore.fixed} of {self.restore.rollbacks} rollbacks fixed forward,"
                                f" median {days(self.restore.median_days)}"],
            "on_time_rate": [self.on_time.wording("on time", "released with a target date")],
            "gate_overrides": [self.overrides.wording("over blockers", "moves forward")],
            "risks_occurred": [f"{plural(self.risks_occurred, 'risk')} occurred"],
        }

    def as_json(self) -> dict[str, object]:
        """Every metric with its definition: the JSON report."""
        figures: dict[str, object] = {
            "releases_per_week": {"released": self.released, "weeks": [
                {"start": w.start.isoformat(), "releases": w.releases} for w in self.per_week]},
            "lead_time": [asdict(lt) for lt in self.lead_times],
            "time_in_phase": [{**asdict(pt), "phase": pt.phase.value} for pt in self.phase_times],
            "change_failure_rate": _share(self.change_failure, "rolled_back", "released"),
            "time_to_restore": asdict(self.restore),
            "on_time_rate": _share(self.on_time, "on_time", "released_with_target"),
            "gate_overrides": _share(self.overrides, "overrides", "moves_forward"),
            "risks_occurred": {"risks": self.risks_occurred},
        }
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "kind": self.kind.value if self.kind else None,
            "metrics": {key: {"title": TITLES[key], "definition": DEFINITIONS[key], "figures": value}
                        for key, value in figures.items()},
        }


def _share(share: Share, part: str, whole: str) -> dict[str, object]:
    return {part: share.part, whole: share.whole, "percent": share.percent}


def days(value: float | None) -> str:
    """'3.5 days', '1 day', '5 h' under a day, '-' for no value."""
    if value is None:
        return "-"
    if 0 < value < 1:
        return f"{value * 24:.0f} h"
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"
