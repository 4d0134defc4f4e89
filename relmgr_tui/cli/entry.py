"""The boundary: `main` parses, runs the board or a command, and turns every failure into a status and
one line. Only a command line with a command imports the subcommands; opening the board needs none."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from relmgr_tui.cli import os_errors
from relmgr_tui.cli.parsing import build_parser, not_utf8, only_opens_the_board
from relmgr_tui.cli.status import (
    EXIT_BLOCKED,
    EXIT_BROKEN_PIPE,
    EXIT_BUG,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    error,
    warn,
)
from relmgr_tui.domain.errors import GateBlocked, InvalidInput, RelmgrError
from relmgr_tui.redact import mask
from relmgr_tui.safe_text import printable


def _run(args: argparse.Namespace) -> int:
    from relmgr_tui.bootstrap import launch_app, open_context
    from relmgr_tui.cli.arguments import handler_named

    standalone = getattr(args, "standalone", None)
    if standalone is not None:
        return _collecting(handler_named(standalone))(args)
    if args.handler is None:
        app = launch_app(args.db, read_only=args.read_only)
        app.run()
        # The app never exits with 1 on purpose: Textual's 1 means it crashed, after printing the traceback.
        return EXIT_BUG if app.return_code == 1 else app.return_code or 0
    context = open_context(args.db, read_only=args.read_only, missing=args.missing)
    try:
        for warning in context.warnings:
            warn(warning)
        return _collecting(handler_named(args.handler))(context, args)
    finally:
        context.service.close()


def _collecting(handler: Callable[..., int]) -> Callable[..., int]:
    """The handler, with the garbage collector back on: start-up ran without it (see _parse_and_run)."""
    gc.enable()
    return handler


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


def _report_bug(bug: Exception) -> None:
    """What a maintainer needs to fix it, with no password or escape sequence in it, then the one line."""
    for line in "".join(traceback.format_exception(bug)).splitlines():
        print(printable(mask(line)), file=sys.stderr)
    error(f"internal error ({type(bug).__name__}): this is a bug in relmgr; please report it with the"
          " traceback above")


def main(argv: Sequence[str] | None = None) -> int:
    """`relmgr` and `python -m relmgr_tui`: returns the exit status (0 ok, 1 gate blocked, 2 error,
    70 a bug, 130 interrupted). The one place where a failure becomes a status and a line."""
    _tolerate_unencodable_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    collecting = gc.isenabled()
    try:
        return _parse_and_run(argv)
    except GateBlocked as blocked:
        from relmgr_tui.cli.phases import report_blocked

        report_blocked(blocked)
        return EXIT_BLOCKED
    except RelmgrError as failure:
        error(str(failure))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as failure:
        if failure.filename is None:
            _silence_stdout()
        error(os_errors.describe(failure))
        return EXIT_ERROR
    except Exception as bug:  # noqa: BLE001 - the boundary: a bug is reported, not thrown at the user
        _report_bug(bug)
        return EXIT_BUG
    finally:
        if collecting:  # a failure before the handler (or a test calling main) must not leave it off
            gc.enable()


def _parse_and_run(argv: list[str]) -> int:
    complaint = not_utf8(argv)
    if complaint:
        raise InvalidInput(complaint)
    board_only = only_opens_the_board(argv)
    # Start-up (imports, the parser, the store's tables) makes objects that live as long as the process,
    # and the collector's passes over them cost a fifth of a command's start: the app freezes them and
    # turns it back on once the service is open, a command before its handler runs.
    gc.disable()
    args = build_parser(with_commands=not board_only).parse_args(argv)
    status = _run(args)
    sys.stdout.flush()  # here, so that a full device is reported like any other error
    return status
