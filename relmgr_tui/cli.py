"""Command line: `relmgr` starts the dashboard; subcommands script the same use cases.

`create_app()` is the one factory (Settings -> Store -> Service -> App) that the CLI, the tests and the
screenshot script all use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from relmgr_tui import config, paths
from relmgr_tui.domain import templates
from relmgr_tui.service import Clock, Service, utc_now
from relmgr_tui.store.repo import Store

if TYPE_CHECKING:
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
) -> Context:
    """Resolve the database, read config and templates, open the store and build the service."""
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
    store = Store.open(paths.resolve_db(db), read_only=read_only, now=now)
    service = Service(
        store,
        template_set,
        who=who,
        clock=clock,
        blocking_band=settings.blocking_risk_band,
        default_methodology=settings.default_methodology,
    )
    return Context(service, settings, str(config_path), warnings)


def create_app(
    db: str | None = None,
    *,
    read_only: bool = False,
    clock: Clock = utc_now,
    who: str | None = None,
    settings: config.Settings | None = None,
) -> RelmgrApp:
    from relmgr_tui.ui.app import RelmgrApp

    return RelmgrApp(open_context(db, read_only=read_only, clock=clock, who=who, settings=settings))


def main(argv: list[str] | None = None) -> int:
    raise NotImplementedError  # replaced by the command-line module below
