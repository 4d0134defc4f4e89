"""Reads: the board, listings, one release, the audit log, and the live-refresh check."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from relmgr_tui.domain import decision_status, evidence_pack, gates
from relmgr_tui.domain.errors import InvalidInput, ReadOnlyMode
from relmgr_tui.domain.evidence_pack import Seal
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import (
    BOARD_STATES,
    ChecklistItem,
    Event,
    Phase,
    Release,
    ReleaseDetail,
    Risk,
    RollbackStep,
)
from relmgr_tui.service.base import UseCases
from relmgr_tui.store.listener import ChangeListener

if TYPE_CHECKING:
    from relmgr_tui.store.repo import Repo
    from relmgr_tui.store.board_query import BoardRow

STATUS_EVENTS = 10_000
"""Audit events read back to find what changed since a decision."""


class Reads(UseCases):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._skipped: dict[str, None] = {}
        self._presenting = False

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def presenting(self) -> bool:
        """Read-only because presenter mode was switched on, not because relmgr was started read-only."""
        return self._presenting

    def board(self) -> list[Card]:
        return self._cards()

    def skipped_rows(self) -> tuple[str, ...]:
        """Every release a listing has left out so far because this relmgr cannot read it, as its problem
        ("release 7: phase 'launch' is not one this relmgr knows"), for the front end to say once."""
        return tuple(self._skipped)

    @contextmanager
    def _listing(self) -> Iterator[Repo]:
        """A read whose rows this relmgr cannot read are left out and noted in `skipped_rows`."""
        with self._store.read() as repo:
            yield repo
        self._skipped.update(dict.fromkeys(repo.skipped))

    def card(self, release_id: int) -> Card | None:
        """One release's card, or None once it has left the board (released, cancelled, deleted)."""
        cards = self._cards(release_id)
        return cards[0] if cards else None

    def cards(self, release_ids: Collection[int]) -> dict[int, Card | None]:
        """The cards of `release_ids` after a change to them, in one read: None for one that has left the
        board (released, cancelled, deleted)."""
        with self._listing() as repo:
            rows = {rid: repo.board(rid, self.templates.signoffs) for rid in release_ids}
        return {rid: self._judged(found[0]) if found else None for rid, found in rows.items()}

    def _cards(self, release_id: int | None = None) -> list[Card]:
        with self._listing() as repo:
            rows = repo.board(release_id, self.templates.signoffs)
        return [self._judged(row) for row in rows]

    def _judged(self, row: BoardRow) -> Card:
        return Card.judge(row.release, row.done, row.total, row.evidence, self.blocking_band, self.blocking_bug,
                          row.milestone_due)

    def archive(self) -> list[Release]:
        with self._listing() as repo:
            return repo.archived_releases()

    def releases(self, phase: Phase | None = None, include_archived: bool = False) -> list[Release]:
        with self._listing() as repo:
            return repo.releases(None if include_archived else BOARD_STATES, phase)

    def releases_with_progress(
        self, phase: Phase | None = None, include_archived: bool = False
    ) -> list[tuple[Release, int, int]]:
        """The releases of `relmgr list`, each with (done, total) of its current phase's checklist."""
        states = None if include_archived else BOARD_STATES
        with self._listing() as repo:
            releases = repo.releases(states, phase)
            progress = repo.progress(states, phase)
        return [(release, *progress.get(release.id, (0, 0))) for release in releases]

    def release(self, version: str) -> Release:
        with self._store.read() as repo:
            return repo.release_by_version(version)

    def release_by_id(self, release_id: int) -> Release:
        with self._store.read() as repo:
            return repo.release(release_id)

    def item(self, item_id: int) -> ChecklistItem:
        with self._store.read() as repo:
            return repo.one(ChecklistItem, item_id)

    def risk(self, risk_id: int) -> Risk:
        with self._store.read() as repo:
            return repo.one(Risk, risk_id)

    def step(self, step_id: int) -> RollbackStep:
        with self._store.read() as repo:
            return repo.one(RollbackStep, step_id)

    def detail(self, release_id: int) -> ReleaseDetail:
        with self._store.read() as repo:
            return self.with_holidays(repo.detail(release_id))

    def detail_by_version(self, version: str) -> ReleaseDetail:
        with self._store.read() as repo:
            return self.with_holidays(repo.detail(repo.release_by_version(version).id))

    def gate_report(self, detail: ReleaseDetail) -> GateReport:
        return gates.report_for(detail, self.blocking_band, self.blocking_bug, self.templates.signoffs)

    def activity(self, release_id: int, limit: int = 500) -> list[Event]:
        with self._store.read() as repo:
            return repo.events(release_id, limit)

    def decision_statuses(self, detail: ReleaseDetail) -> dict[int, str]:
        """What each of the release's decisions stands for now (domain/decision_status.py), by id: the
        stale ones name what changed since, read from the audit log."""
        if not detail.decisions:
            return {}
        events = self.activity(detail.release.id, STATUS_EVENTS)
        return decision_status.statuses(detail.decisions, detail.release, events)

    def events_after(self, after_id: int) -> list[Event]:
        """The next batch of audit events with an id above `after_id`, oldest first: the feed of
        `relmgr events`, resumable by id (store/event_feed.py)."""
        from relmgr_tui.store import event_feed

        return event_feed.events_after(self._store, after_id)

    def audit_log(self, version: str | None = None, since: datetime | None = None) -> list[Event]:
        """The whole audit log, or one release's, from `since`, oldest first (`relmgr log`, export)."""
        with self._store.read() as repo:
            release_id = repo.release_by_version(version).id if version is not None else None
            return repo.log(release_id, since)

    def evidence_pack(self, version: str) -> dict[str, Any]:
        """The release's evidence pack as it stands now (domain/evidence_pack.py)."""
        with self._store.read() as repo:
            release = repo.release_by_version(version)
            return evidence_pack.pack(repo.detail(release.id), repo.log(release.id))

    def verify_evidence(self, version: str) -> tuple[Seal, list[str]]:
        """The seal written when the release was marked released, and the parts changed since (none: the
        records from before the release are as they were)."""
        with self._store.read() as repo:
            release = repo.release_by_version(version)
            sealed = [e for e in repo.log(release.id) if e.action == evidence_pack.ACTION]
            seal = evidence_pack.Seal.parse(sealed[-1].new) if sealed else None
            if release.released_at is None or seal is None:
                raise InvalidInput(f"{version} has not been released, so it has no sealed evidence pack:"
                                   f" `relmgr evidence {version}` shows the pack as it stands")
            now = evidence_pack.Seal.of(evidence_pack.pack(repo.detail(release.id),
                                                           repo.log(release.id, before_id=sealed[-1].id)))
        return seal, seal.changed_parts(now)

    def revision(self) -> int:
        return self._store.revision()

    def changed_elsewhere(self, since: int) -> tuple[int, bool]:
        """(current revision, whether another process wrote after `since`): the live-refresh check."""
        return self._store.changed_elsewhere(since)

    def written_elsewhere(self, since: int, current: int) -> bool:
        """Whether a revision after `since`, up to `current` (announced by a listener), came from another
        process: answered from memory, no query."""
        return self._store.written_elsewhere(since, current)

    def revisions_elsewhere(self, since: int, current: int) -> list[int]:
        """The revisions after `since`, up to `current`, that another process wrote: from memory, no query."""
        return self._store.revisions_elsewhere(since, current)

    def change_listener(self) -> ChangeListener | None:
        """A listener for other processes' writes as they commit (PostgreSQL's LISTEN); None on SQLite,
        whose change marker is read instead."""
        return self._store.listener()

    def overwriting(self) -> AbstractContextManager[None]:
        """Save over a colleague's newer version on purpose, after the user saw the conflict."""
        return self._store.overwriting()

    def enter_read_only(self) -> None:
        """Presenter mode: refuse every write until `leave_presenter_mode`."""
        if not self._store.read_only:
            self._store.read_only = self._presenting = True

    def leave_presenter_mode(self) -> None:
        """Writes again. Only presenter mode ends so: a relmgr started read-only (`relmgr serve --read-only`
        hands strangers a screen) stays read-only, whoever asks."""
        if not self._presenting:
            raise ReadOnlyMode("relmgr was started read-only (--read-only): that lasts until it is restarted"
                               " without --read-only")
        self._store.read_only = self._presenting = False

    def info(self) -> dict[str, Any]:
        with self._store.read() as repo:
            counts = repo.counts()
            revision = repo.schema_revision()
        return {"database": self._store.url, "schema_revision": revision, "counts": counts}
