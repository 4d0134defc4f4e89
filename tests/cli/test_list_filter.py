"""`relmgr list --filter`: the board's filter language on the command line, the same words and facets, and
one error line for a term it cannot use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relmgr_tui import paths
from relmgr_tui.domain import templates
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store


@pytest.fixture
def relmgr(run_cli, db_path: Path):
    """Four releases: 1.0.0 late with a critical risk, 1.1.0 an emergency due in 2 days owned by sam,
    1.2.0 on hold, 0.9.0 released (archived)."""
    today = datetime.now(UTC).astimezone().date()
    store = Store.open(str(db_path))
    try:
        service = Service(store, templates.builtin(), who="alice")
        late = service.create_release("1.0.0", "Payments ledger", owner="ana", target_date=today - timedelta(days=3))
        service.add_risk(late.id, "Processor outage", 4, 5)
        service.create_release("1.1.0", "Login hotfix", kind="emergency", owner="Sam Patel",
                               target_date=today + timedelta(days=2))
        held = service.create_release("1.2.0", "Payments search", owner="ana", target_date=today + timedelta(days=30))
        service.transition(held.id, Transition.HOLD, "vendor")
        done = service.create_release("0.9.0", "Payments beta", owner="ana", target_date=today - timedelta(days=40))
        service.transition(done.id, Transition.CANCEL, "superseded")
    finally:
        store.close()
    return run_cli


def versions(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


@pytest.mark.parametrize(("terms", "expected"), [
    ("late", ["1.0.0"]),
    ("due:7d", ["1.0.0", "1.1.0"]),
    ("hold", ["1.2.0"]),
    ("emergency", ["1.1.0"]),
    ("kind:minor", ["1.0.0", "1.2.0"]),
    ("risk:c", ["1.0.0"]),
    ("risk:m+", ["1.0.0"]),
    ("owner:sam", ["1.1.0"]),
    ("blocked", ["1.0.0", "1.1.0", "1.2.0"]),
    ("payments", ["1.0.0", "1.2.0"]),
    ("payments hold", ["1.2.0"]),
    ("late risk:c payments", ["1.0.0"]),
])
def test_each_facet_and_combination_lists_the_matching_releases(relmgr, terms, expected) -> None:
    out, _ = relmgr("list", "--filter", terms)
    assert versions(out) == expected


def test_archived_releases_match_words_but_have_no_gate(relmgr) -> None:
    assert versions(relmgr("list", "--all", "--filter", "payments")[0]) == ["0.9.0", "1.0.0", "1.2.0"]
    assert versions(relmgr("list", "--all", "--filter", "payments late")[0]) == ["1.0.0"]


def test_mine_is_the_configured_manager_and_without_one_is_an_error(relmgr) -> None:
    _, err = relmgr("list", "--filter", "mine", expect=2)
    assert err == ("relmgr: error: --filter: mine: no manager_name is set in config.toml; set it, or use"
                   " owner:NAME\n")
    paths.config_dir().mkdir(parents=True)
    paths.config_file().write_text('manager_name = "sam patel"\n', encoding="utf-8")
    assert versions(relmgr("list", "--filter", "mine")[0]) == ["1.1.0"]


def test_an_unknown_facet_is_one_error_line_and_nothing_matching_says_so(relmgr) -> None:
    _, err = relmgr("list", "--filter", "late foo:bar", expect=2)
    assert err.startswith("relmgr: error: --filter: unknown filter 'foo:': try late, due:7d, hold, emergency,")
    assert err.count("\n") == 1
    out, _ = relmgr("list", "--filter", "ready")
    assert out == "No releases matching 'ready' on the board (`--all` includes archived ones)." \
                  " `relmgr new VERSION` creates one.\n"
