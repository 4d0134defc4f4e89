"""The parsers of the commands that take relmgr beyond one terminal: serve, events and digest. Their
handlers load their modules only when run (textual-serve and aiohttp cost a quarter of a second)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import local_today
from relmgr_tui.store.location import Missing

DEFAULT_HOOK_TIMEOUT = 30.0


def _event_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not an event id (a whole number from 0)")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < seconds <= 86_400:
        raise argparse.ArgumentTypeError(f"choose from more than 0 to 86400 seconds, not {text}")
    return seconds


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"choose a port from 1 to 65535, not {port}")
    return port


def cmd_serve(context: Context, args: argparse.Namespace) -> int:
    from relmgr_tui.cli.serve import serve

    return serve(context, args)


def cmd_events(context: Context, args: argparse.Namespace) -> int:
    from relmgr_tui.cli.events import run_events

    return run_events(context, args)


def cmd_digest(context: Context, args: argparse.Namespace) -> int:
    from relmgr_tui import digest

    sys.stdout.write(digest.render(args.format, digest.build(context.service, local_today(context.service))))
    return 0


def add_feed_commands(commands: Any, add_command: Callable[..., argparse.ArgumentParser]) -> None:
    serve = add_command(commands, "serve", cmd_serve, "serve the board to a web browser (textual-serve)")
    serve.set_defaults(missing=Missing.CREATE_ON_WRITE)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; any other is reachable without a login)")
    serve.add_argument("--port", type=_port, default=8000, help="default 8000")

    events = add_command(commands, "events", cmd_events, "print the audit events, oldest first")
    events.add_argument("--since", type=_event_id, default=0, metavar="ID",
                        help="only the events after this event id (resume where a consumer stopped)")
    events.add_argument("--follow", action="store_true", help="keep waiting for new events")
    events.add_argument("--json", action="store_true", help="one JSON object per line")
    events.add_argument("--exec", metavar="CMD",
                        help="run CMD (through the shell) once per event, the event's JSON on its stdin;"
                        " a failing hook is retried with backoff, the events it was given are printed")
    events.add_argument("--hook-timeout", type=_seconds, default=DEFAULT_HOOK_TIMEOUT, metavar="SECONDS",
                        help=f"stop a hook after this long and try again (default {DEFAULT_HOOK_TIMEOUT:g})")

    digest = add_command(commands, "digest", cmd_digest,
                         "summarise the board for a morning mail: due dates, closed gates, decisions, conditions")
    digest.add_argument("--format", choices=("md", "json"), default="md")
