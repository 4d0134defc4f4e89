"""`relmgr serve`: the same app in a browser, through textual-serve.

Every browser tab gets its own `relmgr` process (textual-serve runs the command per connection) on the
database of this command line, handed over in $RELMGR_DB so that a PostgreSQL password never appears in
a process listing. textual-serve has no login: it listens on loopback unless a host is named, and then
says so.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys

from relmgr_tui import paths
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.status import warn
from relmgr_tui.domain.errors import InvalidInput

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(read_only: bool) -> str:
    """What textual-serve runs for each browser: this Python, this relmgr, the board."""
    return " ".join([shlex.quote(sys.executable), "-m", "relmgr_tui", *(["--read-only"] if read_only else [])])


def public_url(host: str, port: int) -> str:
    """The address the page's websocket connects back to: a wildcard host is not one a browser can use."""
    shown = socket.getfqdn() if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def serve(context: Context, args: argparse.Namespace) -> int:
    """The context is opened first so that a database relmgr cannot use is said here, not in the browser."""
    from textual_serve.server import Server

    if not is_loopback(args.host):
        warn(f"serving on {args.host}, which is not loopback: textual-serve has no login, so anyone who can"
             " reach this port can use relmgr; prefer the default 127.0.0.1 and an SSH tunnel")
    os.environ[paths.DB_ENV] = paths.resolve_db(args.db)
    server = Server(app_command(args.read_only), host=args.host, port=args.port, title="relmgr",
                    public_url=public_url(args.host, args.port))
    try:
        server.serve()
    except OSError as failure:
        raise InvalidInput(f"cannot listen on {args.host} port {args.port} ({failure.strerror or failure}):"
                           " choose another --port or --host") from None
    return 0

