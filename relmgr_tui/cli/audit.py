"""`relmgr log`: the audit log out, for an auditor: every event with who, when, what, old and new, oldest
first, as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import datetime, time

from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.events import text_line
from relmgr_tui.cli.output import print_json
from relmgr_tui.domain import validation
from relmgr_tui.export import event_record
from relmgr_tui.safe_text import printable

CSV_COLUMNS = ("id", "time", "who", "release", "action", "old", "new", "reason")


def since_moment(text: str | None) -> datetime | None:
    """The start of the day `--since` names, in local time (the time the log is shown in)."""
    day = validation.optional_date(text, "--since date")
    return datetime.combine(day, time()).astimezone() if day else None


def to_csv(records: list[dict[str, object]], safe: bool) -> str:
    """A header row, then one row per event, quoted where a value needs it. `safe`: printed to a terminal,
    where a control character in a value must not drive it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({name: printable(str(value)) if safe else value for name, value in record.items()})
    return out.getvalue()


def cmd_log(context: Context, args: argparse.Namespace) -> int:
    events = context.service.audit_log(args.version, since_moment(args.since))
    if args.json:
        print_json([event_record(event) for event in events])
    elif args.format == "csv":
        sys.stdout.write(to_csv([event_record(event) for event in events], sys.stdout.isatty()))
    else:
        sys.stdout.write("".join(f"{text_line(event)}\n" for event in events))
    return 0
