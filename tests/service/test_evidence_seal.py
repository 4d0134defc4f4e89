"""The evidence pack sealed in the transaction that marks a release released, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service


def released(service: Service) -> int:
    release = service.create_release("3.1.0", "Ledger", "patch", methodology="agile")
    item = service.detail(release.id).items_in(Phase.PLANNING)[0]
    service.set_done(item.id, True, None, "https://ci.example.com/runs/3", "3 passed")
    for _ in range(5):
        service.advance(release.id, "patch: gates advise")
    return release.id


def test_the_seal_matches_the_records_as_they_were_at_release(service: Service, clock) -> None:
    release_id = released(service)
    seal, changed = service.verify_evidence("3.1.0")
    assert changed == []
    sealed = service.activity(release_id)[0]
    assert (sealed.action, sealed.new.split(";")[0]) == ("release.evidence", f"sha256 {seal.sha256}")
    clock.advance(hours=1)
    service.transition(release_id, "rolled_back", "payments failing")  # a later record, not a change
    assert service.verify_evidence("3.1.0")[1] == []


def test_a_release_whose_move_to_released_was_undone_has_no_seal_to_verify(store, clock) -> None:
    tracked = Service(store, templates.builtin(), who="alice", clock=clock, remember=True)
    released(tracked)
    tracked.undo()
    with pytest.raises(InvalidInput, match="3.1.0 has not been released"):
        tracked.verify_evidence("3.1.0")
