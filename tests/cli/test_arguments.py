"""The subcommands' parsers name their handlers instead of importing them: every name must lead to a
function, and building the parser must not pull in the store (that import was most of a command's start)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from relmgr_tui import export, minutes
from relmgr_tui.cli.arguments import handler_named
from relmgr_tui.cli.commands import EXPORT_FORMATS, MINUTES_FORMATS
from relmgr_tui.cli.parsing import build_parser


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, its parser) for every command and action, however deep."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def test_every_command_names_a_handler_that_exists() -> None:
    found = {}
    for path, parser in _commands(build_parser()):
        defaults = {key: parser.get_default(key) for key in ("handler", "standalone")}
        names = [name for name in defaults.values() if name]
        if names:
            found[" ".join(path)] = handler_named(names[0])
    assert all(callable(handler) for handler in found.values())
    assert {"report", "digest", "serve", "events", "calendar", "freeze add", "scope import", "copy",
            "risk accept", "step rehearse", "signoff", "review"} <= set(found)
    assert found["report"].__name__ == "cmd_report"
    assert len(found) >= 50


def test_export_and_minutes_offer_exactly_the_formats_they_render() -> None:
    assert EXPORT_FORMATS == export.FORMATS
    assert MINUTES_FORMATS == minutes.FORMATS


def test_help_and_parsing_import_neither_the_store_nor_sqlalchemy() -> None:
    """`relmgr --help`, and the parse before any command runs, stay quick: the store loads with the handler."""
    probe = ("import sys; from relmgr_tui.cli.parsing import build_parser;"
             " build_parser().parse_args(['report', '--since', '30d']);"
             " print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'sqlmodel', 'relmgr_tui.store.repo',"
             " 'relmgr_tui.service', 'relmgr_tui.export', 'textual'))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
