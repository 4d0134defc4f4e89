"""Service tests run on SQLite and, when RELMGR_TEST_PG_URL is set, on PostgreSQL: `store` is overridden
here so the root `service` fixture (fixed clock, who="alice") sits on the parametrized backend."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.model import PHASES
from relmgr_tui.domain.templates import TemplateItem, TemplateSet
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock


@pytest.fixture
def store(backend_store: Store) -> Store:
    return backend_store


@pytest.fixture
def tracked(store: Store, clock) -> Service:
    """This terminal, remembering its changes for undo."""
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=True)


@pytest.fixture
def colleague(store: Store, clock) -> Service:
    """Another terminal (its own engine and connections) on the same database."""
    other = Store.open(store.engine.url.render_as_string(hide_password=False))
    yield Service(other, templates.builtin(), who="bob", clock=clock)
    other.close()


@pytest.fixture
def small_templates() -> TemplateSet:
    """Two items a phase (one required, one optional): walking a release through the phases stays short."""
    sets = {
        "standard": {
            phase: (TemplateItem(f"Finish {phase.value}"), TemplateItem(f"Tidy up {phase.value}", required=False))
            for phase in PHASES
        },
        "emergency": {phase: (TemplateItem(f"Expedite {phase.value}"),) for phase in PHASES},
    }
    return TemplateSet(sets, source="test")


@pytest.fixture
def quick(store: Store, small_templates: TemplateSet, clock: FixedClock) -> Service:
    """A service like `service` (same database, who="alice", fixed clock) with the small templates."""
    return Service(store, small_templates, who="alice", clock=clock, remember=False)
