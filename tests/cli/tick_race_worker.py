"""One process of the check/uncheck race: ONE interpreter that calls relmgr's `main()` CALLS times, as a
CI pipeline's `relmgr check` would, without paying for an interpreter start on each call.

    python tests/cli/tick_race_worker.py DB VERSION ITEM SEED CALLS

Prints, as one JSON list, each call's command, exit status and what it wrote to stdout and stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys

from relmgr_tui.cli import main


def call(argv: list[str]) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return {"command": argv[2], "status": status, "out": out.getvalue(), "err": err.getvalue()}


def race(db: str, version: str, item: str, seed: int, calls: int) -> list[dict[str, object]]:
    commands = random.Random(seed).choices(["check", "uncheck"], k=calls)
    return [call(["--db", db, command, version, item]) for command in commands]


if __name__ == "__main__":
    db, version, item, seed, calls = sys.argv[1:]
    json.dump(race(db, version, item, int(seed), int(calls)), sys.stdout)
