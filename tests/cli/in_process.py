"""`relmgr ARGS` through `cli.main` in the test's own process, shaped like `subprocess.run`'s result.

`python -m relmgr_tui` calls `main` and exits with its status; an interpreter start costs more than a
second of CPU and proves nothing a command does. Tests of what only a real process shows (signals, a
closed pipe, the status the process exits with) still start one.
"""

from __future__ import annotations

import io
import subprocess
from contextlib import redirect_stderr, redirect_stdout

from relmgr_tui.cli import main


def relmgr(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `relmgr ARGS`: its exit status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's own exits: what the process would exit with
            status = exit_.code
    return subprocess.CompletedProcess(["relmgr", *args], status, out.getvalue(), err.getvalue())
