"""The scope commands: scope add, set, list, remove, move, defer and import; `notes`, the release notes; and
the scope lines of `show`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from relmgr_tui import export
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import print_json, print_lines, text_table
from relmgr_tui.domain import release_notes, scope_import
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import ScopeItem
from relmgr_tui.domain.wording import plural
from relmgr_tui.safe_text import printable

FIELDS = ("title", "type", "status", "severity", "url")
"""What `scope add` and `scope set` take as options."""


def scope_row(item: ScopeItem) -> list[str]:
    """Key, type, status in words, severity, title: as `scope list` and `show` print an item."""
    return [printable(item.key), item.type.value, item.status.label,
            item.severity.value if item.severity else "-", printable(item.title)]


def scope_lines(items: Sequence[ScopeItem]) -> list[str]:
    """The Scope section of `relmgr show`."""
    lines = ["", "Scope"]
    if not items:
        return lines + ["  none recorded"]
    return lines + [f"  {line}" for line in text_table(["KEY", "TYPE", "STATUS", "SEVERITY", "TITLE"],
                                                        [scope_row(item) for item in items])]


def cmd_scope_add(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    item = service.add_scope_item(release.id, args.key, args.title, type=args.type, status=args.status,
                                  severity=args.severity, url=args.url)
    print(f"Added {printable(item.key)} to {printable(release.version)}: {printable(item.title)}"
          f" ({item.type.value}, {item.status.label}).")
    return 0


def cmd_scope_set(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    changes = {name: getattr(args, name) for name in FIELDS if getattr(args, name) is not None}
    if not changes:
        raise InvalidInput(f"say what to change: --{', --'.join(FIELDS)}")
    item = service.scope_item_by_key(args.version, args.key)
    after = service.edit_scope_item(item.id, item.row_version, **changes)
    if after == item:
        print(f"{printable(item.key)} in {printable(args.version)} already says that: nothing changed.")
    else:
        print(f"Changed {printable(after.key)} in {printable(args.version)}: "
              + "; ".join(f"{name} {printable(str(value))}" for name, value in _shown(after, changes).items()) + ".")
    return 0


def _shown(item: ScopeItem, changes: dict) -> dict[str, str]:
    words = {"type": item.type.value, "status": item.status.label,
             "severity": item.severity.value if item.severity else "none", "title": item.title, "url": item.url}
    return {name: words[name] for name in changes}


def cmd_scope_list(context: Context, args: argparse.Namespace) -> int:
    release, items = context.service.scope_of(args.version)
    if args.json:
        print_json([export.scope_record(item) for item in items])
        return 0
    if not items:
        print(f"{printable(release.version)} has no scope items: add one with `relmgr scope add"
              f" {printable(release.version)} KEY --title TITLE`, or import them.")
        return 0
    print_lines(text_table(["KEY", "TYPE", "STATUS", "SEVERITY", "TITLE"], [scope_row(item) for item in items]))
    return 0


def cmd_scope_remove(context: Context, args: argparse.Namespace) -> int:
    item = context.service.scope_item_by_key(args.version, args.key)
    context.service.remove_scope_item(item.id, item.row_version)
    print(f"Removed {printable(item.key)} from {printable(args.version)}.")
    return 0


def cmd_scope_move(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    item = service.scope_item_by_key(args.version, args.key)
    target = service.release(args.to)
    service.move_scope_items([item.id], target.id)
    print(f"Moved {printable(item.key)} from {printable(args.version)} to {printable(target.version)}.")
    return 0


def cmd_scope_defer(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release, target = service.release(args.version), service.release(args.to)
    moved = service.defer_scope(release.id, target.id)
    print(f"Deferred {plural(len(moved), 'unfinished item')} from {printable(release.version)} to"
          f" {printable(target.version)}: {printable(', '.join(item.key for item in moved))}.")
    return 0


def cmd_scope_import(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    text = scope_import.decode(sys.stdin.buffer.read())
    records = scope_import.from_json(text) if args.format == "json" else scope_import.from_csv(text)
    result = service.import_scope(release.id, records)
    print(f"Imported into {printable(release.version)}: {len(result.added)} added, {len(result.updated)} updated,"
          f" {len(result.unchanged)} unchanged.")
    return 0


def cmd_notes(context: Context, args: argparse.Namespace) -> int:
    notes = release_notes.notes(context.service.detail_by_version(args.version))
    if args.format == "json":
        print_json(release_notes.data(notes))
    else:
        sys.stdout.write(export.notes_markdown(notes))
    return 0
