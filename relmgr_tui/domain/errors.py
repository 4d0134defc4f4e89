"""Errors a user can cause and be told about in one sentence.

Every message names the problem and what to do; the CLI prints it on one line and the UI shows it.
"""

from __future__ import annotations


class RelmgrError(Exception):
    """Base class: an expected failure with a message meant for people."""


class InvalidInput(RelmgrError):
    """A value a user typed does not fit (bad version, likelihood out of range, ...)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFound(RelmgrError):
    """The release, item, risk or step does not exist (any more)."""


class AlreadyExists(RelmgrError):
    """A release with that version exists already."""


class StaleWrite(RelmgrError):
    """The row changed in another terminal since it was read; nothing was written."""

    def __init__(self, message: str, changed_by: str = "", change: str = "") -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.change = change


class GateBlocked(RelmgrError):
    """The gate refuses the move; `report` lists every blocker."""

    def __init__(self, report: object, message: str) -> None:
        super().__init__(message)
        self.report = report


class DatabaseError(RelmgrError):
    """The database cannot be opened or used: not SQLite, corrupt, read-only, too new, locked."""


class ReadOnlyMode(RelmgrError):
    """A write was attempted while relmgr runs in read-only (presenter) mode."""


class UnreadableRow(DatabaseError):
    """A stored value this relmgr does not know: an unknown phase or status, a malformed date, a NULL.

    `problem` names the row and the value ("release 7: phase 'launch' is not one this relmgr knows"), for
    a listing that leaves the row out and says so; the message adds what to do, for reading that row.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(f"{problem}: a newer relmgr may have written it; open it with that one, or correct the value")
        self.problem = problem


class ConnectionLost(DatabaseError):
    """The database server's connection dropped (or cannot be made again yet); nothing was changed."""
