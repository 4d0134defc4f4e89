"""`relmgr report`: the delivery metrics of a period with their definitions, as Markdown or JSON, on the
hand-built history of tests/service/metrics_history.py (worked out in tests/service/test_metrics.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock
from tests.service.metrics_history import build

METRICS = ("releases_per_week", "lead_time", "time_in_phase", "change_failure_rate", "time_to_restore",
           "on_time_rate", "gate_overrides", "risks_occurred")
SINCE = "2026-10-27"
"""The history's period; it ends now, after all of the history, so the figures do not depend on the day."""


@pytest.fixture
def history(db_path: Path, run_cli):
    store = Store.open(str(db_path))
    try:
        clock = FixedClock()
        build(Service(store, templates.builtin(), who="alice", clock=clock, remember=False), clock)
    finally:
        store.close()
    return run_cli


@pytest.mark.slow
def test_json_has_every_metric_with_its_definition_and_figures(history) -> None:
    report = json.loads(history("report", "--since", SINCE, "--format", "json")[0])
    assert report["period"]["start"] == "2026-10-27T00:00:00+00:00" and report["kind"] is None
    metrics = report["metrics"]
    assert tuple(metrics) == METRICS
    assert all(len(metric["definition"]) > 60 and metric["title"] for metric in metrics.values())
    # Hand-worked in tests/service/test_metrics.py: 4 released, 2 rolled back, C restored in 3.5 days,
    # 2 of 3 on time, 10 of 22 moves over blockers, 2 risks occurred, lead time median 7.5 and p90 18.
    figures = {key: metric["figures"] for key, metric in metrics.items()}
    assert figures["change_failure_rate"] == {"rolled_back": 2, "released": 4, "percent": 50.0}
    assert figures["time_to_restore"] == {"rollbacks": 2, "fixed": 1, "median_days": pytest.approx(3.5)}
    assert figures["on_time_rate"] == {"on_time": 2, "released_with_target": 3, "percent": 66.7}
    assert figures["gate_overrides"] == {"overrides": 10, "moves_forward": 22, "percent": 45.5}
    assert figures["risks_occurred"] == {"risks": 2}
    assert figures["lead_time"][0] == {"kind": "all", "releases": 4, "median_days": pytest.approx(7.5),
                                       "p90_days": pytest.approx(18.0)}
    assert [w["releases"] for w in figures["releases_per_week"]["weeks"][:4]] == [0, 2, 0, 2]
    assert [(p["phase"], p["stays"]) for p in figures["time_in_phase"]] == [
        ("planning", 4), ("building", 4), ("testing", 4), ("preparing", 5), ("deploying", 5)]

    patch = json.loads(history("report", "--since", SINCE, "--kind", "Patch", "--format", "json")[0])
    assert patch["kind"] == "patch" and patch["metrics"]["change_failure_rate"]["figures"]["released"] == 2


@pytest.mark.slow
def test_markdown_writes_out_every_definition(history) -> None:
    out, err = history("report", "--since", SINCE)
    assert err == ""
    assert out.count("\n## ") == len(METRICS) and out.count("*Definition:* ") == len(METRICS)
    assert "- 50% (2 rolled back of 4 released)\n" in out
    assert "- 1 of 2 rollbacks fixed forward, median 3.5 days\n" in out
    assert "- Planning: 13.2 days in 4 stays, median 1 day\n" in out


@pytest.mark.parametrize(("args", "message"), [
    (("--since", "ninety"), "--since 'ninety' is neither a number of days nor a date: give e.g. 90d or 2026-09-01"),
    (("--since", "2999-01-01"), "--since 2999-01-01 is in the future: give a past day or a number of days such"
                                " as 90d"),
    (("--since", "0d"), "a period is at least one day: give a number of days such as 90d"),
    (("--kind", "huge"), "--kind 'huge' is not a release kind: give one of major, minor, patch, emergency"),
])
def test_bad_since_or_kind_is_one_line_and_exit_2(run_cli, args, message) -> None:
    run_cli("new", "1.0.0")
    out, err = run_cli("report", *args, expect=2)
    assert (out, err) == ("", f"relmgr: error: {message}\n")


def test_an_empty_period_says_so(run_cli) -> None:
    run_cli("new", "1.0.0")
    out, _ = run_cli("report", "--since", "7d")
    assert "- 0 released in 2 weeks (0.0 a week)\n" in out
    assert "- nothing released\n" in out and "- no released with a target date\n" in out


def test_the_report_loads_neither_the_table_models_nor_export_code(history, db_path: Path) -> None:
    """Its figures are SQL text (store/metrics.py): a process that runs `relmgr report` loads neither
    SQLAlchemy's ORM nor SQLModel's models, 0.4 s of a command's start."""
    probe = ("import io, sys, contextlib; from relmgr_tui.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
             f"    status = main(['--db', {str(db_path)!r}, 'report', '--since', {SINCE!r}])\n"
             "print(status, 'Delivery report' in out.getvalue(),"
             " sorted(m for m in sys.modules if m in ('sqlalchemy.orm', 'sqlmodel', 'relmgr_tui.store.tables', 'relmgr_tui.export',"
             " 'relmgr_tui.calendar_out', 'textual')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0] == "0 True []"
