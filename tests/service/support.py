"""Helpers for the service tests: the audit event a use case wrote, and walking a release forward."""

from __future__ import annotations

from datetime import datetime, timedelta

from relmgr_tui.domain.model import Attendee, Event, Outcome, Phase, Release, Vote
from relmgr_tui.service import Service

TEAM = (
    Attendee("Dana", "release manager", Vote.GO),
    Attendee("Ravi", "QA lead", Vote.GO),
    Attendee("Mei", "operations", Vote.ABSTAIN),
)


def only_new_event(service: Service, release_id: int, before: int) -> Event:
    """The one event written since the release had `before` events (asserting there is exactly one)."""
    events = service.activity(release_id)
    assert len(events) == before + 1, [e.action for e in events[: len(events) - before]]
    return events[0]


def assert_event(event: Event, now: datetime, *, action: str, version: str, old: str = "", new: str = "",
                 reason: str = "", who: str = "alice") -> None:
    assert (event.action, event.release_version, event.who) == (action, version, who)
    assert (event.old, event.new, event.reason) == (old, new, reason)
    assert event.at == now
    assert event.at.utcoffset() == timedelta(0), "audit times are stored and read back in UTC"


def finish_phase(service: Service, release: Release) -> None:
    """Tick every required item of the release's current phase."""
    detail = service.detail(release.id)
    for item in detail.items_in(detail.release.phase):
        if item.required and not item.done:
            service.set_done(item.id, True)


def walk_to(service: Service, release: Release, phase: Phase) -> Release:
    """Advance through open gates until the release is in `phase` (not past Preparing)."""
    current = service.detail(release.id).release
    while current.phase is not phase:
        finish_phase(service, current)
        current = service.advance(current.id)
    return current


def sign_everything(service: Service, release: Release) -> None:
    """Approve the release's next move in every role the templates ask for."""
    for role in service.required_signoffs(service.release_by_id(release.id)):
        service.sign_off(release.id, role, "approve")


def make_deployable(service: Service, release: Release) -> Release:
    """In Preparing: finish its items, add and rehearse a rollback step, sign off, record a GO."""
    release = walk_to(service, release, Phase.PREPARING)
    finish_phase(service, release)
    step = service.add_step(release.id, "Switch traffic back to the old version", "deploy rollback", "ops", 10)
    service.rehearse_step(step.id)
    sign_everything(service, release)
    service.record_decision(release.id, Outcome.GO, TEAM, "All green.")
    return service.detail(release.id).release
