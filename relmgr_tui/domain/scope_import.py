"""Scope items from a file: a Jira issue export (CSV) or a JSON list with our field names.

Each record comes out as (where it is, its fields): "line 4" in a CSV (the line its row starts on, the
header being line 1), "item 3" in a JSON list. Jira's words are turned into ours here; the service checks
the values and names the place of the first bad one, before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from relmgr_tui.domain.errors import InvalidInput

Record = tuple[str, dict[str, Any]]

COLUMNS = {"issue key": "key", "summary": "title", "issue type": "type", "status": "status",
           "priority": "severity", "url": "url"}
"""Jira export columns (any case) and the field each fills; other columns are ignored."""
REQUIRED = {"issue key": "Issue key", "summary": "Summary"}
"""The columns every export needs, as Jira names them."""

STATUSES = {
    "to do": "open", "open": "open", "backlog": "open", "selected for development": "open", "reopened": "open",
    "in progress": "in_progress", "in review": "in_progress", "in testing": "in_progress",
    "done": "done", "closed": "done", "resolved": "done",
    "won't do": "deferred", "won't fix": "deferred", "deferred": "deferred",
}
TYPES = {
    "bug": "bug", "defect": "bug",
    "story": "feature", "feature": "feature", "new feature": "feature", "epic": "feature", "improvement": "feature",
    "task": "chore", "sub-task": "chore", "subtask": "chore", "chore": "chore",
}
PRIORITIES = {
    "highest": "blocker", "blocker": "blocker", "high": "critical", "critical": "critical",
    "medium": "major", "major": "major", "low": "minor", "lowest": "minor", "minor": "minor", "trivial": "minor",
}
"""Jira priorities (both schemes) as bug severities; a priority says nothing of other issue types."""


def decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without the byte order mark a spreadsheet leaves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the input is not UTF-8 text (byte {exc.start + 1}): save the export as UTF-8") from None


def from_json(text: str) -> list[Record]:
    """A JSON list of objects with our field names (key, title, type, status, severity, url)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"line {exc.lineno}: not JSON ({exc.msg}): give a list of objects such as"
                           ' [{"key": "PAY-1", "title": "Refunds"}]') from None
    if not isinstance(data, list):
        raise InvalidInput('the JSON is not a list: give a list of objects such as [{"key": "PAY-1", "title": "Refunds"}]')
    records = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not all(isinstance(v, str) or v is None for v in entry.values()):
            raise InvalidInput(f"item {number}: not an object of text fields: give it as"
                               ' {"key": "PAY-1", "title": "Refunds", "status": "open"}')
        records.append((f"item {number}", {name: value or "" for name, value in entry.items()}))
    return records


def from_csv(text: str) -> list[Record]:
    """The rows of a Jira issue export: Issue key, Summary, Issue Type, Status, Priority (and URL)."""
    rows = _rows(text)
    header = next(rows, None)
    if header is None:
        raise InvalidInput("the CSV is empty: export the issues from Jira with Issue key, Summary, Issue Type,"
                           " Status and Priority")
    places = _columns(header[1])
    return [(f"line {line}", _fields(row, places, line)) for line, row in rows if any(cell.strip() for cell in row)]


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(f"line {reader.line_num}: not CSV ({exc}): export the issues from Jira as CSV") from None


def _columns(header: list[str]) -> dict[str, int]:
    """Our field -> its column; the first of repeated columns (Jira repeats some) wins."""
    places: dict[str, int] = {}
    for index, name in enumerate(header):
        field = COLUMNS.get(name.strip().lower())
        if field is not None:
            places.setdefault(field, index)
    missing = [name for name in REQUIRED if COLUMNS[name] not in places]
    if missing:
        raise InvalidInput(f"line 1: the CSV has no {' or '.join(repr(REQUIRED[m]) for m in missing)} column:"
                           " export the issues from Jira with Issue key, Summary, Issue Type, Status and Priority")
    return places


def _fields(row: list[str], places: dict[str, int], line: int) -> dict[str, Any]:
    cells = {field: row[index].strip() if index < len(row) else "" for field, index in places.items()}
    fields: dict[str, Any] = {"key": cells["key"], "title": cells["title"]}
    if cells.get("type"):
        fields["type"] = _word(TYPES, cells["type"], "issue type", line, "Story, Bug or Task")
    if cells.get("status"):
        fields["status"] = _word(STATUSES, cells["status"], "status", line, "To Do, In Progress, Done or Won't Do")
    if cells.get("severity") and fields.get("type") == "bug":
        fields["severity"] = _word(PRIORITIES, cells["severity"], "priority", line,
                                   "Highest, High, Medium, Low or Blocker, Critical, Major, Minor")
    if cells.get("url"):
        fields["url"] = cells["url"]
    return fields


def _word(words: dict[str, str], value: str, name: str, line: int, known: str) -> str:
    found = words.get(value.lower().replace("\u2019", "'"))
    if found is None:
        raise InvalidInput(f"line {line}: {name} {value[:40]!r} is not one relmgr knows: use {known}", field=name)
    return found
