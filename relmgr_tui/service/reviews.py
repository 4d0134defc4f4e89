"""Post-release review use cases: write the review, edit its texts, and add, edit, close, reopen and
remove its actions. Each is audited and undoable; none touches the release's evidence (the review comes
after the release, and the sealed evidence pack does not include it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from relmgr_tui.domain import review as reviews
from relmgr_tui.domain import review_proposal
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, Release
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.service.base import Unit, UseCases, changed, log_text
from relmgr_tui.service.undo import undoable

_NOW_IF_DONE = object()
_ACTION_FIELDS = ("text", "owner", "due", "proposal_phase", "proposal_text")


def _texts(changes: dict[str, Any]) -> dict[str, str]:
    unknown = set(changes) - set(reviews.TEXT_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a review")
    return {name: validation.bounded_text(value, reviews.TEXT_LABELS[name].lower(), field=name)
            for name, value in changes.items()}


def _action_values(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_ACTION_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a review action")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "text":
            clean[name] = validation.required_text(value, "action", 500)
        elif name == "owner":
            clean[name] = validation.required_text(value, "action owner", validation.MAX_NAME)
        elif name == "due":
            clean[name] = validation.optional_date(value, "due date")
            if clean[name] is None:
                raise InvalidInput("the due date is required: use YYYY-MM-DD, e.g. 2026-12-31", field="due date")
        elif name == "proposal_phase":
            clean[name] = validation.choice(Phase, value, "phase") if value else None
        else:
            clean[name] = validation.bounded_text(value, "proposed item", 500, field=name)
    return clean


def _check_proposal(action: dict[str, Any]) -> None:
    if bool(action.get("proposal_phase")) != bool(action.get("proposal_text")):
        raise InvalidInput("a template proposal needs both a phase and the item's text", field="proposal_text")


class Reviews(UseCases):
    def review(self, release_id: int) -> Review | None:
        with self._store.read() as repo:
            return repo.review(release_id)

    def review_actions_due_count(self, today: date) -> int:
        """Open review actions past their due date on `today` (the board's header)."""
        with self._store.read() as repo:
            return repo.review_actions_due_count(today)

    def review_actions_due(self, by: date) -> list[tuple[str, ReviewAction]]:
        """(release version, action) of every open action due on or before `by` (the digest)."""
        with self._store.read() as repo:
            return repo.review_actions_due(by)

    def template_proposal(self, release: Release, action: ReviewAction) -> list[str]:
        """The templates.toml lines an action's template proposal asks for."""
        return review_proposal.template_lines(self.templates, release.kind, action)

    # -- the review ------------------------------------------------------------------------------

    @undoable
    def create_review(self, release_id: int, went_well: str = "", went_badly: str = "",
                      findings: str = "") -> Review:
        texts = _texts({"went_well": went_well, "went_badly": went_badly, "findings": findings})
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            refusal = reviews.refusal(release)
            if refusal:
                raise InvalidInput(refusal, field="release")
            if unit.repo.review(release_id) is not None:
                raise InvalidInput(f"{release.version} already has a review: edit that one instead"
                                   f" (relmgr review {release.version} --went-well ...)", field="release")
            review = unit.repo.insert(Review, {"release_id": release_id, "created_at": self.clock(),
                                               "created_by": self.who, **texts})
            unit.event(release, "review.create", new=_summary(review))
            unit.undo_by(f"write the review of {release.version}",
                         lambda s, v: s.remove_review(review.id, v), review)
            return review

    @undoable
    def edit_review(self, review_id: int, expected_version: int | None, **changes: Any) -> Review:
        clean = _texts(changes)
        with self.unit() as unit:
            before = unit.repo.one(Review, review_id, expected_version)
            diff = changed(before, clean)
            if not diff:
                return before
            release = unit.repo.release(before.release_id)
            review = unit.repo.update(Review, review_id, diff)
            unit.event(release, "review.edit", *log_text(before, diff))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit the review of {release.version}",
                         lambda s, v: s.edit_review(review_id, v, **old), review)
            return review

    @undoable
    def remove_review(self, review_id: int, expected_version: int | None = None) -> None:
        """For a review written on the wrong release; its actions go with it."""
        with self.unit() as unit:
            release = unit.repo.release(unit.repo.one(Review, review_id, expected_version).release_id)
            snapshot = unit.repo.review(release.id)
            for action in snapshot.actions:
                unit.repo.remove(ReviewAction, action.id)
            unit.repo.remove(Review, review_id)
            unit.event(release, "review.remove", old=_summary(snapshot))
            unit.undo_by(f"remove the review of {release.version}", lambda s, v: s.restore_review(snapshot))

    @undoable
    def restore_review(self, review: Review) -> Review:
        with self.unit() as unit:
            release = unit.repo.release(review.release_id)
            unit.repo.put_back_review(review)
            restored = unit.repo.one(Review, review.id)
            unit.event(release, "review.restore", new=_summary(review))
            unit.undo_by(f"put back the review of {release.version}",
                         lambda s, v: s.remove_review(review.id, v), restored)
            return restored

    # -- its actions -----------------------------------------------------------------------------

    @undoable
    def add_review_action(self, review_id: int, text: str, owner: str, due: date | str,
                          proposal_phase: Phase | str | None = None, proposal_text: str = "") -> ReviewAction:
        values = _action_values({"text": text, "owner": owner, "due": due, "proposal_phase": proposal_phase,
                                 "proposal_text": proposal_text})
        _check_proposal(values)
        with self.unit() as unit:
            review = unit.repo.review_by_id(review_id)
            release = unit.repo.release(review.release_id)
            position = max((a.position for a in review.actions), default=0) + 1
            action = unit.repo.insert(ReviewAction, {"review_id": review_id, "position": position, **values})
            unit.event(release, "review.action_add", new=_action_line(action))
            unit.undo_by(f"add review action '{action.text}'",
                         lambda s, v: s.remove_review_action(action.id, v), action)
            return action

    @undoable
    def edit_review_action(self, action_id: int, expected_version: int | None, **changes: Any) -> ReviewAction:
        clean = _action_values(changes)
        with self.unit() as unit:
            before, release = self._action(unit, action_id, expected_version)
            diff = changed(before, clean)
            if not diff:
                return before
            _check_proposal({"proposal_phase": before.proposal_phase, "proposal_text": before.proposal_text,
                             **diff})
            action = unit.repo.update(ReviewAction, action_id, diff)
            unit.event(release, "review.action_edit", *log_text(before, diff))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit review action '{action.text}'",
                         lambda s, v: s.edit_review_action(action_id, v, **old), action)
            return action

    @undoable
    def set_review_action_done(self, action_id: int, done: bool, expected_version: int | None = None, *,
                               done_at: datetime | None | object = _NOW_IF_DONE) -> ReviewAction:
        """Close (`done`) or reopen an action; `done_at` is for undo, which puts back when it was closed."""
        with self.unit() as unit:
            before, release = self._action(unit, action_id, expected_version)
            when = (self.clock() if done else None) if done_at is _NOW_IF_DONE else done_at
            action = unit.repo.update(ReviewAction, action_id, {"done": done, "done_at": when})
            unit.event(release, "review.action_done" if done else "review.action_reopen",
                       "done" if before.done else "open", action.text)
            verb = "close" if done else "reopen"
            unit.undo_by(f"{verb} review action '{action.text}'",
                         lambda s, v: s.set_review_action_done(action_id, before.done, v, done_at=before.done_at),
                         action)
            return action

    @undoable
    def remove_review_action(self, action_id: int, expected_version: int | None = None) -> None:
        """For an action entered by mistake; a finished one is closed, which keeps its story."""
        with self.unit() as unit:
            _, release = self._action(unit, action_id, expected_version)
            action = unit.repo.remove(ReviewAction, action_id)
            unit.event(release, "review.action_remove", old=_action_line(action))
            unit.undo_by(f"remove review action '{action.text}'", lambda s, v: s.restore_review_action(action))

    @undoable
    def restore_review_action(self, action: ReviewAction) -> ReviewAction:
        with self.unit() as unit:
            release = unit.repo.release(unit.repo.review_by_id(action.review_id).release_id)
            restored = unit.repo.put_back(action)
            unit.event(release, "review.action_restore", new=_action_line(action))
            unit.undo_by(f"put back review action '{action.text}'",
                         lambda s, v: s.remove_review_action(action.id, v), restored)
            return restored

    @staticmethod
    def _action(unit: Unit, action_id: int, expected_version: int | None) -> tuple[ReviewAction, Release]:
        action = unit.repo.one(ReviewAction, action_id, expected_version)
        return action, unit.repo.release(unit.repo.review_by_id(action.review_id).release_id)


def _summary(review: Review) -> str:
    """The review's texts in one line for the audit log."""
    return "; ".join(f"{name}: {getattr(review, name)}" for name in reviews.TEXT_FIELDS if getattr(review, name))


def _action_line(action: ReviewAction) -> str:
    proposal = f" ({action.proposal})" if action.proposal else ""
    return f"{action.text}; {action.owner}; due {action.due.isoformat()}{proposal}"
