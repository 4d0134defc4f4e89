"""The composition root: Settings -> Store -> Service -> App, in one place that every front end uses.

`create_app()` is the one factory that the tests, the screenshot script and unusual databases use.
`launch_app()`, what `relmgr` runs, draws the board's first frame from a plain sqlite3 read and lets the
same context open behind it. `open_context()` is what the subcommands run on. SQLAlchemy is imported only
when the service opens, so the first frame is drawn without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from relmgr_tui import config, paths
from relmgr_tui.clock import Clock, utc_now
from relmgr_tui.store.location import Missing

if TYPE_CHECKING:
    from relmgr_tui.service import Service
    from relmgr_tui.store.board_query import FirstCards
    from relmgr_tui.ui.app import RelmgrApp


@dataclass
class Context:
    """Everything a front end needs: the service, the settings and warnings to show once."""

    service: Service
    settings: config.Settings
    config_path: str
    warnings: list[str] = field(default_factory=list)


def open_context(
    db: str | None = None,
    *,
    read_only: bool = False,
    clock: Clock = utc_now,
    who: str | None = None,
    settings: config.Settings | None = None,
    remember: bool = False,
    missing: Missing = Missing.CREATE_ON_WRITE,
) -> Context:
    """Resolve the database, read config and templates, open the store and build the service.

    `missing` says what a database that does not exist yet gives: the app and the commands that write
    read it as empty and create it with their first write; a command that only reads refuses it.
    SQLAlchemy is imported here, not at the top: `relmgr` draws its first frame without it.
    """
    from relmgr_tui.domain import templates
    from relmgr_tui.service import Service
    from relmgr_tui.store.repo import Store

    warnings: list[str] = []
    config_path = paths.config_file()
    if settings is None:
        settings, warning = config.load(config_path)
        if warning:
            warnings.append(warning)
    template_set = templates.load(paths.templates_file())
    if template_set.warning:
        warnings.append(template_set.warning)
    now: datetime = clock()
    store = Store.open(paths.resolve_db(db), read_only=read_only, now=now, missing=missing)
    service = Service(
        store,
        template_set,
        who=who,
        clock=clock,
        blocking_band=settings.blocking_risk_band,
        blocking_bug=settings.blocking_bug_severity,
        default_methodology=settings.default_methodology,
        remember=remember,
        rollback_window_days=settings.rollback_window_days,
        timezone=config.zone_of(settings),
        holiday_country=settings.holidays,
        identity=store.identity(),
        allow_self_signoff=settings.allow_self_signoff,
    )
    return Context(service, settings, str(config_path), warnings)


@dataclass
class QuickStart:
    """The first frame's cards, read without SQLAlchemy, and how to open the context behind them."""

    settings: config.Settings
    config_path: str
    first_cards: FirstCards
    open_context: Callable[[], Context]
    read_only: bool
    clock: Clock


FIRST_CARDS_PER_PHASE = 16
"""Cards per column in the first frame: more than a 60-line terminal shows."""


def create_app(
    db: str | None = None,
    *,
    read_only: bool = False,
    clock: Clock = utc_now,
    who: str | None = None,
    settings: config.Settings | None = None,
) -> RelmgrApp:
    """The app with its service open: what the tests, the screenshots and unusual databases use."""
    from relmgr_tui.ui.app import RelmgrApp

    return RelmgrApp(_open_tracked(db, read_only=read_only, clock=clock, who=who, settings=settings))


def launch_app(db: str | None = None, *, read_only: bool = False, clock: Clock = utc_now) -> RelmgrApp:
    """`relmgr` with no command: draw the board before SQLAlchemy is imported.

    Importing SQLAlchemy and sqlmodel takes longer than the whole first frame, so for an existing SQLite
    file of the current schema the first cards come from a read-only `sqlite3` read, and the service
    opens in a thread behind the first frame. Anything else (PostgreSQL, a new, old, foreign or
    read-only file) takes `create_app`, which checks, migrates or explains before anything is drawn.
    """
    from relmgr_tui.ui.app import RelmgrApp

    config_path = paths.config_file()
    settings, warning = config.load(config_path)
    first = _quick_first_cards(paths.resolve_db(db), read_only)
    if first is None or warning:
        return create_app(db, read_only=read_only, clock=clock, settings=settings if not warning else None)

    def open_behind() -> Context:
        return _open_tracked(db, read_only=read_only, clock=clock, settings=settings)

    return RelmgrApp(QuickStart(settings, str(config_path), first, open_behind, read_only, clock))


def _quick_first_cards(value: str, read_only: bool) -> FirstCards | None:
    """The first cards of an existing, usable SQLite file, read without SQLAlchemy; None otherwise.

    Read-only leaves no trace: the `-wal`/`-shm` files the read makes are gone before the store opens.
    """
    from relmgr_tui.domain import templates
    from relmgr_tui.store import location
    from relmgr_tui.store.board_query import first_cards

    if location.looks_like_url(value):
        return None
    path = location.database_path(value)
    if not location.database_exists(path) or not (read_only or os.access(path, os.W_OK)):
        return None
    signoff_rules = templates.load(paths.templates_file()).signoffs
    if not read_only:
        return first_cards(path, FIRST_CARDS_PER_PHASE, signoff_rules)
    with location.no_new_side_files(path):
        return first_cards(path, FIRST_CARDS_PER_PHASE, signoff_rules)


def _open_tracked(db: str | None, **options: Any) -> Context:
    """The context of the app: its service remembers every change so that `u` can undo it. The ORM and the
    table models are imported here too, where the app opens its service (behind the first frame): a store
    loads them only at its first read through a `Repo`, which in the app would be the user's first key."""
    from relmgr_tui.store import repository  # noqa: F401

    return open_context(db, remember=True, **options)
