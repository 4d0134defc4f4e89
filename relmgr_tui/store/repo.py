"""The store: a database connection factory handing out one short transaction at a time.

`Store.read()` and `Store.write()` give a `Repo` (store/repository.py) bound to one short session;
`write()` starts with BEGIN IMMEDIATE on SQLite and bumps the `revision` counter that other terminals
watch; on PostgreSQL it also NOTIFYs the new revision (store/listener.py), delivered on commit. Everything the store hands out is a domain object: no ORM row leaves `store/`.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from relmgr_tui.domain.errors import (
    AlreadyExists,
    ConnectionLost,
    DatabaseError,
    ReadOnlyMode,
    RelmgrError,
    StaleWrite,
)
from relmgr_tui.store import location
from relmgr_tui.store.engine import (
    WRITE_OPTION,
    Target,
    describe_failure,
    detail_of,
    empty_engine,
    is_disconnect,
    open_engine,
    parse_target,
)
from relmgr_tui.store.listener import CHANNEL, ChangeListener
from relmgr_tui.store.location import Missing

if TYPE_CHECKING:
    from relmgr_tui.store.creation import Created
    from relmgr_tui.store.repository import Repo

__all__ = ["Repo", "Store"]


class OwnRevisions:
    """The revisions this process's writes made, so that the change watcher can tell them from others'.
    Writes (in worker threads) add to it while the watcher reads it: a lock keeps both whole."""

    def __init__(self) -> None:
        self._revisions: set[int] = set()
        self._lock = threading.Lock()

    def remember(self, revision: int) -> None:
        with self._lock:
            self._revisions.add(revision)

    def forget(self, revision: int) -> None:
        with self._lock:
            self._revisions.discard(revision)

    def others_between(self, since: int, current: int) -> list[int]:
        """The revisions after `since`, up to `current`, that are not ours; forgets ours up to `current`."""
        with self._lock:
            others = [r for r in range(since + 1, current + 1) if r not in self._revisions]
            self._revisions = {r for r in self._revisions if r > current}
        return others


class Store:
    """A database connection factory handing out one short transaction at a time.

    A SQLite database that does not exist yet reads as empty (an empty one in memory) and is created by
    the first write, when the store may create it: nothing is created until relmgr writes.
    """

    def __init__(
        self, engine: Engine, target: Target, read_only: bool = False, *, exists: bool = True,
        creates: bool = False, now: datetime | None = None, side_files: set[Path] | None = None,
    ) -> None:
        """`side_files`: those beside a read-only SQLite file before it was opened; `close` removes new ones."""
        self.target = target
        self.read_only = read_only
        self.exists = exists
        self._creates = creates
        self._creating = threading.Lock()
        self._now = now
        self._use(engine)
        self._own = OwnRevisions()
        self._overwriting = False
        self._side_files = side_files

    @classmethod
    def open(
        cls, value: str, *, read_only: bool = False, now: datetime | None = None, missing: Missing = Missing.CREATE
    ) -> Store:
        """The database at `value`; `missing` says what a SQLite path with no database at it gives."""
        from relmgr_tui.store.creation import may_create

        target = parse_target(value)
        if target.path is None or location.database_exists(target.path):
            side_files = location.existing_side_files(target.path) if read_only and target.path else None
            try:
                engine = open_engine(target, read_only=read_only, now=now)
            except DatabaseError:
                if side_files is not None:
                    location.clear_new_side_files(target.path, side_files)
                raise
            return cls(engine, target, read_only, side_files=side_files)
        creates = may_create(target.path, missing, read_only)
        store = cls(empty_engine(), target, read_only, exists=False, creates=creates, now=now)
        if missing is Missing.CREATE:
            store._create()
        return store

    def _use(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})

    def _create(self) -> Created | None:
        """Create the database that does not exist yet (see store/creation.py)."""
        from relmgr_tui.store.creation import create_sqlite

        assert self.target.path is not None
        if not self._creates:
            raise location.no_database(self.target.path)
        with self._creating:  # two first writes from two threads: one creates, the other uses it
            if self.exists:
                return None
            engine, created = create_sqlite(self.target, self._now)
            self.engine.dispose()
            self._use(engine)
            self.exists = True
            return created

    def _take_back(self, created: Created) -> None:
        """The first write failed: remove the database it created, and read as empty again."""
        self.engine.dispose()
        created.undo()
        self._use(empty_engine())
        self.exists = False

    @property
    def url(self) -> str:
        return self.target.display()

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    def identity(self) -> str:
        """Who this process is, as the database can vouch for it: the session's role on PostgreSQL (one role
        per person), the OS user on SQLite. What the audit log and sign-offs record; never typed."""
        if not self.is_sqlite:
            with self.read() as repo:
                return repo.current_user()
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"

    @contextmanager
    def read(self) -> Iterator[Repo]:
        from sqlalchemy.orm import Session  # the ORM and the table models: see sql_read

        from relmgr_tui.store.repository import Repo

        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield Repo(session)
        except SQLAlchemyError as exc:
            raise self._failure(exc) from None

    @contextmanager
    def sql_read(self) -> Iterator[Connection]:
        """A read transaction for SQL text that needs no table model (store/metrics.py): `relmgr report`
        then loads neither SQLAlchemy's ORM nor SQLModel's fifteen models, 0.4 s of its start."""
        try:
            with self.engine.connect() as connection, connection.begin():
                yield connection
        except SQLAlchemyError as exc:
            raise self._failure(exc) from None

    @contextmanager
    def write(self) -> Iterator[Repo]:
        """One write transaction: everything inside commits together, or nothing does.

        The first write to a database that does not exist yet creates it; if that write fails, the
        database it created is removed again.
        """
        if self.read_only:
            raise ReadOnlyMode("relmgr is in read-only mode: nothing was changed. Restart it without --read-only.")
        created = None if self.exists else self._create()
        try:
            with self._transaction() as repo:
                yield repo
        except BaseException:
            if created is not None:
                self._take_back(created)
            raise

    @contextmanager
    def _transaction(self) -> Iterator[Repo]:
        from sqlalchemy.orm import Session

        from relmgr_tui.store.repository import Repo

        written: int | None = None
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                repo = Repo(session, check_versions=not self._overwriting)
                # First, not last: the revision row's lock makes PostgreSQL writers take turns as SQLite's
                # BEGIN IMMEDIATE does, so event ids are handed out in commit order and a feed resuming
                # after id N can never miss a smaller id committed later.
                repo.bump_revision()
                yield repo
                written = repo.revision()
                # Remembered before the commit: this process's own listener may hear the NOTIFY first.
                self._own.remember(written)
                if not self.is_sqlite:
                    repo.announce(CHANNEL, written)  # delivered by the server on commit, and only then
        except BaseException as exc:
            if written is not None:
                self._own.forget(written)
            if isinstance(exc, SQLAlchemyError):
                raise self._write_failure(exc) from None
            raise

    def _write_failure(self, exc: SQLAlchemyError) -> RelmgrError:
        from sqlalchemy.orm.exc import StaleDataError

        if isinstance(exc, StaleDataError):
            return StaleWrite("This was changed in another terminal while you saved: reload to see it.")
        if isinstance(exc, IntegrityError):
            message = str(exc.orig).lower()
            if "unique" in message and "version" in message:
                return AlreadyExists("A release with that version exists already: choose another version.")
        return self._failure(exc)

    def _failure(self, exc: SQLAlchemyError) -> DatabaseError:
        """One sentence for a failed read or write; a dropped server connection is `ConnectionLost`."""
        if not self.is_sqlite and is_disconnect(exc):
            return ConnectionLost(
                f"lost the connection to {self.url} ({detail_of(exc)}): nothing was changed;"
                " try again once the server is back."
            )
        return describe_failure(exc, self.target, read_only=self.read_only)

    def revision(self) -> int:
        with self.read() as repo:
            return repo.revision()

    def changed_elsewhere(self, since: int) -> tuple[int, bool]:
        """(current revision, whether any write after `since` came from another process)."""
        current = self.revision()
        return current, self.written_elsewhere(since, current)

    def written_elsewhere(self, since: int, current: int) -> bool:
        """Whether a write after revision `since`, up to `current`, came from another process (no query)."""
        return bool(self.revisions_elsewhere(since, current))

    def revisions_elsewhere(self, since: int, current: int) -> list[int]:
        """The revisions after `since`, up to `current`, that another process wrote (no query)."""
        return self._own.others_between(since, current)

    def listener(self) -> ChangeListener | None:
        """A listener for other writers' announcements: PostgreSQL only (SQLite has no NOTIFY)."""
        return None if self.is_sqlite else ChangeListener(self.target)

    @contextmanager
    def overwriting(self) -> Iterator[None]:
        """Save over a colleague's change on purpose (the user chose it after a conflict message)."""
        self._overwriting = True
        try:
            yield
        finally:
            self._overwriting = False

    @staticmethod
    def same_place(store: Store, other: str) -> bool:
        """Whether the database `other` (a path or URL) is the one `store` has open."""
        target = parse_target(other)
        if store.target.path is not None or target.path is not None:
            return store.target.path == target.path
        return store.target.url.render_as_string(hide_password=True) == target.url.render_as_string(hide_password=True)

    def backup(self, destination: str, *, force: bool = False) -> Path:
        """Copy the database to `destination` (see store/backup.py); returns where it went."""
        from relmgr_tui.store.backup import backup_to

        if self.target.path is None:
            raise DatabaseError("`relmgr backup` copies SQLite files; back up PostgreSQL with pg_dump.")
        return backup_to(self.target.path, destination, force=force)

    def note(self) -> str:
        """What `relmgr info` adds after the database's name: read-only, or why it does not exist."""
        if self.exists:
            return " (read-only)" if self.read_only else ""
        path = self.target.path
        if path is not None and not path.parent.is_dir() and not location.is_default_folder(path.parent):
            return " (does not exist, nor does its folder: check the path)"
        return " (does not exist yet: relmgr new, relmgr demo or the board creates it)"

    def close(self) -> None:
        self.engine.dispose()
        if self._side_files is not None and self.target.path is not None:
            location.clear_new_side_files(self.target.path, self._side_files)
