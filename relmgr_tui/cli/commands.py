"""The subcommands' parsers: every command, its options, and the handler (in the module of its group)
that runs it. Only a command line with a command imports this module: opening the board needs none of it.
"""

from __future__ import annotations

import argparse
from typing import Any

from relmgr_tui.cli.arguments import (
    MAX_DEMO_RELEASES, action_number, add_command, add_json, enum_type, whole_number)
from relmgr_tui.cli.options import database_options
from relmgr_tui.cli.plan_commands import add_feed_commands, add_schedule_commands, add_scope_commands
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Methodology, Outcome, Phase, ReleaseKind, RiskOutcome, RiskResponse
from relmgr_tui.store.location import Missing

EXPORT_FORMATS = ("md", "json", "toml")
MINUTES_FORMATS = ("md", "json")
"""The formats of export and minutes, named here so that building the parser imports neither renderer
(tests/cli/test_arguments.py holds them to the renderers' own lists)."""


TRANSITION_SUMMARIES = {
    Transition.HOLD: "put a release on hold: it keeps its phase and cannot move until resumed",
    Transition.RESUME: "take a release off hold",
    Transition.CANCEL: "cancel a release: it leaves the board for the archive",
    Transition.ROLL_BACK: "mark a release rolled back (from Deploying, or recently released)",
    Transition.REOPEN: "put a cancelled release back on the board, or a rolled-back one in Preparing",
}


def _add_transitions(commands: Any) -> None:
    for transition, summary in TRANSITION_SUMMARIES.items():
        parser = add_command(commands, transition.command, "lifecycle.cmd_transition", summary)
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

    info = add_command(commands, "info", "releases.cmd_info", "show the version, database, config file and counts")
    info.set_defaults(missing=Missing.READ_EMPTY)
    add_json(info)

    new = add_command(commands, "new", "releases.cmd_new", "create a release with the standard checklists of its kind")
    new.set_defaults(missing=Missing.CREATE_ON_WRITE)
    new.add_argument("version", help="e.g. 2.4.0 or 2026.11-hotfix")
    new.add_argument("--title", default="")
    new.add_argument("--kind", type=enum_type(ReleaseKind, "kind"), default=ReleaseKind.MINOR,
                     help="major, minor (default), patch or emergency")
    new.add_argument("--methodology", type=enum_type(Methodology, "methodology"),
                     help="waterfall (gates enforced) or agile (gates advise); default from config.toml")
    new.add_argument("--target", metavar="YYYY-MM-DD", help="target release date")
    new.add_argument("--owner", help="release owner (default: manager_name from config.toml)")
    new.add_argument("--summary", default="", help="business case and scope")

    edit = add_command(commands, "edit", "releases.cmd_edit", "change a release's title, kind, methodology, owner,"
                        " target date, summary or version")
    edit.add_argument("version")
    edit.add_argument("--new-version", metavar="VERSION", help="rename the release")
    edit.add_argument("--title")
    edit.add_argument("--kind", type=enum_type(ReleaseKind, "kind"), help="major, minor, patch or emergency")
    edit.add_argument("--methodology", type=enum_type(Methodology, "methodology"),
                      help="waterfall or agile; after Planning it needs --reason")
    edit.add_argument("--target", metavar="YYYY-MM-DD", help="target release date ('' clears it)")
    edit.add_argument("--owner")
    edit.add_argument("--summary")
    edit.add_argument("--reason", default="", help="why (required to change the methodology after Planning)")
    edit.add_argument("--apply-templates", action="store_true",
                      help="give the phases not yet reached the checklists of the (new) kind; ticked items and"
                           " items added by hand are kept")

    listing = add_command(commands, "list", "releases.cmd_list", "list the releases on the board")
    listing.add_argument("--phase", type=enum_type(Phase, "phase"), help="only releases in this phase")
    listing.add_argument("--all", action="store_true", help="include released, rolled back and cancelled releases")
    listing.add_argument("--filter", default="", metavar="TERMS",
                         help="as the board's / box: words and late, due:7d, hold, emergency, kind:KIND, risk:c,"
                              " risk:h+, owner:NAME, mine, blocked, ready (all must hold)")
    add_json(listing)

    show = add_command(commands, "show", "releases.cmd_show", "show a release: checklists, risks, rollback, decisions, gate")
    show.add_argument("version")
    add_json(show)

    for name, handler, summary in (
        ("check", "checklist.cmd_check", "tick a checklist item"),
        ("uncheck", "checklist.cmd_uncheck", "untick a checklist item"),
    ):
        item = add_command(commands, name, handler, summary)
        item.add_argument("version")
        item.add_argument("item", help="the item's number in its phase, or a unique piece of its text")
        item.add_argument("--phase", type=enum_type(Phase, "phase"), help="default: the release's current phase")
        if name == "check":
            item.add_argument("--evidence", default="", metavar="URL",
                              help="what proves it (http/https, e.g. the CI run); credentials and tokens are dropped")
            item.add_argument("--note", default="", help="what the evidence says, e.g. '1,423 passed'")

    for name, handler, summary in (
        ("advance", "phases.cmd_advance", "move a release to the next phase through its gate"),
        ("back", "phases.cmd_back", "move a release back one phase"),
    ):
        move = add_command(commands, name, handler, summary)
        move.add_argument("version")
        move.add_argument("--reason", default="", help="why (recorded in the audit log; overrides an agile gate)")

    _add_transitions(commands)
    add_schedule_commands(commands)

    risk = commands.add_parser("risk", help="manage the risk register", description="Manage the risk register.",
                               parents=[database_options(False)])
    risk_actions = risk.add_subparsers(title="actions", metavar="ACTION", required=True)
    risk_add = add_command(risk_actions, "add", "risks.cmd_risk_add", "add a risk to a release's register")
    risk_add.add_argument("version")
    risk_add.add_argument("title")
    risk_add.add_argument("--likelihood", required=True, metavar="1-5")
    risk_add.add_argument("--impact", required=True, metavar="1-5")
    risk_add.add_argument("--owner", default="")
    risk_add.add_argument("--category", default="")
    risk_add.add_argument("--description", default="", help="cause and effect")
    risk_add.add_argument("--response", type=enum_type(RiskResponse, "response"), default=RiskResponse.REDUCE,
                          help="avoid, reduce (default), transfer or accept")
    risk_add.add_argument("--mitigation", default="")
    risk_add.add_argument("--contingency", default="")
    _add_meeting_commands(commands, risk_actions)
    _add_signoff_commands(commands)

    backup = add_command(commands, "backup", "data.cmd_backup", "copy the SQLite database consistently to a file")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="replace an older relmgr backup at PATH")

    demo_parser = add_command(commands, "demo", "data.cmd_demo", "add realistic demo releases to the database")
    demo_parser.set_defaults(missing=Missing.CREATE_ON_WRITE)
    demo_parser.add_argument("--releases", type=whole_number(1, MAX_DEMO_RELEASES), default=200, metavar="N",
                             help="how many releases to add (default 200)")
    demo_parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same releases")

    export_parser = add_command(commands, "export", "data.cmd_export", "print a release as Markdown, JSON or TOML")
    export_parser.add_argument("version")
    export_parser.add_argument("--format", choices=EXPORT_FORMATS, default="md")

    minutes_parser = add_command(commands, "minutes", "data.cmd_minutes",
                                  "print the minutes of a release's last go/no-go decision")
    minutes_parser.add_argument("version")
    minutes_parser.add_argument("--format", choices=MINUTES_FORMATS, default="md")

    log = add_command(commands, "log", "audit.cmd_log", "print the audit log (of one release): who, when, what, old"
                       " and new, oldest first")
    log.add_argument("version", nargs="?", help="only this release's events")
    log.add_argument("--since", metavar="YYYY-MM-DD", help="only events from the start of this day (local time)")
    log_format = log.add_mutually_exclusive_group()
    log_format.add_argument("--json", action="store_true", help="a JSON list of the events")
    log_format.add_argument("--format", choices=("text", "csv"), default="text", help="text (default) or csv")

    pack = add_command(commands, "evidence", "evidence.cmd_evidence",
                        "the evidence pack of a release: canonical JSON of everything recorded, and its SHA-256")
    pack.add_argument("version")
    pack.add_argument("--output", metavar="FILE", help="write the canonical JSON to FILE (a new file)")
    pack.add_argument("--json", action="store_true", help="print the hash and the pack (or, with --verify, the"
                      " result) as JSON")
    pack.add_argument("--verify", action="store_true",
                      help="compare what was recorded before the release with the hash taken when it was"
                      " released; exit 1 if anything changed")

    metrics = add_command(commands, "report", "report.cmd_report", "the delivery metrics of a period (releases per"
                           " week, lead time, time in each phase, change failure rate, time to restore, on-time"
                           " rate, gate overrides, risks that occurred), each with its definition")
    metrics.add_argument("--since", default="90d", metavar="90d|YYYY-MM-DD",
                         help="today and this many days before it, or from this day (UTC); default 90d")
    metrics.add_argument("--kind", metavar="KIND", help="only releases of this kind (major, minor, patch, emergency)")
    metrics.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")

    add_scope_commands(commands)
    _add_review(commands)
    add_feed_commands(commands)

    copy_parser = commands.add_parser(
        "copy", help="copy a whole database into an empty one (SQLite <-> PostgreSQL)",
        description="Copy every row into an empty database in one transaction, checking row counts.")
    copy_parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy_parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    copy_parser.set_defaults(handler=None, standalone="data.cmd_copy")


def _add_review(commands: Any) -> None:
    parser = add_command(commands, "review", "review.cmd_review",
                          "print or write the post-release review of a released or rolled-back release")
    parser.add_argument("version")
    parser.add_argument("--went-well", dest="went_well", metavar="TEXT", help="what went well")
    parser.add_argument("--went-badly", dest="went_badly", metavar="TEXT", help="what did not go well")
    parser.add_argument("--findings", metavar="TEXT", help="what the team found")
    parser.add_argument("--action", action="append", default=[], metavar="TEXT;OWNER;YYYY-MM-DD",
                        help="add an action with its owner and due date (repeatable)")
    parser.add_argument("--propose", metavar="PHASE;ITEM",
                        help="with one --action: it proposes adding ITEM to PHASE's checklist template")
    parser.add_argument("--done", type=action_number, metavar="N", help="close action N (as printed)")
    parser.add_argument("--undone", type=action_number, metavar="N", help="reopen action N")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", dest="format", action="store_const", const="json", help="print JSON for scripts")
    output.add_argument("--format", choices=("text", "md", "json"), default="text",
                        help="text (default), md (Markdown) or json")


def _add_signoff_commands(commands: Any) -> None:
    """signoff and signoffs: approvals by role, signed as yourself."""
    sign = add_command(commands, "signoff", "signoff.cmd_signoff",
                        "sign off the next move of a release in a role, as yourself (the OS or database user)")
    sign.add_argument("version")
    sign.add_argument("--role", help="the role you sign as, e.g. qa (templates.toml [signoffs] lists them)")
    sign.add_argument("--comment", default="")
    what = sign.add_mutually_exclusive_group()
    what.add_argument("--reject", action="store_true", help="record a rejection: it blocks the move")
    what.add_argument("--revoke", action="store_true", help="take back your own sign-off in that role")
    what.add_argument("--list", action="store_true", help="list the sign-offs (as `relmgr signoffs`)")
    add_json(sign)
    listing = add_command(commands, "signoffs", "signoff.cmd_signoffs",
                           "list the sign-offs of a release's next move: required roles, who, verdict, when, stale")
    listing.add_argument("version")
    add_json(listing)


def _add_meeting_commands(commands: Any, risk_actions: Any) -> None:
    """decide, condition, risk accept/list/close and step: the meeting record without the app."""
    decide = add_command(commands, "decide", "meeting.cmd_decide",
                          "record a go/no-go decision on the gate out of the release's phase (outside a review)")
    decide.add_argument("version")
    outcome = enum_type(Outcome, "outcome")
    decide.add_argument("--outcome", required=True, type=lambda text: outcome(
                            "conditional_go" if text.strip().lower() == "conditional" else text),
                        help="go, no-go or conditional")
    decide.add_argument("--attendee", action="append", default=[], required=True, metavar="NAME:ROLE:VOTE",
                        help="one per attendee; VOTE is go, no-go or abstain")
    decide.add_argument("--condition", action="append", default=[], metavar="TEXT;OWNER;YYYY-MM-DD")
    decide.add_argument("--rationale", required=True)
    decide.add_argument("--reason", default="", help="agile only: why go over the gate's blockers (the override)")

    condition = add_command(commands, "condition", "meeting.cmd_condition",
                             "mark a condition of the last decision met (or --unmet)")
    condition.add_argument("version")
    condition.add_argument("number", type=int, help="the condition's number, as `relmgr show` lists it")
    met = condition.add_mutually_exclusive_group(required=True)
    met.add_argument("--met", action="store_true")
    met.add_argument("--unmet", action="store_true")
    condition.add_argument("--note", default="")

    accept = add_command(risk_actions, "accept", "meeting.cmd_risk_accept",
                          "accept a live risk: it stays in the register and no longer blocks")
    accept.add_argument("version")
    accept.add_argument("risk", help="the risk's number in `relmgr risk list`, or a unique piece of its title")
    accept.add_argument("--by", required=True, help="who accepts it")
    accept.add_argument("--reason", required=True)
    listing = add_command(risk_actions, "list", "meeting.cmd_risk_list", "list a release's risk register")
    listing.add_argument("version")
    add_json(listing)
    close = add_command(risk_actions, "close", "meeting.cmd_risk_close", "close a risk with its outcome")
    close.add_argument("version")
    close.add_argument("risk")
    close.add_argument("--outcome", required=True, type=enum_type(RiskOutcome, "outcome"),
                       help="mitigated, did_not_occur or occurred")
    close.add_argument("--note", default="")

    step = commands.add_parser("step", help="manage the rollback plan", description="Manage the rollback plan.",
                               parents=[database_options(False)])
    step_actions = step.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = add_command(step_actions, "add", "meeting.cmd_step_add", "add a step to the rollback plan")
    add.add_argument("version")
    add.add_argument("action")
    add.add_argument("--command", default="")
    add.add_argument("--owner", default="")
    add.add_argument("--minutes", default="5")
    for name, summary in (("rehearse", "mark a step rehearsed"), ("done", "mark a step executed for real"),
                          ("failed", "mark a step failed")):
        status = add_command(step_actions, name, "meeting.cmd_step_status", summary)
        status.set_defaults(action=name)
        status.add_argument("version")
        status.add_argument("step", help="the step's number in the plan, or a unique piece of its action")
