"""The meeting record from the command line: decide, mark a condition met, accept and close risks, and the
rollback plan's steps. Each refuses what the app's forms refuse, with the service's own message."""

from __future__ import annotations

import argparse

from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import print_json
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput, NotFound
from relmgr_tui.domain.model import Attendee, Condition, ReleaseDetail, Risk, RollbackStep, StepStatus, Vote
from relmgr_tui.domain.risk import band_of
from relmgr_tui.safe_text import printable
from relmgr_tui.domain.wording import plural


def parse_attendee(text: str) -> Attendee:
    """'NAME:ROLE:VOTE', e.g. 'Dana:release manager:go'."""
    parts = text.split(":")
    if len(parts) != 3 or not parts[0].strip():
        raise InvalidInput(f"attendee {text!r} is not NAME:ROLE:VOTE, e.g. 'Dana:QA:go'", field="attendees")
    return Attendee(parts[0].strip(), parts[1].strip(), validation.choice(Vote, parts[2].strip(), "vote"))


def parse_condition(text: str) -> Condition:
    """'TEXT;OWNER;YYYY-MM-DD' (the date may be left empty)."""
    parts = text.split(";")
    if len(parts) != 3:
        raise InvalidInput(f"condition {text!r} is not TEXT;OWNER;YYYY-MM-DD", field="conditions")
    return Condition(parts[0].strip(), parts[1].strip(), validation.optional_date(parts[2].strip() or None))


def cmd_decide(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    decision = service.record_decision(
        release.id, args.outcome, [parse_attendee(a) for a in args.attendee], args.rationale,
        [parse_condition(c) for c in args.condition], args.reason)
    print(f"Recorded {decision.outcome.label} on {decision.gate.label} for {printable(release.version)}"
          " (outside a review: no meeting times).")
    return 0


def cmd_condition(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    decision = service.set_condition_met(release.id, args.number, not args.unmet, args.note)
    condition = decision.conditions[args.number - 1]
    state = f"met by {printable(condition.met_by)}" if condition.met else "not met"
    print(f"Condition {args.number} of {printable(release.version)} is {state}: {printable(condition.text)}")
    return 0


def _find(rows: tuple, ref: str, what: str, version: str, label) -> object:
    """A risk or a step by its number in the listing (1-based) or by a unique piece of its text."""
    ref = ref.strip()
    if ref.isascii() and ref.isdigit():
        number = int(ref)
        if 1 <= number <= len(rows):
            return rows[number - 1]
        raise NotFound(f"{version} has {plural(len(rows), what)}; there is no {what} {ref}")
    matches = [row for row in rows if ref and ref.lower() in label(row).lower()]
    if len(matches) != 1:
        raise InvalidInput(f"{ref!r} matches {len(matches)} {what}s of {version}: give the number"
                           f" (`relmgr {what} list {version}` lists them)", field=what)
    return matches[0]


def _risk(detail: ReleaseDetail, ref: str) -> Risk:
    return _find(detail.risks, ref, "risk", detail.release.version, lambda r: r.title)  # type: ignore[return-value]


def _step(detail: ReleaseDetail, ref: str) -> RollbackStep:
    return _find(detail.steps, ref, "step", detail.release.version, lambda s: s.action)  # type: ignore[return-value]


def cmd_risk_accept(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    risk = _risk(service.detail_by_version(args.version), args.risk)
    accepted = service.accept_risk(risk.id, args.by, args.reason, risk.row_version)
    print(f"Accepted risk {printable(accepted.title)} (score {accepted.score}) by {printable(accepted.accepted_by)}:"
          " it stays in the register and no longer blocks.")
    return 0


def cmd_risk_close(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    risk = _risk(service.detail_by_version(args.version), args.risk)
    closed = service.close_risk(risk.id, args.outcome, risk.row_version, args.note)
    print(f"Closed risk {printable(closed.title)}: {closed.outcome.value if closed.outcome else ''}.")
    return 0


def cmd_risk_list(context: Context, args: argparse.Namespace) -> int:
    detail = context.service.detail_by_version(args.version)
    if args.json:
        print_json([{"number": n, "title": r.title, "likelihood": r.likelihood, "impact": r.impact,
                     "score": r.score, "band": band_of(r.score).label, "status": r.status.value,
                     "response": r.response.value, "owner": r.owner, "accepted_by": r.accepted_by,
                     "accepted_reason": r.accepted_reason} for n, r in enumerate(detail.risks, start=1)])
        return 0
    for n, r in enumerate(detail.risks, start=1):
        accepted = f", accepted by {printable(r.accepted_by)}" if r.accepted else ""
        print(f"{n:>3}. {r.score:>2} {band_of(r.score).label:<8} {printable(r.title)}  [{r.status.value},"
              f" {r.response.value}{accepted}]")
    if not detail.risks:
        print("No risks recorded.")
    return 0


def cmd_step_add(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    step = service.add_step(release.id, args.action, args.command, args.owner, args.minutes)
    print(f"Added rollback step {step.position} to {printable(release.version)}: {printable(step.action)}")
    return 0


STEP_STATUS = {"rehearse": StepStatus.REHEARSED, "done": StepStatus.EXECUTED, "failed": StepStatus.FAILED}


def cmd_step_status(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    step = _step(service.detail_by_version(args.version), args.step)
    after = service.set_step_status(step.id, STEP_STATUS[args.action], step.row_version)
    print(f"Rollback step {after.position} of {printable(args.version)} is {after.status.value}:"
          f" {printable(after.action)}")
    return 0
