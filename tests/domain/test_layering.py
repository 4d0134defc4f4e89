"""The layers of relmgr_tui/ARCHITECTURE.md: the domain is pure Python; only store/ talks SQL."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import relmgr_tui

PACKAGE = Path(relmgr_tui.__file__).parent
DOMAIN_MODULES = sorted(
    f"relmgr_tui.domain.{p.stem}" for p in (PACKAGE / "domain").glob("*.py") if p.stem != "__init__"
)
HEAVY = ("textual", "sqlalchemy", "sqlmodel", "alembic", "platformdirs", "tomli_w", "rich")
SQL_PACKAGES = ("sqlalchemy", "sqlmodel", "alembic")


def test_domain_imports_nothing_heavy_in_a_fresh_interpreter() -> None:
    assert {"relmgr_tui.domain.gates", "relmgr_tui.domain.templates", "relmgr_tui.domain.risk"} <= set(DOMAIN_MODULES)
    code = (
        "import importlib, json, sys\n"
        f"for name in {DOMAIN_MODULES!r}: importlib.import_module(name)\n"
        "from relmgr_tui.domain import templates; templates.builtin()\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Every module name an `import` or `from ... import` in the file names (relative ones resolved)."""
    if source is None:
        source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _uses(names: set[str], package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in names)


def test_only_store_imports_sqlalchemy_sqlmodel_or_alembic() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "store") in path.parents:
            continue
        names = imported_modules(path)
        offenders += [f"{path.relative_to(PACKAGE)} imports {p}" for p in SQL_PACKAGES if _uses(names, p)]
    assert offenders == []


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    stdlib = sys.stdlib_module_names
    offenders = []
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in stdlib or top == "__future__" or _uses({name}, "relmgr_tui.domain"):
                continue
            offenders.append(f"{path.name} imports {name}")
    assert offenders == []


def test_ui_never_reaches_into_the_database() -> None:
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        names = imported_modules(path)
        for forbidden in (*SQL_PACKAGES, "relmgr_tui.store.tables", "relmgr_tui.store.engine"):
            if _uses(names, forbidden):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {forbidden}")
    assert offenders == []


def test_import_checker_sees_the_forms_it_must_catch() -> None:
    """The checks above are only as good as `imported_modules`: it must see every spelling."""
    source = (
        "import sqlalchemy.orm as orm\n"
        "from sqlmodel import Session\n"
        "from ...store import tables\n"
        "def later():\n"
        "    from relmgr_tui.store.engine import open_engine\n"
    )
    names = imported_modules(PACKAGE / "ui" / "screens" / "probe.py", source)
    assert _uses(names, "sqlalchemy")
    assert _uses(names, "sqlmodel")
    assert _uses(names, "relmgr_tui.store.tables"), "from ...store in ui/screens/ is relmgr_tui.store"
    assert _uses(names, "relmgr_tui.store.engine"), "imports inside functions count too"
    names = imported_modules(PACKAGE / "ui" / "probe.py", "from ..store import tables\n")
    assert _uses(names, "relmgr_tui.store.tables")


def test_the_ui_reaches_data_only_through_the_service() -> None:
    """No `.store` attribute in the UI: stores, sessions and revisions are the service's business."""
    ui = Path(relmgr_tui.__file__).parent / "ui"
    offenders = [
        f"{path.relative_to(ui.parent)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ".store." in line or ".store)" in line
    ]
    assert offenders == []
