"""Release use cases: create, edit, delete and restore, and moves between phases (states: lifecycle.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from relmgr_tui.domain import evidence_pack, gates, lifecycle, validation
from relmgr_tui.domain.errors import GateBlocked, InvalidInput
from relmgr_tui.domain.model import Decision, Methodology, Phase, Release, ReleaseDetail, ReleaseKind, ReleaseState
from relmgr_tui.service.base import Unit, UseCases, changed, log_text
from relmgr_tui.service.undo import undoable
from relmgr_tui.domain.wording import plural

if TYPE_CHECKING:
    from relmgr_tui.store.repo import Repo

_RELEASE_FIELDS = ("version", "title", "kind", "methodology", "owner", "target_date", "summary")


def _refuse_taken(repo: Repo, version: str, except_id: int | None = None) -> None:
    """Versions are unique without regard to case: `V3.0` beside `v3.0` would be read as the same."""
    holder = repo.version_holder(version, except_id)
    if holder is not None:
        raise InvalidInput(f"version {version!r} is taken by {holder.version} ({holder.phase.label}): choose another",
                           field="version")


SEEN_BY_MEETING = frozenset({"target_date", "kind", "methodology", "summary"})
"""Release fields a go/no-go meeting judged: changing one makes an unused decision stale."""


def _check_methodology_reason(before: Release, diff: dict[str, Any], reason: str) -> None:
    if "methodology" in diff and before.phase is not Phase.PLANNING and not reason.strip():
        raise InvalidInput(f"{before.version} is in {before.phase.label}: changing its methodology after Planning"
                           " needs a written reason", field="reason")


def _refuse_blocked(release: Release, report: gates.GateReport, reason: str) -> None:
    if report.open:
        return
    if not report.overridable:
        raise GateBlocked(report, f"{release.version} cannot leave {report.phase.label}: " + "; ".join(report.blockers))
    if not reason:
        raise GateBlocked(report, f"{release.version} has {plural(len(report.blockers), 'blocker')}; agile releases may"
                                  " override with a written reason (--reason).")


def _move_reason(report: gates.GateReport, reason: str, used: Decision | None) -> str:
    """The audit log's reason for a move: what was overridden, and the decision that authorised it."""
    parts = [reason] if reason else []
    if not report.open:
        parts.append(f"overrode: {'; '.join(report.blockers)}")
    if used is not None:
        override = f" over blockers: {used.override_reason}" if report.authorised_by_decision else ""
        parts.append(f"authorised by the {used.outcome.label} of {used.decided_at:%Y-%m-%d %H:%M} UTC"
                     f" (decision {used.id}){override}")
    return "; ".join(parts) if not reason or len(parts) == 1 else f"{reason} ({'; '.join(parts[1:])})"


def _clean_release(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_RELEASE_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a release")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "version":
            clean[name] = validation.version(value)
        elif name == "kind":
            clean[name] = validation.choice(ReleaseKind, value, "kind")
        elif name == "methodology":
            clean[name] = validation.choice(Methodology, value, "methodology")
        elif name == "target_date":
            clean[name] = validation.optional_date(value)
        elif name == "title":
            clean[name] = validation.bounded_text(value, "title", validation.MAX_TITLE)
        elif name == "owner":
            clean[name] = validation.name_field(value, "release owner", "owner")
        else:
            clean[name] = validation.bounded_text(value, name)
    return clean


def _seal(unit: Unit, release: Release) -> evidence_pack.Seal:
    """The evidence pack's hashes at the moment the release is marked released, its move in the log."""
    return evidence_pack.Seal.of(evidence_pack.pack(unit.repo.detail(release.id), unit.repo.log(release.id)))


def _refuse_finished(release: Release, now: datetime, window_days: int) -> None:
    """A released, rolled-back or cancelled release has no phase to move to."""
    if release.finished:
        raise InvalidInput(f"{release.version} is {release.state.label}: it no longer moves between phases;"
                           f" {lifecycle.allowed_text(release, now, window_days)}")


class Releases(UseCases):
    @undoable
    def create_release(
        self,
        version: str,
        title: str = "",
        kind: ReleaseKind | str = ReleaseKind.MINOR,
        methodology: Methodology | str | None = None,
        owner: str = "",
        target_date: date | str | None = None,
        summary: str = "",
    ) -> Release:
        version = validation.version(version)
        kind = validation.choice(ReleaseKind, kind, "kind")
        methodology = validation.choice(Methodology, methodology or self.default_methodology, "methodology")
        target = validation.optional_date(target_date)
        now = self.clock()
        with self.unit() as unit:
            _refuse_taken(unit.repo, version)
            release = unit.repo.insert(Release, {
                "version": version,
                "title": validation.bounded_text(title, "title", validation.MAX_TITLE),
                "kind": kind, "methodology": methodology, "phase": Phase.PLANNING, "state": ReleaseState.ACTIVE,
                "owner": validation.name_field(owner, "release owner", "owner"),
                "target_date": target,
                "summary": validation.bounded_text(summary, "summary"),
                "created_at": now, "updated_at": now,
            })
            unit.repo.add_items([
                {"release_id": release.id, "phase": phase, "position": n, "text": t.text, "required": t.required,
                 "rule": t.rule, "early": t.early, "from_template": True}
                for phase, items in self.templates.for_kind(kind).items()
                for n, t in enumerate(items, start=1)
            ])
            unit.follow_rules(release.id)
            unit.event(release, "release.create", new=f"{kind.value} {methodology.value}")
            unit.undo_by(f"create {release.version}", lambda s, v: s.delete_release(release.id, v), release)
            return release

    @undoable
    def edit_release(self, release_id: int, expected_version: int | None, reason: str = "",
                     **changes: Any) -> Release:
        """Edit the release's fields. A change to what a go/no-go meeting saw (target date, kind, methodology,
        summary) makes an unused decision stale; the methodology, after Planning, needs a written `reason`
        and is logged as its own event."""
        clean = _clean_release(changes)
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            if clean.get("version", before.version) != before.version:
                _refuse_taken(unit.repo, clean["version"], before.id)
            diff = changed(before, clean)
            if not diff:
                return before
            _check_methodology_reason(before, diff, reason)
            if SEEN_BY_MEETING & set(diff):
                unit.touch(before, changed="release")
            after = unit.repo.update(Release, release_id, {**diff, "updated_at": self.clock()})
            if "methodology" in diff:
                unit.event(after, "release.methodology", before.methodology.value, after.methodology.value,
                           reason.strip())
            rest = {name: value for name, value in diff.items() if name != "methodology"}
            if rest:
                unit.event(after, "release.edit", *log_text(before, rest))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit {after.version}", lambda s, v: s.edit_release(release_id, v, "undo", **old),
                         after)
            return after

    @undoable
    def delete_release(self, release_id: int, expected_version: int | None = None) -> Release:
        """Delete the release and everything under it; its audit events stay. Returns what was deleted."""
        with self.unit() as unit:
            unit.repo.release(release_id, expected_version)
            snapshot = unit.repo.detail(release_id)
            deleted = unit.repo.remove(Release, release_id)
            unit.event(deleted, "release.delete", old=f"{deleted.version} {deleted.title}".strip())
            unit.undo_by(f"delete {deleted.version}", lambda s, v: s.restore_release(snapshot))
            return deleted

    @undoable
    def restore_release(self, detail: ReleaseDetail) -> Release:
        """Put a deleted release back, with its own ids, checklists, risks, rollback plan and decisions."""
        with self.unit() as unit:
            if unit.repo.version_holder(detail.release.version) is not None:
                raise InvalidInput(f"release {detail.release.version} exists again: it cannot be restored")
            release = unit.repo.restore(detail)
            unit.event(release, "release.restore", new=f"{release.version} {release.title}".strip())
            unit.undo_by(f"restore {release.version}", lambda s, v: s.delete_release(release.id, v), release)
            return release

    # -- phases --------------------------------------------------------------------------------

    @undoable
    def advance(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        """Move one phase forward through the gate; leaving Deploying marks the release released.

        Waterfall: any blocker refuses the move. Agile: blockers can be overridden with a written reason,
        which goes into the audit log, or by the GO that was taken over them with one. A NO-GO stops both.
        The decision that authorises the move into Deploying is marked used: it never goes stale after.
        """
        reason = reason.strip()
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            _refuse_finished(before, self.clock(), self.rollback_window_days)
            detail = unit.repo.detail(release_id)
            report = gates.report_for(detail, self.blocking_band, self.blocking_bug, self.templates.signoffs)
            _refuse_blocked(before, report, reason)
            following, now = before.phase.next, self.clock()
            moved = {"phase": following} if following else {
                "state": ReleaseState.RELEASED, "released_at": now, "closed_at": now, "state_changed_at": now,
                "state_reason": ""}
            after = unit.repo.update(Release, release_id, {**moved, "updated_at": now})
            used = self._use_decision(unit, detail) if following is Phase.DEPLOYING else None
            action = "release.override" if not report.open or report.authorised_by_decision else "release.advance"
            unit.event(after, action, before.phase.value, "released" if following is None else following.value,
                       _move_reason(report, reason, used))
            if following is None:
                unit.event(after, evidence_pack.ACTION, new=_seal(unit, after).text())
            unit.undo_lifecycle(f"move {after.version} to {'released' if following is None else following.label}",
                                before, after, lambda s, v: s.advance(release_id, reason, v),
                                unuse_decision=used.id if used else None)
            return after

    def _use_decision(self, unit: Unit, detail: ReleaseDetail) -> Decision | None:
        """Mark the GO that authorised the move into Deploying as used, so it is never read as stale."""
        decision = gates.latest_gate_decision(detail)
        if decision is None or decision.used or not decision.outcome.permits_deploy:
            return None
        unit.repo.set_decision_used(decision.id, self.clock())
        return decision

    @undoable
    def move_back(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            _refuse_finished(before, self.clock(), self.rollback_window_days)
            if before.state is ReleaseState.ON_HOLD:
                raise InvalidInput(f"{before.version} is on hold: resume it before it moves (relmgr resume)")
            if before.phase.previous is None:
                raise InvalidInput(f"{before.version} is in Planning, the first phase: it cannot move back")
            after = unit.repo.update(Release, release_id, {"phase": before.phase.previous, "updated_at": self.clock()})
            unit.event(after, "release.back", before.phase.value, after.phase.value, reason.strip())
            unit.undo_lifecycle(f"move {after.version} back to {after.phase.label}",
                                before, after, lambda s, v: s.move_back(release_id, reason, v))
            return after
