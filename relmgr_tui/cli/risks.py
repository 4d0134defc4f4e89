"""The risk register commands: risk add."""

from __future__ import annotations

import argparse

from relmgr_tui.bootstrap import Context
from relmgr_tui.domain.risk import band_of
from relmgr_tui.safe_text import printable


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
