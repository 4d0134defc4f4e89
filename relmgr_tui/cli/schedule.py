"""The schedule commands: `schedule` (a release's window and milestones), `freeze add/list/remove` and
`calendar` (text, JSON or an iCalendar file). Times are typed and shown in the user's zone (config.toml's
`timezone`, else the system's) unless `--zone` names another."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from relmgr_tui import calendar_out
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import print_json, print_lines
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, ReleaseDetail, ReleaseKind
from relmgr_tui.domain.schedule import exempt_text, parse_moment, parse_window, window_text, zone_named
from relmgr_tui.safe_text import printable

def milestone(text: str) -> tuple[Phase, date | None]:
    """PHASE=YYYY-MM-DD, or PHASE=none to clear it."""
    name, equals, value = text.partition("=")
    value = value.strip()
    if not equals or not value:
        raise InvalidInput(f"{text!r} is not a milestone: write PHASE=YYYY-MM-DD, or PHASE=none to clear it")
    phase = validation.choice(Phase, name.strip(), "phase")
    return phase, None if value.lower() == "none" else validation.optional_date(value, f"{phase.value} milestone")


def cmd_schedule(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    zone = args.zone or service.timezone.key
    zone_named(zone)
    if args.window and args.clear_window:
        raise InvalidInput("--window and --clear-window contradict each other: give one")
    milestones = [milestone(text) for text in args.milestone or ()]
    if args.window or args.clear_window:
        window = parse_window(args.window, zone) if args.window else None
        release = service.set_window(release.id, release.row_version, window)
    for phase, planned in milestones:
        service.set_milestone(release.id, phase, planned)
    print_lines(schedule_lines(service.detail(release.id), zone_named(service.timezone.key)))
    return 0


def schedule_lines(detail: ReleaseDetail, zone: ZoneInfo) -> list[str]:
    """The release's window (in the user's zone, and its own when it differs) and milestones."""
    release = detail.release
    lines = [f"{printable(release.version)}  {printable(release.title)}"]
    if release.window is None:
        lines.append("  window: none (`relmgr schedule VERSION --window START/END` sets one)")
    else:
        own = "" if release.window.zone == zone.key else f" (given as {window_text(release.window)})"
        lines.append(f"  window: {window_text(release.window, zone)}{own}")
    planned = {m.phase: m.planned for m in detail.milestones}
    lines += [f"  {phase.label} ends: {planned[phase]}" for phase in Phase if phase in planned]
    return lines if planned else lines + ["  milestones: none"]


def schedule_facts(detail: ReleaseDetail, zone: ZoneInfo) -> list[str]:
    """`show`'s schedule line: the window in the user's zone, and the milestones."""
    window = detail.release.window
    facts = [f"window {window_text(window, zone)}" if window else "no deployment window"]
    facts += [f"{m.phase.label} ends {m.planned}" for m in detail.milestones]
    return [f"  {' | '.join(facts)}"]


# -- freezes ---------------------------------------------------------------------------------------

def _exempt(values: list[str] | None) -> frozenset[ReleaseKind] | None:
    if values is None:
        return None
    if [v.lower() for v in values] == ["none"]:
        return frozenset()
    return frozenset(validation.choice(ReleaseKind, value, "exempt kind") for value in values)


def cmd_freeze_add(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    zone = zone_named(args.zone or service.timezone.key)
    starts, ends = parse_moment(args.starts, zone), parse_moment(args.ends, zone, end_of_day=True)
    if ends <= starts:
        raise InvalidInput(f"the freeze ends (--to {args.ends}) before it starts (--from {args.starts}):"
                           " give the first day first")
    exempt = _exempt(args.exempt)
    extra = {} if exempt is None else {"exempt": exempt}
    freeze = service.add_freeze(args.name, starts, ends, args.reason, zone=zone.key, **extra)
    print(f"Added change freeze {printable(freeze.name)!r} {freeze.dates_text()} ({freeze.zone});"
          f" exempt: {exempt_text(freeze.exempt_kinds)}.")
    return 0


def cmd_freeze_list(context: Context, args: argparse.Namespace) -> int:
    freezes = context.service.freezes()
    if args.json:
        print_json([calendar_out.freeze_data(f) for f in freezes])
        return 0
    if not freezes:
        print("No change freezes. `relmgr freeze add NAME --from DATE --to DATE` adds one.")
        return 0
    for freeze in freezes:
        reason = f": {printable(freeze.reason)}" if freeze.reason else ""
        print(f"{printable(freeze.name)}  {freeze.dates_text()} ({freeze.zone})  exempt:"
              f" {exempt_text(freeze.exempt_kinds)}{reason}")
    return 0


def cmd_freeze_remove(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    freeze = service.freeze(args.name)
    service.remove_freeze(freeze.id, freeze.row_version)
    print(f"Removed change freeze {printable(freeze.name)!r} ({freeze.dates_text()}).")
    return 0


# -- the calendar ----------------------------------------------------------------------------------

def cmd_calendar(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    today = service.clock().astimezone(service.timezone).date()
    first = validation.optional_date(args.start, "--from") if args.start else today - timedelta(days=today.weekday())
    span = service.calendar(first, first + timedelta(weeks=args.weeks, days=-1))
    if args.format == "ics":
        sys.stdout.flush()
        sys.stdout.buffer.write(calendar_out.ics(span, service.clock()))
    elif args.json:
        print_json(calendar_out.json_data(span))
    else:
        print_lines(calendar_out.text_lines(span, today))
    return 0
