"""Checklist templates: the built-in standard process, optionally overridden by the user's TOML file.

A malformed user file never stops relmgr: the built-in templates are used and `TemplateSet.warning`
says which file and line are wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from relmgr_tui.domain.model import PHASES, Phase, ReleaseKind
from relmgr_tui.domain.rules import RULES

BUILTIN_FILE = "standard_process.toml"
SET_NAMES = ("standard", "emergency", *(k.value for k in ReleaseKind if k is not ReleaseKind.EMERGENCY))


@dataclass(frozen=True, slots=True)
class TemplateItem:
    text: str
    required: bool = True
    rule: str = ""
    """A rule of domain/rules.py that ticks the item from the evidence; empty: ticked by a person."""
    early: bool = False
    """May be ticked before the release reaches the item's phase."""


Checklists = dict[Phase, tuple[TemplateItem, ...]]


class TemplateFileError(ValueError):
    """A template file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class TemplateSet:
    sets: dict[str, Checklists]
    warning: str = ""
    source: str = "built-in"

    def for_kind(self, kind: ReleaseKind) -> Checklists:
        """The checklists a new release of `kind` starts with."""
        fallback = "emergency" if kind is ReleaseKind.EMERGENCY else "standard"
        base = self.sets.get(fallback, {})
        own = self.sets.get(kind.value, {})
        return {phase: own.get(phase, base.get(phase, ())) for phase in PHASES}


def _parse_items(raw: object, where: str) -> tuple[TemplateItem, ...]:
    if not isinstance(raw, list):
        raise TemplateFileError(f"{where} must be a list of items like {{ text = \"...\" }}")
    items = []
    for n, entry in enumerate(raw, start=1):
        if isinstance(entry, str):
            entry = {"text": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise TemplateFileError(f"{where} item {n} needs a non-empty text")
        flags = {name: entry.get(name, default) for name, default in (("required", True), ("early", False))}
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise TemplateFileError(f"{where} item {n}: {name} must be true or false")
        rule = entry.get("rule", "")
        if rule not in ("", *RULES):
            raise TemplateFileError(f"{where} item {n}: rule must be one of {', '.join(RULES)}")
        items.append(TemplateItem(entry["text"].strip(), rule=rule, **flags))
    return tuple(items)


def toml_error(exc: tomllib.TOMLDecodeError, text: str) -> str:
    """tomllib's message, with a line number also when the error is at the end of the document
    (Python 3.11 says only "(at end of document)" for an unclosed array or table)."""
    message = str(exc)
    if "(at end of document)" in message:
        last = max(1, len(text.splitlines()))
        message = message.replace("(at end of document)", f"(at end of document, line {last})")
    return message


def parse(text: str, name: str) -> dict[str, Checklists]:
    """Parse a template document; raise TemplateFileError naming `name` and the line for TOML errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateFileError(f"{name}: {toml_error(exc, text)}") from None
    sets: dict[str, Checklists] = {}
    for set_name, phases in data.items():
        if set_name not in SET_NAMES:
            known = ", ".join(SET_NAMES)
            raise TemplateFileError(f"{name}: unknown template set [{set_name}]; use one of {known}")
        if not isinstance(phases, dict):
            raise TemplateFileError(f"{name}: [{set_name}] must be a table of phases")
        checklists: Checklists = {}
        for phase_name, raw in phases.items():
            try:
                phase = Phase(phase_name)
            except ValueError:
                known = ", ".join(p.value for p in PHASES)
                raise TemplateFileError(
                    f"{name}: unknown phase {set_name}.{phase_name}; use one of {known}"
                ) from None
            checklists[phase] = _parse_items(raw, f"{name}: {set_name}.{phase_name}")
        sets[set_name] = checklists
    return sets


def builtin() -> TemplateSet:
    text = resources.files("relmgr_tui.domain").joinpath(BUILTIN_FILE).read_text(encoding="utf-8")
    return TemplateSet(parse(text, BUILTIN_FILE))


def load(user_file: Path | None = None) -> TemplateSet:
    """The built-in templates, with the phases the user's file defines laid over them."""
    base = builtin()
    if user_file is None or not user_file.is_file():
        return base
    try:
        user = parse(user_file.read_text(encoding="utf-8"), str(user_file))
    except (OSError, UnicodeDecodeError) as exc:
        return TemplateSet(base.sets, f"{user_file}: cannot be read ({exc}); using the built-in templates.")
    except TemplateFileError as exc:
        return TemplateSet(base.sets, f"{exc}. Using the built-in templates until it is fixed.")
    merged = {name: dict(phases) for name, phases in base.sets.items()}
    for name, phases in user.items():
        merged.setdefault(name, {}).update(phases)
    return TemplateSet(merged, source=str(user_file))
