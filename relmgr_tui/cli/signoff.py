"""Sign-offs from the command line: sign the next move of a release in a role, as yourself (the OS user on
SQLite, the database role on PostgreSQL: there is no option to type a name), revoke it, or list them."""

from __future__ import annotations

import argparse

from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import local_time, print_json, print_lines, text_table
from relmgr_tui.domain import signoff_status
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Verdict, move_label
from relmgr_tui.safe_text import printable


def cmd_signoff(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    version = printable(release.version)
    if args.list:
        return _list(context, args)
    if not args.role:
        roles = ", ".join(service.templates.signoff_roles) or "none"
        raise InvalidInput(f"give the role you sign as with --role (the templates ask for: {roles})", field="role")
    if args.revoke:
        gone = service.revoke_signoff(release.id, args.role)
        print(f"Revoked your {gone.role} sign-off of {version} (before {move_label(gone.move)}).")
        return 0
    signed = service.sign_off(release.id, args.role, Verdict.REJECT if args.reject else Verdict.APPROVE, args.comment)
    print(f"Signed off {version} as {signed.role} ({signed.verdict.label}, before {move_label(signed.move)})"
          f" by {printable(signed.who)}.")
    return 0


def cmd_signoffs(context: Context, args: argparse.Namespace) -> int:
    return _list(context, args)


def _list(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    detail = service.detail_by_version(args.version)
    rules = service.templates.signoffs
    if args.json:
        print_json({"version": detail.release.version, **signoff_status.summary(detail, rules)})
        return 0
    lines = signoff_status.lines(detail, rules)
    print(f"{signoff_status.heading(detail)} of {printable(detail.release.version)}")
    if not lines:
        print("None asked for.")
        return 0
    rows = [(line.role, line.state, printable(line.signoff.who) if line.signoff else "-",
             local_time(line.signoff.signed_at) if line.signoff else "-",
             printable(line.signoff.comment) if line.signoff else "") for line in lines]
    print_lines(text_table(("ROLE", "VERDICT", "WHO", "WHEN", "COMMENT"), rows))
    return 0
