"""The options every command shares with the board, in a module of their own: both the board's parser
and the subcommands' parsers use them."""

from __future__ import annotations

import argparse
from functools import cache

from relmgr_tui import paths


@cache
def database_options(top_level: bool) -> argparse.ArgumentParser:
    """--db and --read-only, accepted before and after the subcommand (one parser of them for all fifty
    commands: each is a parent its actions are copied from, and making fifty cost 50 ms).

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
