"""The subcommands of `relmgr` (info, new, list, show, check, advance, risk, export, minutes, ...).

Only a command line with a command imports this module: opening the board needs none of it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relmgr_tui import __version__, export
from relmgr_tui.cli import Context, database_options
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import GateBlocked, InvalidInput, RelmgrError, StaleWrite
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import (
    PHASES,
    Methodology,
    Phase,
    Release,
    ReleaseDetail,
    ReleaseKind,
    ReleaseState,
    RiskResponse,
)
from relmgr_tui.domain.risk import band_of, sorted_by_score
from relmgr_tui.safe_text import UNSAFE, printable
from relmgr_tui.store.location import Missing, is_default_folder
from relmgr_tui.minutes import FORMATS as MINUTES_FORMATS
from relmgr_tui.minutes import run_minutes_command

if TYPE_CHECKING:
    from relmgr_tui.service import Service
    from relmgr_tui.store.repo import Store


# -- parsing ---------------------------------------------------------------------------------------

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


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Every subcommand, with its options, on the top-level parser."""
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    info = _add_command(commands, "info", cmd_info, "show the version, database, config file and counts")
    info.set_defaults(missing=Missing.READ_EMPTY)
    _add_json(info)

    new = _add_command(commands, "new", cmd_new, "create a release with the standard checklists of its kind")
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

    listing = _add_command(commands, "list", cmd_list, "list the releases on the board")
    listing.add_argument("--phase", type=_enum_type(Phase, "phase"), help="only releases in this phase")
    listing.add_argument("--all", action="store_true", help="include released, rolled back and cancelled releases")
    _add_json(listing)

    show = _add_command(commands, "show", cmd_show, "show a release: checklists, risks, rollback, decisions, gate")
    show.add_argument("version")
    _add_json(show)

    for name, handler, summary in (
        ("check", cmd_check, "tick a checklist item"),
        ("uncheck", cmd_uncheck, "untick a checklist item"),
    ):
        item = _add_command(commands, name, handler, summary)
        item.add_argument("version")
        item.add_argument("item", help="the item's number in its phase, or a unique piece of its text")
        item.add_argument("--phase", type=_enum_type(Phase, "phase"), help="default: the release's current phase")

    for name, handler, summary in (
        ("advance", cmd_advance, "move a release to the next phase through its gate"),
        ("back", cmd_back, "move a release back one phase"),
    ):
        move = _add_command(commands, name, handler, summary)
        move.add_argument("version")
        move.add_argument("--reason", default="", help="why (recorded in the audit log; overrides an agile gate)")

    risk = commands.add_parser("risk", help="manage the risk register", description="Manage the risk register.",
                               parents=[database_options(False)])
    risk_add = _add_command(risk.add_subparsers(title="actions", metavar="ACTION", required=True), "add",
                            cmd_risk_add, "add a risk to a release's register")
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

    backup = _add_command(commands, "backup", cmd_backup, "copy the SQLite database consistently to a file")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="replace an older relmgr backup at PATH")

    demo_parser = _add_command(commands, "demo", cmd_demo, "add realistic demo releases to the database")
    demo_parser.set_defaults(missing=Missing.CREATE_ON_WRITE)
    demo_parser.add_argument("--releases", type=_release_count, default=200, metavar="N",
                             help="how many releases to add (default 200)")
    demo_parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same releases")

    export_parser = _add_command(commands, "export", cmd_export, "print a release as Markdown, JSON or TOML")
    export_parser.add_argument("version")
    export_parser.add_argument("--format", choices=export.FORMATS, default="md")

    minutes_parser = _add_command(commands, "minutes", cmd_minutes,
                                  "print the minutes of a release's last go/no-go decision")
    minutes_parser.add_argument("version")
    minutes_parser.add_argument("--format", choices=MINUTES_FORMATS, default="md")

    copy_parser = commands.add_parser(
        "copy", help="copy a whole database into an empty one (SQLite <-> PostgreSQL)",
        description="Copy every row into an empty database in one transaction, checking row counts.")
    copy_parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    copy_parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    copy_parser.set_defaults(handler=None, standalone=cmd_copy)



# -- output helpers --------------------------------------------------------------------------------

def _print_json(data: Any) -> None:
    sys.stdout.write(_terminal_safe_json(json.dumps(data, indent=2, ensure_ascii=False) + "\n"))


def _terminal_safe_json(text: str) -> str:
    """JSON with bidi, zero-width and C1 characters written as \\u escapes: a parser reads the same data, and
    nothing reorders or drives the terminal it is printed on. json.dumps has escaped C0 inside strings
    already; the C0 left are the layout's own line breaks."""
    return UNSAFE.sub(lambda m: m[0] if m[0] < " " else f"\\u{ord(m[0]):04x}", text)


def _print_lines(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in (header, *rows)]


def _local(moment: datetime | None) -> str:
    """Stored UTC shown in the viewer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def _today(service: Service) -> date:
    return service.clock().astimezone().date()


def _due(release: Release, today: date) -> str:
    """The target date, saying in words how late or how near it is while the release is on the board."""
    if release.target_date is None:
        return "-"
    text = release.target_date.isoformat()
    days = (release.target_date - today).days
    if not release.state.on_board or days > 7:
        return text
    if days < 0:
        return f"{text} ({-days}d overdue)"
    return f"{text} (today)" if days == 0 else f"{text} (in {days}d)"


# -- commands --------------------------------------------------------------------------------------

def cmd_info(context: Context, args: argparse.Namespace) -> int:
    """The version and where everything is; the counts only of a database that exists (none is created)."""
    service = context.service
    store = service.store
    data = {
        "version": __version__,
        **(service.info() if store.exists else {"database": store.url}),
        "exists": store.exists,
        "config": context.config_path,
        "templates": service.templates.source,
        "read_only": service.read_only,
    }
    if args.json:
        _print_json(data)
        return 0
    rows = [
        ("relmgr", data["version"]),
        ("database", data["database"] + _database_note(store)),
        ("config", data["config"] + ("" if Path(data["config"]).is_file() else " (absent: defaults)")),
        ("templates", data["templates"]),
        *(_count_rows(data) if store.exists else ()),
    ]
    _print_lines([f"{name:<16} {printable(value)}" for name, value in rows])
    return 0


def _database_note(store: Store) -> str:
    if store.exists:
        return " (read-only)" if store.read_only else ""
    if store.target.path is not None and not store.target.path.parent.is_dir() and not is_default_folder(
        store.target.path.parent
    ):
        return " (does not exist, nor does its folder: check the path)"
    return " (does not exist yet: relmgr new, relmgr demo or the board creates it)"


def _count_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    counts = data["counts"]
    states = ", ".join(f"{counts[f'releases_{s.value}']} {s.label}" for s in ReleaseState)
    return [
        ("schema revision", data["schema_revision"]),
        ("releases", f"{counts['releases']} ({states})"),
        *((name.replace("_", " "), str(counts[name]))
          for name in ("checklist_items", "risks", "rollback_steps", "decisions", "events")),
    ]


def cmd_new(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.create_release(
        args.version,
        title=args.title,
        kind=args.kind,
        methodology=args.methodology,
        owner=context.settings.manager_name if args.owner is None else args.owner,
        target_date=args.target,
        summary=args.summary,
    )
    items = len(service.detail(release.id).items)
    print(f"Created {printable(release.version)} ({release.kind.value}, {release.methodology.value}) in Planning"
          f" with {items} checklist items.")
    return 0


def cmd_list(context: Context, args: argparse.Namespace) -> int:
    rows = context.service.releases_with_progress(args.phase, include_archived=args.all)
    for problem in context.service.skipped_rows():
        print(f"relmgr: warning: {problem}: left out of this list", file=sys.stderr)
    if args.json:
        _print_json([export.release_row(release, done, total) for release, done, total in rows])
        return 0
    if not rows:
        where = f" in {args.phase.label}" if args.phase else ""
        scope = "" if args.all else " on the board (`--all` includes archived ones)"
        print(f"No releases{where}{scope}. `relmgr new VERSION` creates one.")
        return 0
    today = _today(context.service)
    header = ("VERSION", "PHASE", "STATE", "KIND", "OWNER", "TARGET", "DONE", "TITLE")
    table = [
        (printable(r.version), r.phase.label, r.state.label, r.kind.value, printable(r.owner) or "-",
         _due(r, today), f"{done}/{total}", printable(r.title))
        for r, done, total in rows
    ]
    _print_lines(_table(header, table))
    return 0


def cmd_show(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    detail = service.detail_by_version(args.version)
    report = service.gate_report(detail)
    if args.json:
        sys.stdout.write(_terminal_safe_json(export.to_json(detail, report)))
        return 0
    _print_lines(_show_lines(detail, report, _today(service)))
    return 0


def _show_lines(detail: ReleaseDetail, report: GateReport, today: date) -> list[str]:
    release = detail.release
    facts = (f"{release.kind.value}, {release.methodology.value} | {release.phase.label} ({release.state.label})"
             f" | owner {printable(release.owner) or '-'} | target {_due(release, today)}")
    lines = [f"{printable(release.version)}  {printable(release.title)}", f"  {facts}"]
    lines += [f"  {printable(line)}" for line in release.summary.splitlines()]
    return lines + _checklist_lines(detail) + _risk_lines(detail) + _rollback_lines(detail) + \
        _decision_lines(detail) + _gate_lines(report)


def _checklist_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Checklist"]
    for phase in PHASES:
        items = detail.items_in(phase)
        current = "  <- current phase" if phase is detail.release.phase else ""
        lines.append(f"  {phase.label}  {sum(i.done for i in items)}/{len(items)} done{current}")
        for number, item in enumerate(items, start=1):
            optional = " (optional)" if not item.required else ""
            done = f"  - {printable(item.done_by)} {_local(item.done_at)}" if item.done else ""
            lines.append(f"    {number:>2}. [{'x' if item.done else ' '}] {printable(item.text)}{optional}{done}")
    return lines


def _risk_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Risks (highest score first)"]
    for risk in sorted_by_score(detail.risks):
        band = band_of(risk.score).label
        owner = printable(risk.owner) or "no owner"
        lines.append(f"  {risk.score:>2} {band:<8} {printable(risk.title)}  [{risk.status.value}, {owner},"
                     f" {risk.response.value}]")
        for label, text in (("mitigation", risk.mitigation), ("contingency", risk.contingency)):
            if text:
                lines.append(f"{'':14}{label}: {printable(text)}")
    return lines if detail.risks else lines + ["  none recorded"]


def _rollback_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Rollback plan"]
    for number, step in enumerate(detail.steps, start=1):
        owner = f", {printable(step.owner)}" if step.owner else ""
        rehearsed = f", rehearsed {_local(step.last_rehearsed_at)}" if step.last_rehearsed_at else ""
        lines.append(f"  {number:>2}. [{step.status.value}] {printable(step.action)} ({step.expected_minutes} min"
                     f"{owner}{rehearsed})")
        if step.command:
            lines.append(f"      $ {printable(step.command)}")
    return lines if detail.steps else lines + ["  no steps yet"]


def _decision_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Go/no-go decisions (newest first)"]
    for decision in detail.decisions:
        stale = "  STALE: the evidence changed since" if decision.is_stale(detail.release) else ""
        lines.append(f"  {_local(decision.decided_at)}  {decision.outcome.label} on {decision.gate.label}"
                     f" by {printable(decision.decided_by)}{stale}")
        lines.append(f"    rationale: {printable(decision.rationale)}")
        if decision.override_reason:
            lines.append(f"    override: {printable(decision.override_reason)}")
        votes = ", ".join(f"{printable(a.name)} ({printable(a.function)}) {a.vote.label}" for a in decision.attendees)
        lines.append(f"    votes: {votes}")
        for condition in decision.conditions:
            deadline = condition.deadline.isoformat() if condition.deadline else "no deadline"
            lines.append(f"    condition: {printable(condition.text)} ({printable(condition.owner) or 'no owner'},"
                         f" by {deadline})")
    return lines if detail.decisions else lines + ["  none recorded"]


def _gate_lines(report: GateReport) -> list[str]:
    lines = ["", f"Gate: {report.phase.label} -> {report.target_label}", f"  {report.summary()}"]
    lines += [f"  - {printable(blocker)}" for blocker in report.blockers]
    lines += [f"  ! {printable(warning)}" for warning in report.warnings]
    return lines


TICK_ATTEMPTS = 8
"""How often `check`/`uncheck` read the item again after another session changed it under them."""
TICK_BACKOFF_SECONDS = 0.01
"""The first pause before reading again; each further one may be up to twice as long."""


def _set_done(context: Context, args: argparse.Namespace, done: bool) -> int:
    """Leave the item in the requested state, whoever else ticks it at the same time.

    A command line has no stale view to protect, so a conflict means: read again and see whether there
    is still anything to do. The pauses are random so that racing pipelines stop meeting each other.
    """
    service = context.service
    for attempt in range(TICK_ATTEMPTS):
        item = service.find_item(args.version, args.item, args.phase)
        where = f"{item.phase.label} item of {printable(args.version)}: {printable(item.text)}"
        if item.done == done:
            print(f"Already {'done' if done else 'not done'}: {where}")
            return 0
        try:
            service.set_done(item.id, done, item.row_version)
        except StaleWrite:
            time.sleep(random.uniform(0, TICK_BACKOFF_SECONDS * 2**attempt))
            continue
        print(f"{'Ticked' if done else 'Unticked'} {where}")
        return 0
    action = "tick" if done else "untick"
    raise RelmgrError(f"could not {action} the {where}: other sessions changed it {TICK_ATTEMPTS} times in a row;"
                      " run the command again")


def cmd_check(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, True)


def cmd_uncheck(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, False)


def cmd_advance(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    before = service.release(args.version)
    report = service.gate_report(service.detail(before.id))
    after = service.advance(before.id, args.reason, before.row_version)
    version = printable(after.version)
    if after.state is ReleaseState.RELEASED:
        print(f"{version} is released.")
    else:
        print(f"{version} moved from {before.phase.label} to {after.phase.label}.")
    if not report.open:
        print(f"Overrode {len(report.blockers)} blocker(s) with the reason: {printable(args.reason.strip())}")
    return 0


def cmd_back(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    before = service.release(args.version)
    after = service.move_back(before.id, args.reason, before.row_version)
    print(f"{printable(after.version)} moved back from {before.phase.label} to {after.phase.label}.")
    return 0


def cmd_risk_add(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    risk = service.add_risk(
        release.id,
        args.title,
        args.likelihood,
        args.impact,
        description=args.description,
        category=args.category,
        owner=args.owner,
        response=args.response,
        mitigation=args.mitigation,
        contingency=args.contingency,
    )
    print(f"Added risk to {printable(release.version)}: {printable(risk.title)}"
          f" (score {risk.score}, {band_of(risk.score).label}).")
    return 0


def cmd_backup(context: Context, args: argparse.Namespace) -> int:
    store = context.service.store
    written = store.backup(args.path, force=args.force)
    print(f"Backed up {printable(store.url)} to {printable(str(written))}.")
    return 0


def cmd_demo(context: Context, args: argparse.Namespace) -> int:
    from relmgr_tui import demo

    service = context.service
    started = time.perf_counter()
    result = demo.generate(service, args.releases, args.seed, service.clock())
    elapsed = time.perf_counter() - started
    print(f"Added {result.releases} demo releases ({result.on_board} on the board, {result.archived} archived)"
          f" to {printable(service.store.url)} in {elapsed:.1f} s.")
    return 0


def cmd_export(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    detail = service.detail_by_version(args.version)
    sys.stdout.write(export.render(args.format, detail, service.gate_report(detail)))
    return 0


def cmd_minutes(context: Context, args: argparse.Namespace) -> int:
    sys.stdout.write(run_minutes_command(context.service, args.version, args.format))
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from relmgr_tui.store.engine import parse_target
    from relmgr_tui.store.transfer import copy_database

    counts = copy_database(args.source, args.target)
    rows = [[table, str(count)] for table, count in counts.items()]
    into = printable(parse_target(args.target).display())
    _print_lines([f"Copied {counts.get('release', 0)} releases into {into}; row counts checked:",
                  *_table(["table", "rows"], rows)])
    return 0


def report_blocked(error: GateBlocked) -> None:
    """Every blocker on its own line: the point of a gate is to see all that is missing at once."""
    report: GateReport = error.report  # type: ignore[assignment]
    print(f"relmgr: blocked: {report.summary()}", file=sys.stderr)
    for blocker in report.blockers:
        print(f"  - {printable(blocker)}", file=sys.stderr)
    if report.overridable:
        print("relmgr: this is an agile release: pass --reason TEXT to override the gate (it is recorded).",
              file=sys.stderr)
