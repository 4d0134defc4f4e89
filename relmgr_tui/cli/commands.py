"""The subcommands' parsers: every command, its options, and the handler (in the module of its group)
that runs it. Only a command line with a command imports this module: opening the board needs none of it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from relmgr_tui import export
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli import (
    audit,
    checklist,
    data,
    evidence,
    feeds,
    lifecycle,
    meeting,
    phases,
    releases,
    report,
    review,
    risks,
    schedule,
    scope,
    signoff,
)
from relmgr_tui.cli.options import database_options
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import (
    Methodology, Outcome, Phase, ReleaseKind, RiskOutcome, RiskResponse, ScopeStatus, ScopeType, Severity)
from relmgr_tui.minutes import FORMATS as MINUTES_FORMATS
from relmgr_tui.store.location import Missing

Handler = Callable[[Context, argparse.Namespace], int]
MAX_DEMO_RELEASES = 100_000


def _enum_type(enum_type: type, name: str) -> Callable[[str], Any]:
    """An argparse type that accepts an enum value in any case, with - or _ (e.g. Testing, conditional-go)."""

    def parse(text: str) -> Any:
        try:
            return validation.choice(enum_type, text, name)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _release_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= MAX_DEMO_RELEASES:
        raise argparse.ArgumentTypeError(f"choose from 1 to {MAX_DEMO_RELEASES}, not {count}")
    return count


def _add_command(commands: Any, name: str, handler: Handler, summary: str) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary, parents=[database_options(False)])
    parser.set_defaults(handler=handler, missing=Missing.REFUSE)
    return parser


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


TRANSITION_SUMMARIES = {
    Transition.HOLD: "put a release on hold: it keeps its phase and cannot move until resumed",
    Transition.RESUME: "take a release off hold",
    Transition.CANCEL: "cancel a release: it leaves the board for the archive",
    Transition.ROLL_BACK: "mark a release rolled back (from Deploying, or recently released)",
    Transition.REOPEN: "put a cancelled release back on the board, or a rolled-back one in Preparing",
}


def _add_transitions(commands: Any) -> None:
    for transition, summary in TRANSITION_SUMMARIES.items():
        parser = _add_command(commands, transition.command, lifecycle.cmd_transition, summary)
        parser.set_defaults(transition=transition.value)
        parser.add_argument("version")
        if transition.needs_reason:
            parser.add_argument("--reason", default="", help="why (required; shown on the card and logged)")
        if transition is Transition.HOLD:
            parser.add_argument("--until", metavar="YYYY-MM-DD", help="when the hold is expected to end")
        if transition is Transition.ROLL_BACK:
            parser.add_argument("--executed", default="", metavar="N[,N...]",
                                help="the rollback steps that were run, by number (they are marked executed)")


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Every subcommand, with its options, on the top-level parser."""
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    info = _add_command(commands, "info", releases.cmd_info, "show the version, database, config file and counts")
    info.set_defaults(missing=Missing.READ_EMPTY)
    _add_json(info)

    new = _add_command(commands, "new", releases.cmd_new, "create a release with the standard checklists of its kind")
    new.set_defaults(missing=Missing.CREATE_ON_WRITE)
    new.add_argument("version", help="e.g. 2.4.0 or 2026.11-hotfix")
    new.add_argument("--title", default="")
    new.add_argument("--kind", type=_enum_type(ReleaseKind, "kind"), default=ReleaseKind.MINOR,
                     help="major, minor (default), patch or emergency")
    new.add_argument("--methodology", type=_enum_type(Methodology, "methodology"),
                     help="waterfall (gates enforced) or agile (gates advise); default from config.toml")
    new.add_argument("--target", metavar="YYYY-MM-DD", help="target release date")
    new.add_argument("--owner", help="release owner (default: manager_name from config.toml)")
    new.add_argument("--summary", default="", help="business case and scope")

    edit = _add_command(commands, "edit", releases.cmd_edit, "change a release's title, kind, methodology, owner,"
                        " target date, summary or version")
    edit.add_argument("version")
    edit.add_argument("--new-version", metavar="VERSION", help="rename the release")
    edit.add_argument("--title")
    edit.add_argument("--kind", type=_enum_type(ReleaseKind, "kind"), help="major, minor, patch or emergency")
    edit.add_argument("--methodology", type=_enum_type(Methodology, "methodology"),
                      help="waterfall or agile; after Planning it needs --reason")
    edit.add_argument("--target", metavar="YYYY-MM-DD", help="target release date ('' clears it)")
    edit.add_argument("--owner")
    edit.add_argument("--summary")
    edit.add_argument("--reason", default="", help="why (required to change the methodology after Planning)")
    edit.add_argument("--apply-templates", action="store_true",
                      help="give the phases not yet reached the checklists of the (new) kind; ticked items and"
                           " items added by hand are kept")

    listing = _add_command(commands, "list", releases.cmd_list, "list the releases on the board")
    listing.add_argument("--phase", type=_enum_type(Phase, "phase"), help="only releases in this phase")
    listing.add_argument("--all", action="store_true", help="include released, rolled back and cancelled releases")
    listing.add_argument("--filter", default="", metavar="TERMS",
                         help="as the board's / box: words and late, due:7d, hold, emergency, kind:KIND, risk:c,"
                              " risk:h+, owner:NAME, mine, blocked, ready (all must hold)")
    _add_json(listing)

    show = _add_command(commands, "show", releases.cmd_show, "show a release: checklists, risks, rollback, decisions, gate")
    show.add_argument("version")
    _add_json(show)

    for name, handler, summary in (
        ("check", checklist.cmd_check, "tick a checklist item"),
        ("uncheck", checklist.cmd_uncheck, "untick a checklist item"),
    ):
        item = _add_command(commands, name, handler, summary)
        item.add_argument("version")
        item.add_argument("item", help="the item's number in its phase, or a unique piece of its text")
        item.add_argument("--phase", type=_enum_type(Phase, "phase"), help="default: the release's current phase")
        if name == "check":
            item.add_argument("--evidence", default="", metavar="URL",
                              help="what proves it (http/https, e.g. the CI run); credentials and tokens are dropped")
            item.add_argument("--note", default="", help="what the evidence says, e.g. '1,423 passed'")

    for name, handler, summary in (
        ("advance", phases.cmd_advance, "move a release to the next phase through its gate"),
        ("back", phases.cmd_back, "move a release back one phase"),
    ):
        move = _add_command(commands, name, handler, summary)
        move.add_argument("version")
        move.add_argument("--reason", default="", help="why (recorded in the audit log; overrides an agile gate)")

    _add_transitions(commands)
    schedule.add_schedule_commands(commands, _add_command, _add_json)

    risk = commands.add_parser("risk", help="manage the risk register", description="Manage the risk register.",
                               parents=[database_options(False)])
    risk_actions = risk.add_subparsers(title="actions", metavar="ACTION", required=True)
    risk_add = _add_command(risk_actions, "add", risks.cmd_risk_add, "add a risk to a release's register")
    risk_add.add_argument("version")
    risk_add.add_argument("title")
    risk_add.add_argument("--likelihood", required=True, metavar="1-5")
    risk_add.add_argument("--impact", required=True, metavar="1-5")
    risk_add.add_argument("--owner", default="")
    risk_add.add_argument("--category", default="")
    risk_add.add_argument("--description", default="", help="cause and effect")
    risk_add.add_argument("--response", type=_enum_type(RiskResponse, "response"), default=RiskResponse.REDUCE,
                          help="avoid, reduce (default), transfer or accept")
    risk_add.add_argument("--mitigation", default="")
    risk_add.add_argument("--contingency", default="")
    _add_meeting_commands(commands, risk_actions)
    _add_signoff_commands(commands)

    backup = _add_command(commands, "backup", data.cmd_backup, "copy the SQLite database consistently to a file")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="replace an older relmgr backup at PATH")

    demo_parser = _add_command(commands, "demo", data.cmd_demo, "add realistic demo releases to the database")
    demo_parser.set_defaults(missing=Missing.CREATE_ON_WRITE)
    demo_parser.add_argument("--releases", type=_release_count, default=200, metavar="N",
                             help="how many releases to add (default 200)")
    demo_parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same releases")

    export_parser = _add_command(commands, "export", data.cmd_export, "print a release as Markdown, JSON or TOML")
    export_parser.add_argument("version")
    export_parser.add_argument("--format", choices=export.FORMATS, default="md")

    minutes_parser = _add_command(commands, "minutes", data.cmd_minutes,
                                  "print the minutes of a release's last go/no-go decision")
    minutes_parser.add_argument("version")
    minutes_parser.add_argument("--format", choices=MINUTES_FORMATS, default="md")

    log = _add_command(commands, "log", audit.cmd_log, "print the audit log (of one release): who, when, what, old"
                       " and new, oldest first")
    log.add_argument("version", nargs="?", help="only this release's events")
    log.add_argument("--since", metavar="YYYY-MM-DD", help="only events from the start of this day (local time)")
    log_format = log.add_mutually_exclusive_group()
    log_format.add_argument("--json", action="store_true", help="a JSON list of the events")
    log_format.add_argument("--format", choices=("text", "csv"), default="text", help="text (default) or csv")

    pack = _add_command(commands, "evidence", evidence.cmd_evidence,
                        "the evidence pack of a release: canonical JSON of everything recorded, and its SHA-256")
    pack.add_argument("version")
    pack.add_argument("--output", metavar="FILE", help="write the canonical JSON to FILE (a new file)")
    pack.add_argument("--json", action="store_true", help="print the hash and the pack (or, with --verify, the"
                      " result) as JSON")
    pack.add_argument("--verify", action="store_true",
                      help="compare what was recorded before the release with the hash taken when it was"
                      " released; exit 1 if anything changed")

    metrics = _add_command(commands, "report", report.cmd_report, "the delivery metrics of a period (releases per"
                           " week, lead time, time in each phase, change failure rate, time to restore, on-time"
                           " rate, gate overrides, risks that occurred), each with its definition")
    metrics.add_argument("--since", default="90d", metavar="90d|YYYY-MM-DD",
                         help="today and this many days before it, or from this day (UTC); default 90d")
    metrics.add_argument("--kind", metavar="KIND", help="only releases of this kind (major, minor, patch, emergency)")
    metrics.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")

    _add_scope_commands(commands)
    _add_review(commands)
    feeds.add_feed_commands(commands, _add_command)

    copy_parser = commands.add_parser(
        "copy", help="copy a whole database into an empty one (SQLite <-> PostgreSQL)",
        description="Copy every row into an empty database in one transaction, checking row counts.")
    copy_parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy_parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    copy_parser.set_defaults(handler=None, standalone=data.cmd_copy)


def _action_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an action number: use the number printed before it")
    return number


def _add_review(commands: Any) -> None:
    parser = _add_command(commands, "review", review.cmd_review,
                          "print or write the post-release review of a released or rolled-back release")
    parser.add_argument("version")
    parser.add_argument("--went-well", dest="went_well", metavar="TEXT", help="what went well")
    parser.add_argument("--went-badly", dest="went_badly", metavar="TEXT", help="what did not go well")
    parser.add_argument("--findings", metavar="TEXT", help="what the team found")
    parser.add_argument("--action", action="append", default=[], metavar="TEXT;OWNER;YYYY-MM-DD",
                        help="add an action with its owner and due date (repeatable)")
    parser.add_argument("--propose", metavar="PHASE;ITEM",
                        help="with one --action: it proposes adding ITEM to PHASE's checklist template")
    parser.add_argument("--done", type=_action_number, metavar="N", help="close action N (as printed)")
    parser.add_argument("--undone", type=_action_number, metavar="N", help="reopen action N")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", dest="format", action="store_const", const="json", help="print JSON for scripts")
    output.add_argument("--format", choices=("text", "md", "json"), default="text",
                        help="text (default), md (Markdown) or json")


def _add_signoff_commands(commands: Any) -> None:
    """signoff and signoffs: approvals by role, signed as yourself."""
    sign = _add_command(commands, "signoff", signoff.cmd_signoff,
                        "sign off the next move of a release in a role, as yourself (the OS or database user)")
    sign.add_argument("version")
    sign.add_argument("--role", help="the role you sign as, e.g. qa (templates.toml [signoffs] lists them)")
    sign.add_argument("--comment", default="")
    what = sign.add_mutually_exclusive_group()
    what.add_argument("--reject", action="store_true", help="record a rejection: it blocks the move")
    what.add_argument("--revoke", action="store_true", help="take back your own sign-off in that role")
    what.add_argument("--list", action="store_true", help="list the sign-offs (as `relmgr signoffs`)")
    _add_json(sign)
    listing = _add_command(commands, "signoffs", signoff.cmd_signoffs,
                           "list the sign-offs of a release's next move: required roles, who, verdict, when, stale")
    listing.add_argument("version")
    _add_json(listing)


def _add_meeting_commands(commands: Any, risk_actions: Any) -> None:
    """decide, condition, risk accept/list/close and step: the meeting record without the app."""
    decide = _add_command(commands, "decide", meeting.cmd_decide,
                          "record a go/no-go decision on the gate out of the release's phase (outside a review)")
    decide.add_argument("version")
    outcome = _enum_type(Outcome, "outcome")
    decide.add_argument("--outcome", required=True, type=lambda text: outcome(
                            "conditional_go" if text.strip().lower() == "conditional" else text),
                        help="go, no-go or conditional")
    decide.add_argument("--attendee", action="append", default=[], required=True, metavar="NAME:ROLE:VOTE",
                        help="one per attendee; VOTE is go, no-go or abstain")
    decide.add_argument("--condition", action="append", default=[], metavar="TEXT;OWNER;YYYY-MM-DD")
    decide.add_argument("--rationale", required=True)
    decide.add_argument("--reason", default="", help="agile only: why go over the gate's blockers (the override)")

    condition = _add_command(commands, "condition", meeting.cmd_condition,
                             "mark a condition of the last decision met (or --unmet)")
    condition.add_argument("version")
    condition.add_argument("number", type=int, help="the condition's number, as `relmgr show` lists it")
    met = condition.add_mutually_exclusive_group(required=True)
    met.add_argument("--met", action="store_true")
    met.add_argument("--unmet", action="store_true")
    condition.add_argument("--note", default="")

    accept = _add_command(risk_actions, "accept", meeting.cmd_risk_accept,
                          "accept a live risk: it stays in the register and no longer blocks")
    accept.add_argument("version")
    accept.add_argument("risk", help="the risk's number in `relmgr risk list`, or a unique piece of its title")
    accept.add_argument("--by", required=True, help="who accepts it")
    accept.add_argument("--reason", required=True)
    listing = _add_command(risk_actions, "list", meeting.cmd_risk_list, "list a release's risk register")
    listing.add_argument("version")
    _add_json(listing)
    close = _add_command(risk_actions, "close", meeting.cmd_risk_close, "close a risk with its outcome")
    close.add_argument("version")
    close.add_argument("risk")
    close.add_argument("--outcome", required=True, type=_enum_type(RiskOutcome, "outcome"),
                       help="mitigated, did_not_occur or occurred")
    close.add_argument("--note", default="")

    step = commands.add_parser("step", help="manage the rollback plan", description="Manage the rollback plan.",
                               parents=[database_options(False)])
    step_actions = step.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = _add_command(step_actions, "add", meeting.cmd_step_add, "add a step to the rollback plan")
    add.add_argument("version")
    add.add_argument("action")
    add.add_argument("--command", default="")
    add.add_argument("--owner", default="")
    add.add_argument("--minutes", default="5")
    for name, summary in (("rehearse", "mark a step rehearsed"), ("done", "mark a step executed for real"),
                          ("failed", "mark a step failed")):
        status = _add_command(step_actions, name, meeting.cmd_step_status, summary)
        status.set_defaults(action=name)
        status.add_argument("version")
        status.add_argument("step", help="the step's number in the plan, or a unique piece of its action")


def _add_scope_fields(parser: argparse.ArgumentParser, adding: bool) -> None:
    """The options of `scope add` (with their defaults) and `scope set` (each optional)."""
    parser.add_argument("--title", required=adding, help="what it is, e.g. 'Card declined on retry'")
    parser.add_argument("--type", type=_enum_type(ScopeType, "type"), default=ScopeType.FEATURE if adding else None,
                        help="feature" + (" (default)" if adding else "") + ", bug or chore")
    parser.add_argument("--status", type=_enum_type(ScopeStatus, "status"),
                        default=ScopeStatus.OPEN if adding else None,
                        help="open" + (" (default)" if adding else "") + ", in-progress, done or deferred")
    severity = _enum_type(Severity, "severity")
    parser.add_argument("--severity", type=lambda text: severity(text) if text.strip() else "",
                        help="bugs only: blocker, critical, major or minor" + ("" if adding else " ('' clears it)"))
    parser.add_argument("--url", help="where the tracker shows it (http or https)")


def _add_scope_commands(commands: Any) -> None:
    """scope add/set/list/remove/move/defer/import: what a release contains."""
    parent = commands.add_parser("scope", help="what a release contains: features, bugs and chores by key",
                                 description="What a release contains: features, bugs and chores by their"
                                 " tracker key.", parents=[database_options(False)])
    actions = parent.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = _add_command(actions, "add", scope.cmd_scope_add, "add an item to a release's scope")
    add.add_argument("version")
    add.add_argument("key", help="the tracker key, e.g. PAY-123")
    _add_scope_fields(add, adding=True)
    change = _add_command(actions, "set", scope.cmd_scope_set, "change an item: its status, title, type, ...")
    change.add_argument("version")
    change.add_argument("key")
    _add_scope_fields(change, adding=False)
    listing = _add_command(actions, "list", scope.cmd_scope_list, "list a release's scope")
    listing.add_argument("version")
    _add_json(listing)
    remove = _add_command(actions, "remove", scope.cmd_scope_remove, "remove an item entered by mistake")
    remove.add_argument("version")
    remove.add_argument("key")
    move = _add_command(actions, "move", scope.cmd_scope_move, "move an item to another release")
    move.add_argument("version")
    move.add_argument("key")
    move.add_argument("--to", required=True, metavar="VERSION")
    defer = _add_command(actions, "defer", scope.cmd_scope_defer,
                         "move every unfinished item (open, in progress) to another release, in one step")
    defer.add_argument("version")
    defer.add_argument("--to", required=True, metavar="VERSION")
    imports = _add_command(actions, "import", scope.cmd_scope_import,
                           "add or update items from standard input: a Jira CSV export or a JSON list")
    imports.add_argument("version")
    imports.add_argument("--format", choices=("csv", "json"), default="csv",
                         help="csv (default: Issue key, Summary, Issue Type, Status, Priority) or json")
    notes = _add_command(commands, "notes", scope.cmd_notes,
                         "release notes: the done scope items grouped by type, then the known issues")
    notes.add_argument("version")
    notes.add_argument("--format", choices=("md", "json"), default="md", help="md (default, Markdown) or json")
