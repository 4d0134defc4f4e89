"""The arguments: argparse with safe error lines, arguments that are not UTF-8, and the board-only parser."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from relmgr_tui import __version__
from relmgr_tui.cli.options import database_options
from relmgr_tui.cli.status import EXIT_ERROR, error

_SURROGATES = re.compile("[\ud800-\udfff]")
"""What Python makes of bytes that are not UTF-8 in an argument (PEP 383)."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse's usage errors, with their `relmgr: error:` line made safe like every other one."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        error(message)
        raise SystemExit(EXIT_ERROR)


def not_utf8(argv: Sequence[str]) -> str | None:
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
        from relmgr_tui.cli.commands import add_commands

        add_commands(parser)
    return parser


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
