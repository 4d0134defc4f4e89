"""The subcommands' parsers: every command, its options, and the handler (in the module of its group)
that runs it. Only a command line with a command imports this module: opening the board needs none of it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from relmgr_tui import export
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli import checklist, data, feeds, lifecycle, phases, releases, risks
from relmgr_tui.cli.options import database_options
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Methodology, Phase, ReleaseKind, RiskResponse
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

    listing = _add_command(commands, "list", releases.cmd_list, "list the releases on the board")
    listing.add_argument("--phase", type=_enum_type(Phase, "phase"), help="only releases in this phase")
    listing.add_argument("--all", action="store_true", help="include released, rolled back and cancelled releases")
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

    for name, handler, summary in (
        ("advance", phases.cmd_advance, "move a release to the next phase through its gate"),
        ("back", phases.cmd_back, "move a release back one phase"),
    ):
        move = _add_command(commands, name, handler, summary)
        move.add_argument("version")
        move.add_argument("--reason", default="", help="why (recorded in the audit log; overrides an agile gate)")

    _add_transitions(commands)

    risk = commands.add_parser("risk", help="manage the risk register", description="Manage the risk register.",
                               parents=[database_options(False)])
    risk_add = _add_command(risk.add_subparsers(title="actions", metavar="ACTION", required=True), "add",
                            risks.cmd_risk_add, "add a risk to a release's register")
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

    feeds.add_feed_commands(commands, _add_command)

    copy_parser = commands.add_parser(
        "copy", help="copy a whole database into an empty one (SQLite <-> PostgreSQL)",
        description="Copy every row into an empty database in one transaction, checking row counts.")
    copy_parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy_parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    copy_parser.set_defaults(handler=None, standalone=data.cmd_copy)
