"""The calendar out of relmgr: text week by week, JSON for scripts, and an iCalendar file (RFC 5545, written by
the `icalendar` package) that Outlook, Google Calendar and Thunderbird import.

Each event's UID is the record's id (`release-7@relmgr`, `freeze-2@relmgr`), so importing a newer file
updates the events instead of adding copies; DTSTAMP is the clock handed in (the service's), so two exports
at one moment are byte for byte the same.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from relmgr_tui.domain.schedule import (
    CalendarEntry,
    CalendarSpan,
    Freeze,
    clashes,
    exempt_text,
    owner_clashes,
    window_data,
    zone_named,
)
from relmgr_tui.safe_text import printable

PRODID = "-//relmgr//release calendar//EN"


# -- text ------------------------------------------------------------------------------------------

def text_lines(span: CalendarSpan, today: date) -> list[str]:
    """Week by week, a line per day: its releases, freezes, holidays and clashes (words, not colours)."""
    zone = zone_named(span.zone)
    clashing = {e.release_id: other for a, b in clashes(span.entries) for e, other in ((a, b), (b, a))}
    lines = [f"Calendar {span.first_day} to {span.last_day} (times in {span.zone})"]
    day = span.first_day
    while day <= span.last_day:
        if day == span.first_day or day.weekday() == 0:
            lines += ["", f"Week {day.isocalendar().week} (from {day:%a %Y-%m-%d})"]
        lines.append(_day_line(span, day, zone, today, clashing))
        day += timedelta(days=1)
    return lines


def _day_line(span: CalendarSpan, day: date, zone: ZoneInfo, today: date,
              clashing: dict[int, CalendarEntry]) -> str:
    marks = [f"HOLIDAY {printable(name)}" for when, name in span.holidays if when == day]
    marks += [f"FREEZE {printable(f.name)}" for f in span.freezes if day in _freeze_days(f, zone)]
    for entry in span.entries:
        if day in entry.days(zone):
            clash = f" CLASH with {printable(clashing[entry.release_id].version)}" if entry.release_id in clashing else ""
            marks.append(f"{printable(entry.version)} {_when(entry, zone)} [{entry.phase.label}]{clash}")
    today_mark = " (today)" if day == today else ""
    return f"  {day:%a %Y-%m-%d}{today_mark}  " + ("; ".join(marks) or "-")


def _when(entry: CalendarEntry, zone: ZoneInfo) -> str:
    if entry.window is None:
        return "target date"
    start, end = entry.window.start.astimezone(zone), entry.window.end.astimezone(zone)
    return f"{start:%H:%M}-{end:%H:%M}" if start.date() == end.date() else f"{start:%m-%d %H:%M}-{end:%m-%d %H:%M}"


def _freeze_days(freeze: Freeze, zone: ZoneInfo) -> set[date]:
    first = freeze.starts.astimezone(zone).date()
    last = (freeze.ends - timedelta(microseconds=1)).astimezone(zone).date()
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


# -- JSON ------------------------------------------------------------------------------------------

def json_data(span: CalendarSpan) -> dict[str, Any]:
    """The span for scripts: times in UTC (ISO 8601) with the zones named, clashes as version pairs."""
    return {
        "from": span.first_day.isoformat(), "to": span.last_day.isoformat(), "zone": span.zone,
        "releases": [entry_data(e) for e in span.entries],
        "freezes": [freeze_data(f) for f in span.freezes],
        "holidays": [{"date": day.isoformat(), "name": name} for day, name in span.holidays],
        "clashes": [[a.version, b.version] for a, b in clashes(span.entries)],
        "owner_clashes": [[a.version, b.version] for a, b in owner_clashes(span.entries)],
    }


def entry_data(entry: CalendarEntry) -> dict[str, Any]:
    window = entry.window
    return {
        "id": entry.release_id, "version": entry.version, "title": entry.title, "owner": entry.owner,
        "kind": entry.kind.value, "phase": entry.phase.value, "state": entry.state.value,
        "window": window_data(window),
        "target_date": entry.target_date.isoformat() if entry.target_date else None,
    }


def freeze_data(freeze: Freeze) -> dict[str, Any]:
    return {"id": freeze.id, "name": freeze.name, "starts": freeze.starts.isoformat(),
            "ends": freeze.ends.isoformat(), "zone": freeze.zone, "dates": freeze.dates_text(),
            "reason": freeze.reason, "exempt": sorted(k.value for k in freeze.exempt_kinds)}


# -- iCalendar -------------------------------------------------------------------------------------

def ics(span: CalendarSpan, stamp: datetime) -> bytes:
    """An iCalendar file of the span's releases (on their windows, or all day on their target dates) and
    freezes; `stamp` is every event's DTSTAMP."""
    from icalendar import Calendar  # only `relmgr calendar --format ics` pays for it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "relmgr releases")
    for entry in span.entries:
        calendar.add_component(_release_event(entry, stamp))
    for freeze in span.freezes:
        calendar.add_component(_freeze_event(freeze, stamp))
    return calendar.to_ical()


def _release_event(entry: CalendarEntry, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"release-{entry.release_id}@relmgr")
    event.add("dtstamp", stamp)
    event.add("summary", f"Release {entry.version}" + (f": {entry.title}" if entry.title else ""))
    if entry.window is not None:
        event.add("dtstart", entry.window.start)
        event.add("dtend", entry.window.end)
    else:
        event.add("dtstart", entry.target_date)
        event.add("dtend", entry.target_date + timedelta(days=1))
    event.add("description", f"Version: {entry.version}\nPhase: {entry.phase.label}\nState: {entry.state.label}"
                             f"\nOwner: {entry.owner or '-'}\nKind: {entry.kind.value}")
    event.add("categories", ["release"])
    return event


def _freeze_event(freeze: Freeze, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"freeze-{freeze.id}@relmgr")
    event.add("dtstamp", stamp)
    event.add("summary", f"Change freeze: {freeze.name}")
    zone = zone_named(freeze.zone)
    starts, ends = freeze.starts.astimezone(zone), freeze.ends.astimezone(zone)
    whole_days = starts.time() == ends.time() == datetime.min.time()
    event.add("dtstart", starts.date() if whole_days else freeze.starts)
    event.add("dtend", ends.date() if whole_days else freeze.ends)
    reason = f"{freeze.reason}\n" if freeze.reason else ""
    event.add("description", f"{reason}Exempt kinds: {exempt_text(freeze.exempt_kinds)}")
    event.add("categories", ["freeze"])
    event.add("transp", "TRANSPARENT")
    return event
