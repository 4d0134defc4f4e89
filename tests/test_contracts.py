"""The layers of relmgr_tui/ARCHITECTURE.md hold: `lint-imports` checks the contracts in pyproject.toml
(each layer imports only those below it, nothing imports the command line, only the store talks SQL, no
import cycles between siblings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_contract_is_kept() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
