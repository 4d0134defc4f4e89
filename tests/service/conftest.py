"""Service tests run on SQLite and, when RELMGR_TEST_PG_URL is set, on PostgreSQL: `store` is overridden
here so the root `service` fixture (fixed clock, who="alice") sits on the parametrized backend."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.model import PHASES
from relmgr_tui.domain.templates import TemplateItem, TemplateSet
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock


@pytest.fixture
def store(backend_store: Store) -> Store:
    return backend_store


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
