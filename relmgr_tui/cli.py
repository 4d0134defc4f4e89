"""Command line: `relmgr` starts the dashboard; subcommands (in `subcommands.py`) script the same use cases.

`create_app()` is the one factory (Settings -> Store -> Service -> App) that the tests, the screenshot
script and unusual databases use. `launch_app()`, what `relmgr` runs, draws the board's first frame from a
plain sqlite3 read and lets the same context open behind it. SQLAlchemy, and the subcommands with what
they print, are imported only where a command or the service needs them.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

from relmgr_tui import __version__, config, os_errors, paths
from relmgr_tui.clock import Clock, utc_now
from relmgr_tui.domain.errors import GateBlocked, InvalidInput, RelmgrError
from relmgr_tui.redact import mask
from relmgr_tui.safe_text import message_line, printable
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
    service_class: type[Service] | None = None,
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
    service = (service_class or Service)(
        store,
        template_set,
        who=who,
        clock=clock,
        blocking_band=settings.blocking_risk_band,
        default_methodology=settings.default_methodology,
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
    from relmgr_tui.store import location
    from relmgr_tui.store.board_query import first_cards

    if location.looks_like_url(value):
        return None
    path = location.database_path(value)
    if not location.database_exists(path) or not (read_only or os.access(path, os.W_OK)):
        return None
    if not read_only:
        return first_cards(path, FIRST_CARDS_PER_PHASE)
    with location.no_new_side_files(path):
        return first_cards(path, FIRST_CARDS_PER_PHASE)


def _open_tracked(db: str | None, **options: Any) -> Context:
    """The context of the app: its service records every change so that `u` can undo it."""
    from relmgr_tui.history import TrackedService

    return open_context(db, service_class=TrackedService, **options)


# -- exit statuses and the lines that explain them --------------------------------------------------

EXIT_BLOCKED = 1
"""A gate refused the move: the only status 1 there is."""
EXIT_ERROR = 2
"""Bad input or an environment problem, told in one `relmgr: error:` line."""
EXIT_BUG = 70
"""A bug in relmgr (BSD's EX_SOFTWARE): the traceback is printed, for the report, then one line."""
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_SURROGATES = re.compile("[\ud800-\udfff]")
"""What Python makes of bytes that are not UTF-8 in an argument (PEP 383)."""


def _say(kind: str, message: str) -> None:
    print(f"relmgr: {kind}: {message_line(message)}", file=sys.stderr)


def _error(message: str) -> None:
    _say("error", message)


def _warn(message: str) -> None:
    _say("warning", message)


# -- parsing ---------------------------------------------------------------------------------------

class ArgumentParser(argparse.ArgumentParser):
    """argparse's usage errors, with their `relmgr: error:` line made safe like every other one."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _error(message)
        raise SystemExit(EXIT_ERROR)


def _not_utf8(argv: Sequence[str]) -> str | None:
    """The complaint about the first argument that is not UTF-8 text, or None when all of them are."""
    for previous, arg in zip(["", *argv], argv):
        if _SURROGATES.search(arg):
            after = f" (after {_as_typed(previous)})" if previous else ""
            return (f"argument '{_as_typed(arg)}'{after} is not UTF-8 text: type it again in UTF-8, or fix the"
                    " encoding of the script or terminal that passed it")
    return None


def _as_typed(arg: str) -> str:
    """The argument's bytes, those that are not UTF-8 shown as \\xff escapes."""
    try:
        return arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte produced: main() was given a str
        return arg.encode("utf-8", "backslashreplace").decode()


def database_options(top_level: bool) -> argparse.ArgumentParser:
    """--db and --read-only, accepted before and after the subcommand.

    After the subcommand they default to SUPPRESS: an option given there overrides the one given before
    it, and an absent one leaves the earlier value alone.
    """
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--db",
        metavar="PATH|URL",
        default=None if top_level else argparse.SUPPRESS,
        help=f"SQLite file or postgresql+psycopg:// URL (default: ${paths.DB_ENV}, else the file in the user"
        " data folder)",
    )
    options.add_argument(
        "--read-only",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="open the database without changing it (presenter mode)",
    )
    return options


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line, or (with_commands=False) only what opening the board takes."""
    parser = ArgumentParser(
        prog="relmgr",
        description="A terminal dashboard for release managers. Without a command it opens the board.",
        parents=[database_options(True)],
    )
    parser.add_argument("--version", action="version", version=f"relmgr {__version__}")
    parser.set_defaults(handler=None)
    if with_commands:
        from relmgr_tui.subcommands import add_commands

        add_commands(parser)
    return parser


# -- entry point -----------------------------------------------------------------------------------

def _run(args: argparse.Namespace) -> int:
    standalone = getattr(args, "standalone", None)
    if standalone is not None:
        return standalone(args)
    if args.handler is None:
        app = launch_app(args.db, read_only=args.read_only)
        app.run()
        # The app never exits with 1 on purpose: Textual's 1 means it crashed, after printing the traceback.
        return EXIT_BUG if app.return_code == 1 else app.return_code or 0
    context = open_context(args.db, read_only=args.read_only, missing=args.missing)
    try:
        for warning in context.warnings:
            _warn(warning)
        return args.handler(context, args)
    finally:
        context.service.store.close()


def _silence_stdout() -> None:
    """The output cannot be written (the reader left, the device is full): the rest of it, final flush
    included, goes nowhere instead of ending in a second error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _tolerate_unencodable_output() -> None:
    """A title the terminal's encoding cannot show is escaped rather than ending in a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _report_bug(error: Exception) -> None:
    """What a maintainer needs to fix it, with no password or escape sequence in it, then the one line."""
    for line in "".join(traceback.format_exception(error)).splitlines():
        print(printable(mask(line)), file=sys.stderr)
    _error(f"internal error ({type(error).__name__}): this is a bug in relmgr; please report it with the"
           " traceback above")


def only_opens_the_board(argv: Sequence[str]) -> bool:
    """`relmgr`, `relmgr --db X`, `relmgr --read-only`: importing the subcommands and building their fourteen
    parsers would add 20 ms to the wait for the first frame, for nothing. Anything else gets the whole
    parser."""
    wants_value = False
    for arg in argv:
        if wants_value:
            wants_value = False
        elif arg == "--db":
            wants_value = True
        elif not (arg.startswith("--db=") or arg == "--read-only"):
            return False
    return not wants_value


def main(argv: Sequence[str] | None = None) -> int:
    """`relmgr` and `python -m relmgr_tui`: returns the exit status (0 ok, 1 gate blocked, 2 error,
    70 a bug, 130 interrupted). The one place where a failure becomes a status and a line."""
    _tolerate_unencodable_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _parse_and_run(argv)
    except GateBlocked as error:
        from relmgr_tui.subcommands import report_blocked

        report_blocked(error)
        return EXIT_BLOCKED
    except RelmgrError as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        if error.filename is None:
            _silence_stdout()
        _error(os_errors.describe(error))
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the boundary: a bug is reported, not thrown at the user
        _report_bug(error)
        return EXIT_BUG


def _parse_and_run(argv: list[str]) -> int:
    complaint = _not_utf8(argv)
    if complaint:
        raise InvalidInput(complaint)
    board_only = only_opens_the_board(argv)
    if board_only:
        # Start-up makes objects that live as long as the app, and the collector's passes over them cost
        # 30-50 ms of the launch; the app freezes them and turns it back on once the service is open.
        gc.disable()
    args = build_parser(with_commands=not board_only).parse_args(argv)
    status = _run(args)
    sys.stdout.flush()  # here, so that a full device is reported like any other error
    return status
