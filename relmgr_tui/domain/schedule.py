"""When: deployment windows, milestones, change freezes and the calendar's span (issue #15).

Pure: standard library only (`zoneinfo` for the zones). Every moment is aware UTC; a zone is only how a
person typed or reads one. `Window` and `Milestone` live in model.py (a release carries them) and are
named here too, so that schedule code imports one module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Milestone, Phase, Release, ReleaseKind, ReleaseState, Window

__all__ = [
    "CalendarEntry", "CalendarSpan", "Freeze", "Milestone", "Window", "clashes", "owner_clashes", "parse_moment",
    "parse_window", "zone_named",
]

LONGEST_WINDOW = timedelta(days=7)
"""A deployment window longer than this is a typing mistake, and the calendar's index read relies on it."""

DEFAULT_EXEMPT = frozenset({ReleaseKind.EMERGENCY})
"""The kinds a freeze lets through unless told otherwise: emergency fixes."""

MAX_FREEZE_NAME = 80


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone `name` ("Europe/London"); InvalidInput naming it when there is none."""
    try:
        if name and "\0" not in name and not name.startswith(("/", ".")):
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    raise InvalidInput(f"unknown time zone {name!r}: give an IANA name such as Europe/London or UTC", field="zone")


def parse_moment(text: str, zone: ZoneInfo, *, end_of_day: bool = False) -> datetime:
    """'2026-12-14 22:00' (or '2026-12-14T22:00') in `zone`, as aware UTC. A bare date is the start of that
    day, or with `end_of_day` the start of the next one (so '--to 2027-01-04' includes the 4th)."""
    text = text.strip()
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            local = datetime.combine(day + timedelta(days=1) if end_of_day else day, time(0))
        else:
            local = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date or time: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM",
                           field="window") from None
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=zone).astimezone(UTC)


def parse_window(text: str, zone: str) -> Window:
    """A window typed as 'START/END' ('2026-12-14 22:00/2026-12-15 01:00'), local times in `zone`."""
    tz = zone_named(zone)
    start_text, slash, end_text = text.partition("/")
    if not slash or not start_text.strip() or not end_text.strip():
        raise InvalidInput(f"{text!r} is not a window: write START/END, such as"
                           " '2026-12-14 22:00/2026-12-15 01:00'", field="window")
    return checked_window(parse_moment(start_text, tz), parse_moment(end_text, tz, end_of_day=True), zone)


def checked_window(start: datetime, end: datetime, zone: str) -> Window:
    """A window from two aware moments, refused when reversed, empty or longer than LONGEST_WINDOW."""
    zone_named(zone)
    if end <= start:
        raise InvalidInput(f"the window ends ({_local(end, zone)}) before it starts ({_local(start, zone)}):"
                           " give the start first", field="window")
    if end - start > LONGEST_WINDOW:
        raise InvalidInput(f"a window of {(end - start).days} days is too long: a deployment window lasts at most"
                           f" {LONGEST_WINDOW.days} days", field="window")
    return Window(start.astimezone(UTC), end.astimezone(UTC), zone)


def _local(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(zone_named(zone)):%Y-%m-%d %H:%M}"


def window_text(window: Window, zone: ZoneInfo | None = None) -> str:
    """'2026-12-14 22:00 → 2026-12-15 01:00 Europe/London', in `zone` (default: the zone it was given in)."""
    tz = zone or zone_named(window.zone)
    start, end = window.start.astimezone(tz), window.end.astimezone(tz)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M} → {end_text} {tz.key}"


def window_data(window: Window | None, zone: ZoneInfo | None = None) -> dict[str, str] | None:
    """The window for JSON: UTC start and end, the zone it was given in, and in words in `zone`."""
    if window is None:
        return None
    return {"start": window.start.isoformat(), "end": window.end.isoformat(), "zone": window.zone,
            "text": window_text(window, zone)}


@dataclass(frozen=True, slots=True)
class Freeze:
    """A change freeze: no release whose kind it applies to deploys in [starts, ends)."""

    id: int
    name: str
    starts: datetime
    ends: datetime
    reason: str = ""
    exempt_kinds: frozenset[ReleaseKind] = field(default=DEFAULT_EXEMPT)
    row_version: int = 1
    zone: str = "UTC"
    """The IANA zone its dates were given in, and are shown in."""

    def applies_to(self, kind: ReleaseKind) -> bool:
        return kind not in self.exempt_kinds

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.starts < end and start < self.ends

    def dates_text(self, zone: ZoneInfo | None = None) -> str:
        """'2026-12-20 → 2027-01-04' (the last day included) when it runs whole days in `zone` (default: its
        own), else '2026-12-20 18:00 → 2026-12-21 06:00'."""
        zone = zone or zone_named(self.zone)
        starts, ends = self.starts.astimezone(zone), self.ends.astimezone(zone)
        if starts.time() == time(0) and ends.time() == time(0):
            return f"{starts:%Y-%m-%d} → {ends.date() - timedelta(days=1):%Y-%m-%d}"
        return f"{starts:%Y-%m-%d %H:%M} → {ends:%Y-%m-%d %H:%M}"


def exempt_text(kinds: Iterable[ReleaseKind]) -> str:
    return ", ".join(sorted(k.value for k in kinds)) or "none"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One release as the calendar places it: on its window or, without one, on its target date."""

    release_id: int
    version: str
    title: str
    owner: str
    kind: ReleaseKind
    phase: Phase
    state: ReleaseState
    window: Window | None
    target_date: date | None

    @classmethod
    def of(cls, release: Release) -> CalendarEntry:
        return cls(release.id, release.version, release.title, release.owner, release.kind, release.phase,
                   release.state, release.window, release.target_date)

    def days(self, zone: ZoneInfo) -> tuple[date, ...]:
        """The days in `zone` the release occupies."""
        if self.window is None:
            return (self.target_date,) if self.target_date else ()
        return window_days(self.window, zone)


@dataclass(frozen=True, slots=True)
class CalendarSpan:
    """What the calendar shows for days first_day..last_day (in `zone`, the user's)."""

    first_day: date
    last_day: date
    entries: tuple[CalendarEntry, ...] = ()
    freezes: tuple[Freeze, ...] = ()
    holidays: tuple[tuple[date, str], ...] = ()
    zone: str = "UTC"


def span_bounds(first_day: date, last_day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC moments from the start of `first_day` to the end of `last_day` in `zone`."""
    start = datetime.combine(first_day, time(0), zone).astimezone(UTC)
    end = datetime.combine(last_day + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def _overlapping_pairs(entries: Iterable[CalendarEntry], same_owner: bool) -> tuple[tuple[CalendarEntry, CalendarEntry], ...]:
    timed = sorted((e for e in entries if e.window is not None), key=lambda e: (e.window.start, e.release_id))
    pairs = []
    for n, first in enumerate(timed):
        for second in timed[n + 1:]:
            if second.window.start >= first.window.end:
                break
            if not same_owner or (first.owner and first.owner == second.owner):
                pairs.append((first, second))
    return tuple(pairs)


def clashes(entries: Iterable[CalendarEntry]) -> tuple[tuple[CalendarEntry, CalendarEntry], ...]:
    """Pairs of releases whose deployment windows overlap, earliest first."""
    return _overlapping_pairs(entries, same_owner=False)


def owner_clashes(entries: Iterable[CalendarEntry]) -> tuple[tuple[CalendarEntry, CalendarEntry], ...]:
    """Pairs whose windows overlap and whose owner is the same person: nobody deploys two at once."""
    return _overlapping_pairs(entries, same_owner=True)


def window_warnings(release: Release, neighbours: Iterable[CalendarEntry],
                    holidays: Iterable[tuple[date, str]]) -> tuple[str, ...]:
    """What the gate says of a window, without blocking: other releases deploying at the same time (and the
    owner deploying two at once), and public holidays it falls on."""
    window = release.window
    if window is None or not release.state.on_board:
        return ()
    warnings = []
    for other in sorted(neighbours, key=lambda e: (e.window.start, e.version)):
        if other.window is None or not window.overlaps(other.window.start, other.window.end):
            continue
        warnings.append(f"Deployment window clashes with {other.version}'s ({window_text(other.window)})")
        if release.owner and other.owner == release.owner:
            warnings.append(f"{release.owner} owns two windows at once: this one and {other.version}'s")
    warnings += [f"Deployment window falls on a public holiday: {day} {name}" for day, name in sorted(holidays)]
    return tuple(warnings)


def window_days(window: Window, zone: ZoneInfo | None = None) -> tuple[date, ...]:
    """The days the window touches in `zone` (default: its own)."""
    zone = zone or zone_named(window.zone)
    first = window.start.astimezone(zone).date()
    last = (window.end - timedelta(microseconds=1)).astimezone(zone).date()
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def planned_milestone(milestones: Iterable[Milestone], phase: Phase) -> date | None:
    return next((m.planned for m in milestones if m.phase is phase), None)
