"""The command line run in this process through `cli.main`: the real parser, handlers and exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from relmgr_tui.cli import main

Run = Callable[..., tuple[str, str]]


@pytest.fixture
def run_cli(db_path: Path, capsys) -> Run:
    """run_cli(*args, expect=0) -> (stdout, stderr), asserting the exit status."""
    def run(*args: str, expect: int = 0) -> tuple[str, str]:
        capsys.readouterr()
        status = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        assert status == expect, (out, err)
        return out, err
    return run
