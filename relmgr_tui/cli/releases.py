"""The release commands: info, new, list and show."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relmgr_tui import __version__, export
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.scope import scope_lines
from relmgr_tui.cli.schedule import schedule_facts
from relmgr_tui.domain.schedule import window_data
from relmgr_tui.cli.output import (
    due,
    local_time,
    local_today,
    print_json,
    print_lines,
    text_table,
)
from relmgr_tui.domain import card_filter, kind_change, lifecycle, signoff_status, validation
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.card_filter import CardFilter
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import PHASES, Release, ReleaseDetail, ReleaseState
from relmgr_tui.domain.risk import band_of, sorted_by_score
from relmgr_tui.safe_text import printable
from relmgr_tui.domain.wording import plural

if TYPE_CHECKING:
    from relmgr_tui.service import Service

def cmd_info(context: Context, args: argparse.Namespace) -> int:
    """The version and where everything is; the counts only of a database that exists (none is created)."""
    service = context.service
    database = service.database()
    data = {
        "version": __version__,
        **(service.info() if database.exists else {"database": database.url}),
        "exists": database.exists,
        "config": context.config_path,
        "templates": service.templates.source,
        "read_only": service.read_only,
    }
    if args.json:
        print_json(data)
        return 0
    rows = [
        ("relmgr", data["version"]),
        ("database", data["database"] + database.note),
        ("config", data["config"] + ("" if Path(data["config"]).is_file() else " (absent: defaults)")),
        ("templates", data["templates"]),
        *(_count_rows(data) if database.exists else ()),
    ]
    print_lines([f"{name:<16} {printable(value)}" for name, value in rows])
    return 0


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
    warning = validation.past_target_warning(release.target_date, local_today(service))
    if warning:
        print(f"relmgr: warning: {warning}", file=sys.stderr)
    items = len(service.detail(release.id).items)
    print(f"Created {printable(release.version)} ({release.kind.value}, {release.methodology.value}) in Planning"
          f" with {plural(items, 'checklist item')}.")
    return 0


def cmd_edit(context: Context, args: argparse.Namespace) -> int:
    """Only the options given change; a change to what a go/no-go meeting saw makes an unused decision stale.
    `--apply-templates` then gives the phases not yet reached the checklists of the release's kind."""
    service = context.service
    before = service.detail_by_version(args.version).release
    given = {"version": args.new_version, "title": args.title, "kind": args.kind, "methodology": args.methodology,
             "target_date": args.target, "owner": args.owner, "summary": args.summary}
    changes = {name: value for name, value in given.items() if value is not None}
    if args.apply_templates:
        kind_change.refuse_finished(before)  # before the edit: nothing is half done
    elif not changes:
        raise InvalidInput("nothing to change: give at least one of --new-version, --title, --kind, --methodology,"
                           " --target, --owner, --summary, --apply-templates")
    after = service.edit_release(before.id, before.row_version, args.reason, **changes) if changes else before
    if changes:
        _report_edit(service, before, after, changes)
    if args.apply_templates:
        _apply_templates(service, after)
    elif after.kind is not before.kind:
        print(f"Its checklists are still the {before.kind.value} ones: `relmgr edit {printable(after.version)}"
              f" --apply-templates` gives the phases not yet reached the {after.kind.value} items.")
    return 0


def _report_edit(service: Service, before: Release, after: Release, changes: dict) -> None:
    if after.row_version == before.row_version:
        print(f"{printable(after.version)}: nothing changed.")
        return
    if "target_date" in changes:
        warning = validation.past_target_warning(after.target_date, local_today(service))
        if warning:
            print(f"relmgr: warning: {warning}", file=sys.stderr)
    print(f"Edited {printable(after.version)}.")


def _apply_templates(service: Service, release: Release) -> None:
    changes = [change for change in service.apply_kind_templates(release.id) if change]
    if not changes:
        print(f"{printable(release.version)}: the phases not yet reached already have the {release.kind.value}"
              " checklists.")
        return
    print(f"Applied the {release.kind.value} checklists to {printable(release.version)}:")
    for change in changes:
        print(f"  {change.summary()}")


def cmd_list(context: Context, args: argparse.Namespace) -> int:
    today = local_today(context.service)
    wanted = card_filter.parse(args.filter, today, context.settings.manager_name)
    if wanted.problem:
        raise InvalidInput(f"--filter: {wanted.problem}", field="filter")
    rows = context.service.releases_with_progress(args.phase, include_archived=args.all)
    if wanted.active:
        rows = _matching(context, rows, wanted)
    for problem in context.service.skipped_rows():
        print(f"relmgr: warning: {problem}: left out of this list", file=sys.stderr)
    if args.json:
        print_json([export.release_row(release, done, total) for release, done, total in rows])
        return 0
    if not rows:
        where = f" in {args.phase.label}" if args.phase else ""
        where += f" matching {args.filter.strip()!r}" if wanted.active else ""
        scope = "" if args.all else " on the board (`--all` includes archived ones)"
        print(f"No releases{where}{scope}. `relmgr new VERSION` creates one.")
        return 0
    header = ("VERSION", "PHASE", "STATE", "KIND", "OWNER", "TARGET", "DONE", "TITLE")
    table = [
        (printable(r.version), r.phase.label, r.state.label, r.kind.value, printable(r.owner) or "-",
         due(r, today), f"{done}/{total}", printable(r.title))
        for r, done, total in rows
    ]
    print_lines(text_table(header, table))
    return 0


def _matching(context: Context, rows: list[tuple[Release, int, int]], wanted: CardFilter) -> list:
    """The rows the filter lets through, judged as the board judges their cards (gate, live risks)."""
    cards = {card.release.id: card for card in context.service.board()}
    return [(release, done, total) for release, done, total in rows
            if wanted.matches(cards.get(release.id) or Card.finished(release, done, total))]


def cmd_show(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    detail = service.detail_by_version(args.version)
    report = service.gate_report(detail)
    if args.json:
        data = export.release_data(detail, report, service.decision_statuses(detail))
        print_json({**data, "window": window_data(detail.release.window, service.timezone)})
        return 0
    lines = _show_lines(detail, local_today(service), service.decision_statuses(detail))
    print_lines(lines[:2] + schedule_facts(detail, service.timezone) + lines[2:]
                + _signoff_lines(detail, service.templates.signoffs) + _gate_lines(report))
    return 0


def _show_lines(detail: ReleaseDetail, today: date, statuses: Mapping[int, str]) -> list[str]:
    release = detail.release
    facts = (f"{release.kind.value}, {release.methodology.value} | {release.phase.label} ({release.state.label})"
             f" | owner {printable(release.owner) or '-'} | target {due(release, today)}")
    lines = [f"{printable(release.version)}  {printable(release.title)}", f"  {facts}"]
    wording = lifecycle.state_wording(release, today)
    if wording:
        lines.append(f"  {printable(wording)}")
    lines += [f"  {printable(line)}" for line in release.summary.splitlines()]
    return lines + scope_lines(detail.scope) + _checklist_lines(detail) + _risk_lines(detail) + \
        _rollback_lines(detail) + _decision_lines(detail, statuses, today)


def _checklist_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Checklist"]
    for phase in PHASES:
        items = detail.items_in(phase)
        current = "  <- current phase" if phase is detail.release.phase else ""
        lines.append(f"  {phase.label}  {sum(i.done for i in items)}/{len(items)} done{current}")
        for number, item in enumerate(items, start=1):
            optional = " (optional)" if not item.required else ""
            done = f"  - {printable(item.done_by)} {local_time(item.done_at)}" if item.done else ""
            lines.append(f"    {number:>2}. [{'x' if item.done else ' '}] {printable(item.text)}{optional}{done}")
            if item.evidence:
                lines.append(f"        evidence: {printable(item.evidence)}")
    return lines


def _risk_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Risks (highest score first)"]
    for risk in sorted_by_score(detail.risks):
        band = band_of(risk.score).label
        owner = printable(risk.owner) or "no owner"
        lines.append(f"  {risk.score:>2} {band:<8} {printable(risk.title)}  [{risk.status.value}, {owner},"
                     f" {risk.response.value}]")
        if risk.accepted:
            lines.append(f"{'':14}accepted by {printable(risk.accepted_by)}: {printable(risk.accepted_reason)}")
        for label, text in (("mitigation", risk.mitigation), ("contingency", risk.contingency)):
            if text:
                lines.append(f"{'':14}{label}: {printable(text)}")
    return lines if detail.risks else lines + ["  none recorded"]


def _rollback_lines(detail: ReleaseDetail) -> list[str]:
    lines = ["", "Rollback plan"]
    for number, step in enumerate(detail.steps, start=1):
        owner = f", {printable(step.owner)}" if step.owner else ""
        rehearsed = f", rehearsed {local_time(step.last_rehearsed_at)}" if step.last_rehearsed_at else ""
        lines.append(f"  {number:>2}. [{step.status.value}] {printable(step.action)} ({step.expected_minutes} min"
                     f"{owner}{rehearsed})")
        if step.command:
            lines.append(f"      $ {printable(step.command)}")
    return lines if detail.steps else lines + ["  no steps yet"]


def _decision_lines(detail: ReleaseDetail, statuses: Mapping[int, str], today: date) -> list[str]:
    lines = ["", "Go/no-go decisions (newest first)"]
    for decision in detail.decisions:
        state = statuses[decision.id]
        shown = "STALE" + state[len("stale"):] if state.startswith("stale") else state
        lines.append(f"  {local_time(decision.decided_at)}  {decision.outcome.label} on {decision.gate.label}"
                     f" by {printable(decision.decided_by)}: {printable(shown)}")
        lines.append(f"    rationale: {printable(decision.rationale)}")
        if decision.override_reason:
            lines.append(f"    override: {printable(decision.override_reason)}")
        votes = ", ".join(f"{printable(a.name)} ({printable(a.function)}) {a.vote.label}" for a in decision.attendees)
        lines.append(f"    votes: {votes}")
        for number, condition in enumerate(decision.conditions, start=1):
            deadline = condition.deadline.isoformat() if condition.deadline else "no deadline"
            met = (f"met by {printable(condition.met_by)} {local_time(condition.met_at)}" if condition.met_at
                   else "OVERDUE" if condition.overdue(today) else "not met")
            note = f": {printable(condition.met_note)}" if condition.met_note else ""
            lines.append(f"    condition {number}: {printable(condition.text)} ({printable(condition.owner) or 'no owner'},"
                         f" by {deadline}) [{met}{note}]")
    return lines if detail.decisions else lines + ["  none recorded"]


def _signoff_lines(detail: ReleaseDetail, rules: Mapping[str, tuple[str, ...]]) -> list[str]:
    lines = signoff_status.lines(detail, rules)
    shown = [f"  {printable(line.words())}" for line in lines] or ["  none asked for"]
    return ["", signoff_status.heading(detail), *shown]


def _gate_lines(report: GateReport) -> list[str]:
    if not report.state.on_board:
        return ["", f"Gate: none, the release is {report.state.label}"]
    lines = ["", f"Gate: {report.phase.label} -> {report.target_label}", f"  {report.summary(arrow='->')}"]
    lines += [f"  - {printable(blocker)}" for blocker in report.blockers]
    lines += [f"  ! {printable(warning)}" for warning in report.warnings]
    return lines
