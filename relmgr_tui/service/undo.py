"""Undo and redo: each write use case declares whether it can be undone, and an undoable one records,
inside its own transaction, the inverse of what it changed.

An inverse runs with the row_version the change left, so if anyone changed that row since, the use case
raises StaleWrite and undo says so instead of reverting someone else's work. Undo itself writes, and so
moves the row's row_version on: the older changes to the same row, still on the stacks, are carried along
to the version it left (`History._carry_versions`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite

LIMIT = 200
"""Changes remembered per terminal."""

WRITES: dict[str, str] = {}
"""Every write use case by name: "" if it is undoable, else why it is not. The enumeration test reads it."""

Step = Callable[[Any, "int | None"], Any]
"""A use case call to replay: (service, the row_version to expect) -> its result."""

RowKey = tuple[type, int]
"""A versioned row: its domain type (ChecklistItem, Risk, ...) and id."""

Versions = Mapping[RowKey, "tuple[int | None, int | None]"]
"""Rows one write changed: each one's row_version before and after (None: the row did not exist)."""

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Inverse:
    """How to take one change back: `back` with `version`, the row_version the change left to `target`.

    `forth`, if given, is how to make the change again (a phase move goes through the gate again);
    without it, redo replays the inverse that running `back` recorded. `rows`: what the change did to
    each row's version, and the release it concerns, filled in by the unit of work.
    """

    label: str
    back: Step
    version: int | None = None
    forth: Step | None = None
    target: RowKey | None = None
    rows: Versions = field(default_factory=dict)
    release_id: int | None = None
    release_version: str = ""
    origin: str = ""
    """Where in the app the change was made ("board", ...): the board asks before undoing one made elsewhere."""

    @property
    def description(self) -> str:
        """The change and its release, as undo names it: "untick 'Run regression' on 3.1.0"."""
        if not self.release_version or self.release_version in self.label.split():
            return self.label
        return f"{self.label} on {self.release_version}"

    def after_replay(self, made: Inverse) -> Inverse:
        """What takes the replay back in turn, given the inverse the replay recorded."""
        if self.forth is None:
            return replace(made, label=self.label)
        return replace(made, label=self.label, back=self.forth, forth=self.back)


def undoable(method: F) -> F:
    """Declare a write use case that records its inverse (the service checks it did)."""
    return _write(method, "")


def not_undoable(because: str) -> Callable[[F], F]:
    """Declare a write use case that cannot be undone, and why."""
    if not because.strip():
        raise ValueError("say why the write cannot be undone")
    return lambda method: _write(method, because)


def _write(method: F, reason: str) -> F:
    WRITES[method.__name__] = reason

    @functools.wraps(method)
    def write(self: Any, *args: Any, **kwargs: Any) -> Any:
        return self._run_write(method, not reason, args, kwargs)

    return write  # type: ignore[return-value]


class History:
    """This terminal's undoable changes, newest last, and those undone since, for redo."""

    def __init__(self) -> None:
        self.undo_stack: list[Inverse] = []
        self.redo_stack: list[Inverse] = []

    def push(self, change: Inverse) -> None:
        self.undo_stack.append(change)
        del self.undo_stack[:-LIMIT]
        self.redo_stack.clear()

    def replay(self, marker: str, run: Callable[[Inverse], Inverse | None]) -> str:
        """Undo ("undo") or redo ("redo") the newest change; `run` replays it and returns what it recorded."""
        source, target = (self.undo_stack, self.redo_stack) if marker == "undo" else (self.redo_stack, self.undo_stack)
        if not source:
            raise InvalidInput(f"nothing to {marker} in this terminal")
        change = source.pop()
        try:
            made = run(change)
        except (StaleWrite, NotFound) as exc:
            who = getattr(exc, "changed_by", "") or "someone"
            what = f" ({exc.change})" if getattr(exc, "change", "") else ""
            raise StaleWrite(
                f"Cannot {marker} '{change.label}': {who} changed it since in another terminal{what}."
                " Their change stays.",
                changed_by=who,
            ) from None
        except BaseException:
            source.append(change)
            raise
        if made is not None:
            self._carry_versions(change, made)
            target.append(change.after_replay(made))
        return f"{'Undid' if marker == 'undo' else 'Redid'}: {change.description}"

    def peek(self, marker: str) -> Inverse | None:
        """The change the next undo ("undo") or redo ("redo") would replay."""
        stack = self.undo_stack if marker == "undo" else self.redo_stack
        return stack[-1] if stack else None

    def _carry_versions(self, replayed: Inverse, made: Inverse) -> None:
        """The replay put each row it wrote back to the state it had before `replayed`'s change: the changes
        still on the stacks that expected that state's row_version now expect the one the replay left.
        A colleague's write in between left another version, which nothing here expects: still refused."""
        for key, (_, left) in made.rows.items():
            restored = replayed.rows.get(key, (None, None))[0]
            if restored is None or left is None:
                continue
            for stack in (self.undo_stack, self.redo_stack):
                stack[:] = [replace(change, version=left) if change.target == key and change.version == restored
                            else change for change in stack]
