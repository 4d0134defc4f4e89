"""Checklist use cases: tick, add, edit, remove, reorder, and find an item by number or text."""

from __future__ import annotations

from typing import Any

from relmgr_tui.domain import kind_change, lifecycle, rules, validation
from relmgr_tui.domain.errors import InvalidInput, NotFound
from relmgr_tui.domain.model import ChecklistItem, Phase, Release
from relmgr_tui.redact import mask, url_without_secrets
from relmgr_tui.service.base import Unit, UseCases, changed, log_text
from relmgr_tui.service.undo import undoable
from relmgr_tui.domain.wording import plural

_ITEM_FIELDS = ("text", "required", "owner", "note")


def _with_evidence(text: str, item: ChecklistItem) -> str:
    """The audit log's words for an item and its evidence: 'Run tests; evidence: https://... - 1,423 passed'.
    A tick's own event keeps the item's text alone: the minutes pair ticks and unticks by it."""
    evidence = f"evidence: {item.evidence}" if item.evidence else ""
    return "; ".join(part for part in (text, evidence) if part)


class Checklist(UseCases):
    @undoable
    def set_done(self, item_id: int, done: bool, expected_version: int | None = None,
                 evidence_url: str = "", evidence_note: str = "") -> ChecklistItem:
        """Tick or untick; a tick may carry its evidence (a ticked item given new evidence keeps its tick and
        takes the evidence). Unticking clears the evidence, and its undo puts it back."""
        evidence = {"evidence_url": url_without_secrets(validation.evidence_url(evidence_url)),
                    "evidence_note": mask(validation.bounded_text(evidence_note, "evidence note", 500, "evidence"))}
        with self.unit() as unit:
            before = unit.repo.one(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(before.release_id)
            if before.done == done:
                return self._replace_evidence(unit, release, before, evidence) if done and any(evidence.values()) \
                    else before
            if before.rule:
                raise InvalidInput(f"'{before.text}' follows the evidence ({rules.describe(before.rule)}):"
                                   " it ticks itself and cannot be ticked by hand", field="done")
            if done:
                lifecycle.refuse_early_tick(release, before)
            item = unit.repo.update(ChecklistItem, item_id, {
                "done": done, "done_by": self.who if done else "", "done_at": self.clock() if done else None,
                **(evidence if done else {"evidence_url": "", "evidence_note": ""})})
            unit.touch(release, clearing=done, changed="items")
            cleared = f"evidence cleared: {before.evidence}" if not done and before.evidence else ""
            unit.event(release, "item.tick" if done else "item.untick", old=cleared, new=item.text)
            if done and item.evidence:
                unit.event(release, "item.evidence", new=_with_evidence(item.text, item))
            unit.undo_by(f"{'tick' if done else 'untick'} '{item.text}'",
                         lambda s, v: s.set_done(item_id, not done, v, before.evidence_url, before.evidence_note),
                         item)
            return item

    def _replace_evidence(self, unit: Unit, release: Release, before: ChecklistItem,
                          evidence: dict[str, str]) -> ChecklistItem:
        """New evidence on an item already ticked: the tick stays, the evidence is replaced (and logged)."""
        if all(getattr(before, name) == value for name, value in evidence.items()):
            return before
        item = unit.repo.update(ChecklistItem, before.id, evidence)
        unit.event(release, "item.evidence", old=before.evidence, new=_with_evidence(item.text, item))
        unit.undo_by(f"evidence of '{item.text}'", lambda s, v: s.restore_evidence(
            before.id, v, before.evidence_url, before.evidence_note), item)
        return item

    @undoable
    def restore_evidence(self, item_id: int, expected_version: int | None, url: str, note: str) -> ChecklistItem:
        """Put back the evidence an item had (undo of new evidence on a ticked item); the tick stays."""
        with self.unit() as unit:
            before = unit.repo.one(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(before.release_id)
            item = unit.repo.update(ChecklistItem, item_id, {"evidence_url": url, "evidence_note": note})
            unit.event(release, "item.evidence", old=before.evidence, new=_with_evidence(item.text, item))
            unit.undo_by(f"evidence of '{item.text}'", lambda s, v: s.restore_evidence(
                item_id, v, before.evidence_url, before.evidence_note), item)
            return item

    def find_item(self, version: str, ref: str, phase: Phase | None = None) -> ChecklistItem:
        """An item by its number in the phase (1-based) or by a unique piece of its text."""
        if not ref.strip():
            # An empty piece of text is contained in every item: it would pick the only item of a phase.
            raise InvalidInput("give the item's number in its phase or a piece of its text", field="item")
        with self._store.read() as repo:
            release = repo.release_by_version(version)
            phase = phase or release.phase
            items = repo.items(release.id, phase)
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():  # '²' and '٣' are digits to Python, and text to a person
            numbered = {str(number): item for number, item in enumerate(items, start=1)}
            if ref.lstrip("0") in numbered:
                return numbered[ref.lstrip("0")]
            raise NotFound(f"{version} has {plural(len(items), f'{phase.label} item')}; there is no item {ref}")
        matches = [i for i in items if ref.lower() in i.text.lower()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"no {phase.label} item of {version} contains {ref!r}; `relmgr show {version}` lists them")
        raise InvalidInput(
            f"{ref!r} matches {len(matches)} {phase.label} items of {version}: use more words or the item number"
        )

    @undoable
    def add_item(self, release_id: int, phase: Phase | str, text: str, required: bool = True,
                 owner: str = "") -> ChecklistItem:
        phase = validation.choice(Phase, phase, "phase")
        text = validation.required_text(text, "item text", 500)
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            position = max((i.position for i in unit.repo.items(release_id, phase)), default=0) + 1
            item = unit.repo.insert(ChecklistItem, {
                "release_id": release_id, "phase": phase, "position": position, "text": text,
                "required": required, "owner": validation.name_field(owner, "item owner", "owner")})
            unit.touch(release, changed="items")
            unit.event(release, "item.add", new=f"{phase.value}: {text}")
            unit.undo_by(f"add '{item.text}'", lambda s, v: s.remove_item(item.id, v), item)
            return item

    @undoable
    def edit_item(self, item_id: int, expected_version: int | None, **changes: Any) -> ChecklistItem:
        unknown = set(changes) - set(_ITEM_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a checklist item")
        if "text" in changes:
            changes["text"] = validation.required_text(changes["text"], "item text", 500)
        if "owner" in changes:
            changes["owner"] = validation.name_field(changes["owner"], "item owner", "owner")
        if "note" in changes:
            changes["note"] = validation.bounded_text(changes["note"], "note")
        with self.unit() as unit:
            before = unit.repo.one(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(before.release_id)
            diff = changed(before, changes)
            if not diff:
                return before
            item = unit.repo.update(ChecklistItem, item_id, diff)
            unit.touch(release, changed="items")
            unit.event(release, "item.edit", *log_text(before, diff))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit '{item.text}'", lambda s, v: s.edit_item(item_id, v, **old), item)
            return item

    @undoable
    def remove_item(self, item_id: int, expected_version: int | None = None) -> None:
        with self.unit() as unit:
            item = unit.repo.remove(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(item.release_id)
            unit.touch(release, changed="items")
            unit.event(release, "item.remove", old=f"{item.phase.value}: {item.text}")
            unit.undo_by(f"remove '{item.text}'", lambda s, v: s.restore_item(item))

    @undoable
    def restore_item(self, item: ChecklistItem) -> ChecklistItem:
        with self.unit() as unit:
            release = unit.repo.release(item.release_id)
            restored = unit.repo.put_back(item)
            unit.touch(release)  # a rule item put back answers afresh
            unit.event(release, "item.restore", new=f"{item.phase.value}: {item.text}")
            unit.undo_by(f"restore '{item.text}'", lambda s, v: s.remove_item(item.id, v), restored)
            return restored

    @undoable
    def move_item(self, item_id: int, offset: int, expected_version: int | None = None) -> ChecklistItem:
        """Swap the item with its neighbour `offset` places away (-1 up, +1 down) in its phase."""
        with self.unit() as unit:
            item, moved = unit.repo.move(ChecklistItem, item_id, offset, expected_version)
            if moved:
                release = unit.repo.release(item.release_id)
                unit.touch(release, changed="items")
                unit.event(release, "item.move", new=f"{item.text} -> position {item.position}")
                unit.undo_by(f"move '{item.text}'", lambda s, v: s.move_item(item_id, -offset, v), item)
            return item

    # -- the kind's template set -----------------------------------------------------------------

    @undoable
    def apply_kind_templates(self, release_id: int,
                             expected_version: int | None = None) -> tuple[kind_change.PhaseChange, ...]:
        """Give the phases the release has not reached its kind's checklists (domain/kind_change.py): template
        items the set does not have go, its missing items are added; items a person ticked or added stay."""
        with self.unit() as unit:
            release = unit.repo.release(release_id, expected_version)
            kind_change.refuse_finished(release)
            items = unit.repo.detail(release_id).items
            changes = kind_change.plan(items, self.templates.for_kind(release.kind), release.phase)
            if not any(changes):
                return changes
            removed = [item for change in changes for item in change.removed]
            for item in removed:
                unit.repo.remove(ChecklistItem, item.id)
            added = [self._add_template_items(unit, release_id, change) for change in changes]
            unit.touch(release)
            unit.event(release, "release.templates", old=f"{len(removed)} removed",
                       new=f"{release.kind.value}: " + "; ".join(c.summary() for c in changes if c))
            current = _versions(unit, [i for ids in added for i in ids])
            unit.undo_by(f"apply the {release.kind.value} checklists to {release.version}",
                         lambda s, v: s.swap_items(release_id, tuple(removed), current))
            return changes

    def _add_template_items(self, unit: Unit, release_id: int, change: kind_change.PhaseChange) -> list[int]:
        start = max((i.position for i in unit.repo.items(release_id, change.phase)), default=0) + 1
        return [unit.repo.insert(ChecklistItem, {
            "release_id": release_id, "phase": change.phase, "position": n, "text": t.text,
            "required": t.required, "rule": t.rule, "early": t.early, "from_template": True}).id
            for n, t in enumerate(change.added, start=start)]

    @undoable
    def swap_items(self, release_id: int, put_back: tuple[ChecklistItem, ...],
                   take_away: tuple[tuple[int, int], ...]) -> None:
        """Undo (and redo) of applying a template set: remove the items it added, as they were left
        (id, row_version: a colleague's tick since refuses), and put back those it removed."""
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            gone = [unit.repo.remove(ChecklistItem, item_id, version) for item_id, version in take_away]
            for item in put_back:
                unit.repo.put_back(item)
            unit.touch(release)
            unit.event(release, "release.templates", old=f"{len(gone)} removed", new=f"{len(put_back)} put back")
            current = _versions(unit, [item.id for item in put_back])
            unit.undo_by(f"checklists of {release.version}",
                         lambda s, v: s.swap_items(release_id, tuple(gone), current))


def _versions(unit: Unit, item_ids: list[int]) -> tuple[tuple[int, int], ...]:
    """(id, row_version) of the items as this change left them: what its undo expects to find."""
    return tuple((item_id, unit.repo.one(ChecklistItem, item_id).row_version) for item_id in item_ids)
