"""The parsers of the commands that plan and spread releases: scope and release notes, the schedule
(windows, freezes, calendar), and what takes relmgr beyond one terminal (serve, events, digest). As in
`commands`, each handler is named, and imported only when its command runs."""

from __future__ import annotations

import argparse
from typing import Any

from relmgr_tui.cli.arguments import (
    DEFAULT_HOOK_TIMEOUT, DEFAULT_WEEKS, MAX_WEEKS, add_command, add_json, enum_type, event_id, seconds, whole_number)
from relmgr_tui.cli.options import database_options
from relmgr_tui.domain.model import ScopeStatus, ScopeType, Severity
from relmgr_tui.store.location import Missing


def _add_scope_fields(parser: argparse.ArgumentParser, adding: bool) -> None:
    """The options of `scope add` (with their defaults) and `scope set` (each optional)."""
    parser.add_argument("--title", required=adding, help="what it is, e.g. 'Card declined on retry'")
    parser.add_argument("--type", type=enum_type(ScopeType, "type"), default=ScopeType.FEATURE if adding else None,
                        help="feature" + (" (default)" if adding else "") + ", bug or chore")
    parser.add_argument("--status", type=enum_type(ScopeStatus, "status"),
                        default=ScopeStatus.OPEN if adding else None,
                        help="open" + (" (default)" if adding else "") + ", in-progress, done or deferred")
    severity = enum_type(Severity, "severity")
    parser.add_argument("--severity", type=lambda text: severity(text) if text.strip() else "",
                        help="bugs only: blocker, critical, major or minor" + ("" if adding else " ('' clears it)"))
    parser.add_argument("--url", help="where the tracker shows it (http or https)")


def add_scope_commands(commands: Any) -> None:
    """scope add/set/list/remove/move/defer/import: what a release contains."""
    parent = commands.add_parser("scope", help="what a release contains: features, bugs and chores by key",
                                 description="What a release contains: features, bugs and chores by their"
                                 " tracker key.", parents=[database_options(False)])
    actions = parent.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = add_command(actions, "add", "scope.cmd_scope_add", "add an item to a release's scope")
    add.add_argument("version")
    add.add_argument("key", help="the tracker key, e.g. PAY-123")
    _add_scope_fields(add, adding=True)
    change = add_command(actions, "set", "scope.cmd_scope_set", "change an item: its status, title, type, ...")
    change.add_argument("version")
    change.add_argument("key")
    _add_scope_fields(change, adding=False)
    listing = add_command(actions, "list", "scope.cmd_scope_list", "list a release's scope")
    listing.add_argument("version")
    add_json(listing)
    remove = add_command(actions, "remove", "scope.cmd_scope_remove", "remove an item entered by mistake")
    remove.add_argument("version")
    remove.add_argument("key")
    move = add_command(actions, "move", "scope.cmd_scope_move", "move an item to another release")
    move.add_argument("version")
    move.add_argument("key")
    move.add_argument("--to", required=True, metavar="VERSION")
    defer = add_command(actions, "defer", "scope.cmd_scope_defer",
                         "move every unfinished item (open, in progress) to another release, in one step")
    defer.add_argument("version")
    defer.add_argument("--to", required=True, metavar="VERSION")
    imports = add_command(actions, "import", "scope.cmd_scope_import",
                           "add or update items from standard input: a Jira CSV export or a JSON list")
    imports.add_argument("version")
    imports.add_argument("--format", choices=("csv", "json"), default="csv",
                         help="csv (default: Issue key, Summary, Issue Type, Status, Priority) or json")
    notes = add_command(commands, "notes", "scope.cmd_notes",
                         "release notes: the done scope items grouped by type, then the known issues")
    notes.add_argument("version")
    notes.add_argument("--format", choices=("md", "json"), default="md", help="md (default, Markdown) or json")


def add_schedule_commands(commands: Any) -> None:
    """schedule, freeze add/list/remove and calendar: when releases deploy, and when nothing may."""
    schedule = add_command(commands, "schedule", "schedule.cmd_schedule",
                           "set a release's deployment window and milestones, and show them")
    schedule.add_argument("version")
    schedule.add_argument("--window", metavar="START/END",
                          help="e.g. '2026-12-14 22:00/2026-12-15 01:00', local times in --zone")
    schedule.add_argument("--zone", metavar="ZONE", help="IANA zone of the times (default: config.toml's timezone)")
    schedule.add_argument("--clear-window", action="store_true", help="remove the deployment window")
    schedule.add_argument("--milestone", action="append", metavar="PHASE=DATE",
                          help="planned end of a phase, e.g. testing=2026-12-10 (PHASE=none clears; repeatable)")

    freeze = commands.add_parser("freeze", help="manage change freezes", description="Manage change freezes.",
                                 parents=[database_options(False)])
    actions = freeze.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = add_command(actions, "add", "schedule.cmd_freeze_add", "add a change freeze: no release deploys during it")
    add.add_argument("name")
    add.add_argument("--from", dest="starts", required=True, metavar="DATE[TIME]", help="first day (or moment)")
    add.add_argument("--to", dest="ends", required=True, metavar="DATE[TIME]",
                     help="last day, included (or the moment it ends)")
    add.add_argument("--reason", default="")
    add.add_argument("--exempt", action="append", metavar="KIND",
                     help="a kind that may still deploy (repeatable; default emergency; 'none': no exemption)")
    add.add_argument("--zone", metavar="ZONE", help="IANA zone of the dates (default: config.toml's timezone)")
    listing = add_command(actions, "list", "schedule.cmd_freeze_list", "list the change freezes")
    add_json(listing)
    remove = add_command(actions, "remove", "schedule.cmd_freeze_remove", "remove a change freeze")
    remove.add_argument("name")

    calendar = add_command(commands, "calendar", "schedule.cmd_calendar",
                           "print the release calendar: windows, target dates, freezes, holidays and clashes")
    calendar.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: this week's Monday)")
    calendar.add_argument("--weeks", type=whole_number(1, MAX_WEEKS, "weeks"), default=DEFAULT_WEEKS, help=f"how many weeks (default {DEFAULT_WEEKS})")
    out = calendar.add_mutually_exclusive_group()
    add_json(out)
    out.add_argument("--format", choices=("text", "ics"), default="text",
                     help="ics: an iCalendar file for Outlook, Google Calendar, Thunderbird")


def add_feed_commands(commands: Any) -> None:
    """serve, events and digest: relmgr beyond one terminal."""
    serve = add_command(commands, "serve", "serve.serve", "serve the board to a web browser (textual-serve)")
    serve.set_defaults(missing=Missing.CREATE_ON_WRITE)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; any other is reachable without a login)")
    serve.add_argument("--port", type=whole_number(1, 65535), default=8000, help="default 8000")

    events = add_command(commands, "events", "events.run_events", "print the audit events, oldest first")
    events.add_argument("--since", type=event_id, default=0, metavar="ID",
                        help="only the events after this event id (resume where a consumer stopped)")
    events.add_argument("--follow", action="store_true", help="keep waiting for new events")
    events.add_argument("--json", action="store_true", help="one JSON object per line")
    events.add_argument("--exec", metavar="CMD",
                        help="run CMD (through the shell) once per event, the event's JSON on its stdin;"
                        " a failing hook is retried with backoff, the events it was given are printed")
    events.add_argument("--hook-timeout", type=seconds, default=DEFAULT_HOOK_TIMEOUT, metavar="SECONDS",
                        help=f"stop a hook after this long and try again (default {DEFAULT_HOOK_TIMEOUT:g})")

    digest = add_command(commands, "digest", "report.cmd_digest",
                         "summarise the board for a morning mail: due dates, closed gates, decisions, conditions")
    digest.add_argument("--format", choices=("md", "json"), default="md")
