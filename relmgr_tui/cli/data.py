"""The commands that move data in and out: backup, demo, export, minutes and copy."""

from __future__ import annotations

import argparse
import sys
import time

from relmgr_tui import export
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import print_lines, text_table
from relmgr_tui.minutes import run_minutes_command
from relmgr_tui.safe_text import printable
from relmgr_tui.domain.wording import plural


def cmd_backup(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    written = service.backup(args.path, force=args.force)
    print(f"Backed up {printable(service.database().url)} to {printable(str(written))}.")
    return 0


def cmd_demo(context: Context, args: argparse.Namespace) -> int:
    from relmgr_tui import demo

    service = context.service
    started = time.perf_counter()
    result = demo.generate(service, args.releases, args.seed, service.clock())
    elapsed = time.perf_counter() - started
    print(f"Added {plural(result.releases, 'demo release')} ({result.on_board} on the board,"
          f" {result.archived} archived)"
          f" to {printable(service.database().url)} in {elapsed:.1f} s.")
    return 0


def cmd_export(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    detail = service.detail_by_version(args.version)
    sys.stdout.write(export.render(args.format, detail, service.gate_report(detail),
                                   service.decision_statuses(detail), service.audit_log(args.version)))
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
    print_lines([f"Copied {plural(counts.get('release', 0), 'release')} into {into}; row counts checked:",
                  *text_table(["table", "rows"], rows)])
    return 0
