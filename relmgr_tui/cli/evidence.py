"""`relmgr evidence`: the evidence pack of a release (canonical JSON and its SHA-256), and `--verify`,
which says whether anything recorded before the release has changed since."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import print_json
from relmgr_tui.domain import evidence_pack
from relmgr_tui.safe_text import printable
from relmgr_tui.safe_write import write_exclusive

CHANGED = 1
"""`--verify` found a change: like a gate that refused a move, a check that said no."""


def cmd_evidence(context: Context, args: argparse.Namespace) -> int:
    if args.verify:
        return _verify(context, args)
    data = context.service.evidence_pack(args.version)
    body = evidence_pack.canonical(data)
    digest = hashlib.sha256(body).hexdigest()
    if args.output:
        write_exclusive(Path(args.output), body)
        if args.json:
            print_json({"file": args.output, "sha256": digest})
        else:
            print(f"Wrote the evidence pack of {printable(args.version)} to {printable(args.output)}\nsha256 {digest}")
    elif args.json:
        print_json({"sha256": digest, "pack": data})
    else:
        sys.stdout.write(_summary(args.version, data, digest))
    return 0


def _summary(version: str, data: dict, digest: str) -> str:
    items = [item for phase in data["checklists"].values() for item in phase]
    with_evidence = sum(1 for item in items if item["evidence_url"] or item["evidence_note"])
    return (f"Evidence pack of {printable(version)}: {len(data['scope'])} scope items, {len(items)} checklist items ({with_evidence} with evidence),"
            f" {len(data['risks'])} risks, {len(data['rollback_plan'])} rollback steps,"
            f" {len(data['decisions'])} decisions, {len(data['log'])} audit events\n"
            f"sha256 {digest}\n"
            "Write it with --output FILE (canonical JSON: sha256sum FILE gives the same hash), or print it with"
            " --json.\n")


def _verify(context: Context, args: argparse.Namespace) -> int:
    seal, changed = context.service.verify_evidence(args.version)
    if args.json:
        print_json({"sha256_at_release": seal.sha256, "unchanged": not changed, "changed_parts": changed})
    elif changed:
        print(f"{printable(args.version)}: changed since release: {', '.join(changed)}")
    else:
        print(f"{printable(args.version)}: unchanged since release (sha256 {seal.sha256})")
    return CHANGED if changed else 0
