"""The reports: `relmgr report`, the delivery metrics of a period for a quarterly report, each with its
definition written out, as Markdown or JSON; and `relmgr digest`, the board summed up for a morning mail."""

from __future__ import annotations

import argparse
import sys

from relmgr_tui.bootstrap import Context
from relmgr_tui import digest
from relmgr_tui.cli.output import local_today, print_json
from relmgr_tui.domain.metrics import DEFINITIONS, TITLES, Metrics


def markdown(metrics: Metrics) -> str:
    """A heading per metric: its figures as a list, then its definition."""
    kind = f"{metrics.kind.value} releases" if metrics.kind else "all kinds"
    lines = [f"# Delivery report: {metrics.period.wording()}", "",
             f"Period: {metrics.period.wording()} (UTC), {kind}.", ""]
    for key, sentences in metrics.sentences().items():
        lines += [f"## {TITLES[key]}", "", *(f"- {sentence}" for sentence in sentences), "",
                  f"*Definition:* {DEFINITIONS[key]}", ""]
    return "\n".join(lines)


def cmd_report(context: Context, args: argparse.Namespace) -> int:
    metrics = context.service.metrics(since=args.since, kind=args.kind)
    if args.format == "json":
        print_json(metrics.as_json())
    else:
        sys.stdout.write(markdown(metrics))
    return 0


def cmd_digest(context: Context, args: argparse.Namespace) -> int:
    sys.stdout.write(digest.render(args.format, digest.build(context.service, local_today(context.service))))
    return 0
