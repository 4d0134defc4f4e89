"""The phase commands: advance through a gate, move back; and how a refused gate is told."""

from __future__ import annotations

import argparse
import sys

from relmgr_tui.bootstrap import Context
from relmgr_tui.domain.errors import GateBlocked
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import ReleaseState
from relmgr_tui.safe_text import printable
from relmgr_tui.domain.wording import plural


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
        print(f"Overrode {plural(len(report.blockers), 'blocker')} with the reason: {printable(args.reason.strip())}")
    return 0


def cmd_back(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    before = service.release(args.version)
    after = service.move_back(before.id, args.reason, before.row_version)
    print(f"{printable(after.version)} moved back from {before.phase.label} to {after.phase.label}.")
    return 0


def report_blocked(error: GateBlocked) -> None:
    """Every blocker on its own line: the point of a gate is to see all that is missing at once."""
    report: GateReport = error.report  # type: ignore[assignment]
    print(f"relmgr: blocked: {report.summary(arrow='->')}", file=sys.stderr)
    for blocker in report.blockers:
        print(f"  - {printable(blocker)}", file=sys.stderr)
    if report.overridable:
        print("relmgr: this is an agile release: pass --reason TEXT to override the gate (it is recorded).",
              file=sys.stderr)
