"""A release ready for its go/no-go review, for the review's Pilot, snapshot, minutes and SIGHUP tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from relmgr_tui.bootstrap import create_app
from relmgr_tui.domain.model import Attendee, Phase, Vote
from relmgr_tui.service import Service
from relmgr_tui.ui.app import RelmgrApp
from tests.conftest import FixedClock
from tests.ui import seeded

VERSION = "2.4.0"
ATTENDEES = (
    Attendee("Ana", "release manager", Vote.GO),
    Attendee("Bo", "QA", Vote.NO_GO),
    Attendee("Cy", "operations", Vote.ABSTAIN),
)


def seed_review(service: Service, methodology: str = "waterfall") -> int:
    """2.4.0 in Preparing: one item done, one with a note, four open risks (one critical), a rollback plan
    with one unrehearsed step, and an earlier NO-GO whose attendees the next meeting starts from."""
    release = service.create_release(VERSION, "Spring payments overhaul", "major", methodology, "ana",
                                      date(2026, 12, 8), "Card payments move to the new processor.")
    while service.detail(release.id).release.phase is not Phase.PREPARING:
        detail = service.detail(release.id)
        for item in detail.items_in(detail.release.phase):
            service.set_done(item.id, True)
        service.advance(release.id)
    items = service.detail(release.id).items_in(Phase.PREPARING)
    service.set_done(items[0].id, True)
    service.edit_item(items[1].id, None, owner="bo", note="waiting for the partner sandbox")
    service.add_risk(release.id, "Identity provider outage", 4, 5, owner="cy", mitigation="fallback login page")
    service.add_risk(release.id, "Card processor API change", 3, 4, owner="ana", mitigation="contract tests")
    service.add_risk(release.id, "Currency rounding [red]bug[/red]", 3, 3, owner="ana")
    service.add_risk(release.id, "Slow settlement batch", 2, 2, owner="dee")
    step = service.add_step(release.id, "Redeploy the previous build", "deploy --version 2.3.9", "ops", 10)
    service.rehearse_step(step.id)
    service.add_step(release.id, "Roll back the ledger migration", "migrate down 0042", "dba", 15)
    service.record_decision(release.id, "no_go", ATTENDEES, "QA has not signed off.")
    return release.id


def review_app(db: Path, clock: FixedClock | None = None, read_only: bool = False,
               methodology: str = "waterfall") -> tuple[RelmgrApp, int]:
    """An app on a seeded database (seeded before a read-only app opens it)."""
    clock = clock or FixedClock()
    if seeded.may_copy(db):
        release_id = seeded.copy_seeded(db, clock.now, f"review {methodology}",
                                        lambda service: seed_review(service, methodology))
        return create_app(str(db), clock=clock, who="alice", read_only=read_only), release_id
    if read_only:
        seeding = create_app(str(db), clock=clock, who="alice")
        release_id = seed_review(seeding.service)
        seeding.service.close()
        return create_app(str(db), clock=clock, who="alice", read_only=True), release_id
    app = create_app(str(db), clock=clock, who="alice")
    with app.service.unrecorded():
        return app, seed_review(app.service, methodology)
