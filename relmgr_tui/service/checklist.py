"""Checklist use cases: tick, add, edit, remove, reorder, and find an item by number or text."""

from __future__ import annotations

from typing import Any

from relmgr_tui.domain import lifecycle, rules, validation
from relmgr_tui.domain.errors import InvalidInput, NotFound
from relmgr_tui.domain.model import ChecklistItem, Phase
from relmgr_tui.service.base import UseCases, changed, log_text
from relmgr_tui.service.undo import undoable
from relmgr_tui.domain.wording import plural

_ITEM_FIELDS = ("text", "required", "owner", "note")


class Checklist(UseCases):
    @undoable
    def set_done(self, item_id: int, done: bool, expected_version: int | None = None) -> ChecklistItem:
        with self.unit() as unit:
            before = unit.repo.one(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(before.release_id)
            if before.done == done:
                return before
            if before.rule:
                raise InvalidInput(f"'{before.text}' follows the evidence ({rules.describe(before.rule)}):"
                                   " it ticks itself and cannot be ticked by hand", field="done")
            if done:
                lifecycle.refuse_early_tick(release, before)
            item = unit.repo.update(ChecklistItem, item_id, {
                "done": done, "done_by": self.who if done else "", "done_at": self.clock() if done else None})
            unit.touch(release, clearing=done)
            unit.event(release, "item.tick" if done else "item.untick", new=item.text)
            unit.undo_by(f"{'tick' if done else 'untick'} '{item.text}'",
                         lambda s, v: s.set_done(item_id, not done, v), item.row_version)
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
            unit.touch(release)
            unit.event(release, "item.add", new=f"{phase.value}: {text}")
            unit.undo_by(f"add '{item.text}'", lambda s, v: s.remove_item(item.id))
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
            unit.touch(release)
            unit.event(release, "item.edit", *log_text(before, diff))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit '{item.text}'", lambda s, v: s.edit_item(item_id, v, **old), item.row_version)
            return item

    @undoable
    def remove_item(self, item_id: int, expected_version: int | None = None) -> None:
        with self.unit() as unit:
            item = unit.repo.remove(ChecklistItem, item_id, expected_version)
            release = unit.repo.release(item.release_id)
            unit.touch(release)
            unit.event(release, "item.remove", old=f"{item.phase.value}: {item.text}")
            unit.undo_by(f"remove '{item.text}'", lambda s, v: s.restore_item(item))

    @undoable
    def restore_item(self, item: ChecklistItem) -> ChecklistItem:
        with self.unit() as unit:
            release = unit.repo.release(item.release_id)
            restored = unit.repo.put_back(item)
            unit.touch(release)
            unit.event(release, "item.restore", new=f"{item.phase.value}: {item.text}")
            unit.undo_by(f"restore '{item.text}'", lambda s, v: s.remove_item(item.id))
            return restored

    @undoable
    def move_item(self, item_id: int, offset: int, expected_version: int | None = None) -> ChecklistItem:
        """Swap the item with its neighbour `offset` places away (-1 up, +1 down) in its phase."""
        with self.unit() as unit:
            item, moved = unit.repo.move(ChecklistItem, item_id, offset, expected_version)
            if moved:
                release = unit.repo.release(item.release_id)
                unit.touch(release)
                unit.event(release, "item.move", new=f"{item.text} -> position {item.position}")
                unit.undo_by(f"move '{item.text}'", lambda s, v: s.move_item(item_id, -offset, v), item.row_version)
            return item
