"""What the subcommands' parsers are made of: a command with its handler named (not imported), and the
argument types that turn a bad value into argparse's one usage line.

A handler is named "module.function" in relmgr_tui.cli and imported only when its command runs: building
the parser of every command must not import the store, export, calendar or web code that most commands
never use (those imports were most of the second that `relmgr report` took).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from typing import Any

from relmgr_tui.cli.options import database_options
from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.store.location import Missing

MAX_DEMO_RELEASES = 100_000
DEFAULT_WEEKS = 4
MAX_WEEKS = 52
DEFAULT_HOOK_TIMEOUT = 30.0


def add_command(commands: Any, name: str, handler: str, summary: str) -> argparse.ArgumentParser:
    """The parser of command `name`, run by `handler` ("module.function" in relmgr_tui.cli)."""
    parser = commands.add_parser(name, help=summary, description=summary, parents=[database_options(False)])
    parser.set_defaults(handler=handler, missing=Missing.REFUSE)
    return parser


def add_json(parser: Any) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def handler_named(name: str) -> Callable[..., int]:
    """The function that `name` ("module.function") names, its module imported now."""
    module, _, function = name.rpartition(".")
    return getattr(import_module(f"relmgr_tui.cli.{module}"), function)


def enum_type(enum_type: type, name: str) -> Callable[[str], Any]:
    """An argparse type that accepts an enum value in any case, with - or _ (e.g. Testing, conditional-go)."""

    def parse(text: str) -> Any:
        try:
            return validation.choice(enum_type, text, name)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def whole_number(low: int, high: int, what: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from low to high (`what` names the unit, e.g. weeks)."""
    unit = f" {what}" if what else ""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"choose from {low} to {high}{unit}, not {number}")
        return number

    return parse


def action_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an action number: use the number printed before it")
    return number


def event_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not an event id (a whole number from 0)")
    return int(text)


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"choose from more than 0 to 86400 seconds, not {text}")
    return value
