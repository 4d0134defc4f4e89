"""Scope use cases: what a release contains. Add, edit, remove, move to another release, defer every
unfinished item at once, and import many (idempotent on the key). Every write touches the release, so a
go/no-go decision that saw the scope goes stale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput, NotFound
from relmgr_tui.domain.model import Release, ScopeItem, ScopeStatus, ScopeType, Severity
from relmgr_tui.redact import mask, url_without_secrets
from relmgr_tui.service.base import Unit, UseCases, changed, log_text
from relmgr_tui.service.undo import undoable

SCOPE_FIELDS = ("key", "title", "type", "status", "severity", "url")
SHOWN_KEYS = 5
"""Keys named in one audit line of a move or an import; the rest are counted."""


@dataclass(frozen=True, slots=True)
class ScopeImport:
    """What an import did, key by key."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


def scope_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The given fields, checked; a bad one raises InvalidInput naming it and what to type instead."""
    unknown = set(values) - set(SCOPE_FIELDS)
    if unknown:
        raise InvalidInput(f"a scope item has no {', '.join(sorted(unknown))}: its fields are {', '.join(SCOPE_FIELDS)}")
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name == "key":
            clean[name] = validation.scope_key(value)
        elif name == "title":
            clean[name] = mask(" ".join(validation.required_text(value, "title").split()))
        elif name == "type":
            clean[name] = validation.choice(ScopeType, value, "type")
        elif name == "status":
            clean[name] = validation.choice(ScopeStatus, value, "status")
        elif name == "severity":
            clean[name] = validation.choice(Severity, value, "severity") if str(value or "").strip() else None
        else:
            clean[name] = url_without_secrets(validation.scope_url(value))
    return clean


def _with_severity_rule(before: ScopeItem | None, clean: dict[str, Any]) -> dict[str, Any]:
    """Severity belongs to bugs: typed for anything else it is refused; a type changed away from bug drops it."""
    kind = clean.get("type", before.type if before else ScopeType.FEATURE)
    if kind is ScopeType.BUG:
        return clean
    if clean.get("severity") is not None:
        raise InvalidInput(f"severity is for bugs only, and this is a {kind.value}: leave the severity out,"
                           " or make it a bug (type bug)", field="severity")
    return {**clean, "severity": None} if before is not None and before.severity is not None else clean


def _keys(items: Sequence[ScopeItem]) -> str:
    keys = [item.key for item in items]
    more = f" and {len(keys) - SHOWN_KEYS} more" if len(keys) > SHOWN_KEYS else ""
    return ", ".join(keys[:SHOWN_KEYS]) + more


class Scope(UseCases):
    def scope_item(self, item_id: int) -> ScopeItem:
        with self._store.read() as repo:
            return repo.one(ScopeItem, item_id)

    def scope_of(self, version: str) -> tuple[Release, list[ScopeItem]]:
        with self._store.read() as repo:
            release = repo.release_by_version(version)
            return release, repo.scope(release.id)

    def scope_item_by_key(self, version: str, key: str) -> ScopeItem:
        release, items = self.scope_of(version)
        wanted = validation.scope_key(key)
        for item in items:
            if item.key == wanted:
                return item
        raise NotFound(f"{release.version} has no scope item {wanted}: `relmgr scope list {release.version}`"
                       " shows its items")

    @undoable
    def add_scope_item(self, release_id: int, key: str, title: str, *, type: ScopeType | str = ScopeType.FEATURE,
                       status: ScopeStatus | str = ScopeStatus.OPEN, severity: Severity | str | None = None,
                       url: str = "") -> ScopeItem:
        values = _with_severity_rule(None, scope_values(
            {"key": key, "title": title, "type": type, "status": status, "severity": severity or "", "url": url}))
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            _refuse_taken_keys(unit, release, [values["key"]])
            item = unit.repo.insert(ScopeItem, {"release_id": release_id, **values})
            unit.touch(release, changed="scope")
            unit.event(release, "scope.add", new=f"{item.key}: {item.title}")
            unit.undo_by(f"add {item.key}", lambda s, v: s.replace_scope(release_id, ((item.id, v),), ()), item)
            return item

    @undoable
    def edit_scope_item(self, item_id: int, expected_version: int | None, **changes: Any) -> ScopeItem:
        """Change any of the item's fields; a status alone is logged as `scope.status`."""
        clean = scope_values(changes)
        with self.unit() as unit:
            before = unit.repo.one(ScopeItem, item_id, expected_version)
            diff = changed(before, _with_severity_rule(before, clean))
            if not diff:
                return before
            release = unit.repo.release(before.release_id)
            if "key" in diff:
                _refuse_taken_keys(unit, release, [diff["key"]])
            item = unit.repo.update(ScopeItem, item_id, diff)
            unit.touch(release, clearing=before.status.unfinished and not item.status.unfinished, changed="scope")
            if set(diff) == {"status"}:
                unit.event(release, "scope.status", before.status.label, f"{item.key}: {item.status.label}")
            else:
                old, new = log_text(before, diff)
                unit.event(release, "scope.edit", f"{before.key}: {old}", f"{item.key}: {new}")
            old_values = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit {item.key}", lambda s, v: s.edit_scope_item(item_id, v, **old_values), item)
            return item

    @undoable
    def remove_scope_item(self, item_id: int, expected_version: int | None = None) -> None:
        with self.unit() as unit:
            item = unit.repo.remove(ScopeItem, item_id, expected_version)
            release = unit.repo.release(item.release_id)
            unit.touch(release, changed="scope")
            unit.event(release, "scope.remove", old=f"{item.key}: {item.title}")
            unit.undo_by(f"remove {item.key}", lambda s, v: s.replace_scope(release.id, (), (item,)))

    @undoable
    def move_scope_items(self, item_ids: Sequence[int], to_release_id: int) -> list[ScopeItem]:
        """Move the items to another release, keeping their status."""
        with self.unit() as unit:
            items = [unit.repo.one(ScopeItem, item_id) for item_id in item_ids]
            return _move(unit, items, to_release_id, "scope.move")

    @undoable
    def defer_scope(self, release_id: int, to_release_id: int) -> list[ScopeItem]:
        """Move every unfinished item (open, in progress) to another release, in one transaction."""
        with self.unit() as unit:
            items = [item for item in unit.repo.scope(release_id) if item.status.unfinished]
            if not items:
                raise InvalidInput(f"{unit.repo.release(release_id).version} has no unfinished scope item to defer")
            return _move(unit, items, to_release_id, "scope.defer")

    @undoable
    def import_scope(self, release_id: int, records: Sequence[tuple[str, Mapping[str, Any]]]) -> ScopeImport:
        """Add the records' keys the release lacks, update the fields given of those it has; each record is
        (where it is in the file, "line 4", and its fields: domain/scope_import.py). A bad record raises InvalidInput naming its line, before
        anything is written: an import lands whole or not at all."""
        wanted = _checked_records(records)
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            present = {item.key: item for item in unit.repo.scope(release_id)}
            new = [values for key, values in wanted.items() if key not in present]
            updates = {key: diff for key, values in wanted.items() if key in present
                       for diff in [changed(present[key], _with_severity_rule(present[key], values))] if diff}
            added_ids = unit.repo.add_scope_items([{**_defaults(), **values, "release_id": release_id}
                                                   for values in new])
            unit.repo.update_scope_items(_update_rows(present, updates))
            result = ScopeImport(tuple(v["key"] for v in new), tuple(updates),
                                 tuple(key for key in wanted if key in present and key not in updates))
            if not (new or updates):
                return result
            unit.touch(release, changed="scope")
            unit.event(release, "scope.import", new=f"{len(new)} added, {len(updates)} updated, "
                                                      f"{len(result.unchanged)} unchanged")
            take_away = tuple((item_id, 1) for item_id in added_ids) + tuple(
                (present[key].id, present[key].row_version + 1) for key in updates)
            put_back = tuple(present[key] for key in updates)
            unit.undo_by(f"import into {release.version}",
                         lambda s, v: s.replace_scope(release_id, take_away, put_back))
            return result

    @undoable
    def replace_scope(self, release_id: int, take_away: tuple[tuple[int, int], ...],
                      put_back: tuple[ScopeItem, ...]) -> None:
        """Undo (and redo) of the writes above: remove the items as they were left (id, row_version: a
        colleague's change since refuses), then put back items as they were, with their ids."""
        with self.unit() as unit:
            gone = tuple(unit.repo.remove(ScopeItem, item_id, version) for item_id, version in take_away)
            restored = [unit.repo.put_back(item) for item in put_back]
            for other in sorted({item.release_id for item in gone + put_back} - {release_id}):
                unit.touch(unit.repo.release(other), changed="scope")
            release = unit.repo.release(release_id)
            unit.touch(release, changed="scope")
            unit.event(release, "scope.replace", old=_keys(gone), new=_keys(put_back))
            current = tuple((item.id, item.row_version) for item in restored)
            unit.undo_by(f"scope of {release.version}", lambda s, v: s.replace_scope(release_id, current, gone))


def _defaults() -> dict[str, Any]:
    return {"type": ScopeType.FEATURE, "status": ScopeStatus.OPEN, "severity": None, "url": ""}


def _update_rows(present: Mapping[str, ScopeItem], updates: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per updated item with every scope column (executemany needs the same columns in each)."""
    columns = [name for name in SCOPE_FIELDS if name != "key"]
    return [{"id": present[key].id, **{name: diff.get(name, getattr(present[key], name)) for name in columns}}
            for key, diff in updates.items()]


def _checked_records(records: Sequence[tuple[str, Mapping[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The records' checked fields by key; the first bad one raises, naming its line."""
    wanted: dict[str, dict[str, Any]] = {}
    places: dict[str, str] = {}
    for place, values in records:
        try:
            clean = _with_severity_rule(None, scope_values(values)) if "key" in values else None
            if clean is None or "title" not in clean:
                raise InvalidInput("each row needs a key and a title (Issue key and Summary in a Jira export)")
        except InvalidInput as exc:
            raise InvalidInput(f"{place}: {exc}", field=exc.field) from None
        if clean["key"] in places:
            raise InvalidInput(f"{place}: {clean['key']} is on {places[clean['key']]} too: keep one row per key",
                               field="key")
        places[clean["key"]] = place
        wanted[clean["key"]] = clean
    return wanted


def _refuse_taken_keys(unit: Unit, release: Release, keys: Sequence[str]) -> None:
    taken = sorted(set(keys) & {item.key for item in unit.repo.scope(release.id)})
    if taken:
        raise InvalidInput(f"{release.version} already has {', '.join(taken)}: change it there"
                           f" (relmgr scope set {release.version} {taken[0]} ...)", field="key")


def _move(unit: Unit, items: Sequence[ScopeItem], to_release_id: int, action: str) -> list[ScopeItem]:
    """Move `items` (of one release) to another release; the undo puts them back as they were."""
    if not items:
        raise InvalidInput("no scope item to move")
    source = unit.repo.release(items[0].release_id)
    target = unit.repo.release(to_release_id)
    if target.id == source.id:
        raise InvalidInput(f"the items are already in {source.version}: choose another release", field="release")
    if target.finished:
        raise InvalidInput(f"{target.version} is {target.state.label}: choose a release still on the board",
                           field="release")
    _refuse_taken_keys(unit, target, [item.key for item in items])
    moved = [unit.repo.update(ScopeItem, item.id, {"release_id": target.id}) for item in items]
    unit.touch(target, changed="scope")
    unit.event(target, action, source.version, f"{_keys(moved)} from {source.version}")
    unit.touch(source, changed="scope")
    unit.event(source, action, "", f"{_keys(moved)} to {target.version}")
    take_away = tuple((item.id, item.row_version) for item in moved)
    put_back = tuple(items)
    label = f"{'defer' if action == 'scope.defer' else 'move'} {_keys(moved)} to {target.version}"
    unit.undo_by(label, lambda s, v: s.replace_scope(source.id, take_away, put_back))
    return moved
