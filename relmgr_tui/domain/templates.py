"""Checklist templates: the built-in standard process, optionally overridden by the user's TOML file.

A malformed user file never stops relmgr: the built-in templates are used and `TemplateSet.warning`
says which file and line are wrong.

The `[signoffs]` table says which roles must sign off before which move: its keys are the phase a move
enters (`released` for leaving Deploying), its values lists of role names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from relmgr_tui.domain.model import PHASES, Phase, ReleaseKind
from relmgr_tui.domain.rules import RULES

BUILTIN_FILE = "standard_process.toml"
SET_NAMES = ("standard", "emergency", *(k.value for k in ReleaseKind if k is not ReleaseKind.EMERGENCY))
SIGNOFF_TABLE = "signoffs"
SIGNOFF_MOVES = (*(p.value for p in PHASES[1:]), "released")
"""The keys of [signoffs]: the phase a move enters, or `released` for the move out of Deploying."""


@dataclass(frozen=True, slots=True)
class TemplateItem:
    text: str
    required: bool = True
    rule: str = ""
    """A rule of domain/rules.py that ticks the item from the evidence; empty: ticked by a person."""
    early: bool = False
    """May be ticked before the release reaches the item's phase."""


Checklists = dict[Phase, tuple[TemplateItem, ...]]
Signoffs = dict[str, tuple[str, ...]]
"""Roles that must sign off, by the move they approve (a key of SIGNOFF_MOVES)."""


class TemplateFileError(ValueError):
    """A template file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class TemplateSet:
    sets: dict[str, Checklists]
    warning: str = ""
    source: str = "built-in"
    signoffs: Signoffs = field(default_factory=dict)

    @property
    def signoff_roles(self) -> tuple[str, ...]:
        """Every role some move asks for, in the order the file names them: the roles one can sign as."""
        return tuple(dict.fromkeys(role for roles in self.signoffs.values() for role in roles))

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


def _parse_signoffs(raw: object, name: str) -> Signoffs:
    if not isinstance(raw, dict):
        raise TemplateFileError(f'{name}: [{SIGNOFF_TABLE}] must be a table such as deploying = ["qa", "ops"]')
    signoffs: Signoffs = {}
    for move, roles in raw.items():
        if move not in SIGNOFF_MOVES:
            raise TemplateFileError(f"{name}: unknown move {SIGNOFF_TABLE}.{move}; use one of {', '.join(SIGNOFF_MOVES)}")
        if not isinstance(roles, list) or not all(isinstance(r, str) and r.strip() for r in roles):
            raise TemplateFileError(f'{name}: {SIGNOFF_TABLE}.{move} must be a list of role names such as ["qa", "ops"]')
        signoffs[move] = tuple(dict.fromkeys(r.strip().lower() for r in roles))
    return signoffs


def parse(text: str, name: str) -> dict[str, Checklists]:
    """Parse a template document's checklists (see `parse_document`)."""
    return parse_document(text, name)[0]


def parse_document(text: str, name: str) -> tuple[dict[str, Checklists], Signoffs | None]:
    """Parse a template document: its checklist sets and its [signoffs] table (None when it has none).
    Raise TemplateFileError naming `name` and the line for TOML errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateFileError(f"{name}: {toml_error(exc, text)}") from None
    signoffs = _parse_signoffs(data.pop(SIGNOFF_TABLE), name) if SIGNOFF_TABLE in data else None
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
    return sets, signoffs


def builtin() -> TemplateSet:
    text = resources.files("relmgr_tui.domain").joinpath(BUILTIN_FILE).read_text(encoding="utf-8")
    sets, signoffs = parse_document(text, BUILTIN_FILE)
    return TemplateSet(sets, signoffs=signoffs or {})


def load(user_file: Path | None = None) -> TemplateSet:
    """The built-in templates, with the phases the user's file defines laid over them."""
    base = builtin()
    if user_file is None or not user_file.is_file():
        return base
    try:
        user, signoffs = parse_document(user_file.read_text(encoding="utf-8"), str(user_file))
    except (OSError, UnicodeDecodeError) as exc:
        return replace(base, warning=f"{user_file}: cannot be read ({exc}); using the built-in templates.")
    except TemplateFileError as exc:
        return replace(base, warning=f"{exc}. Using the built-in templates until it is fixed.")
    merged = {name: dict(phases) for name, phases in base.sets.items()}
    for name, phases in user.items():
        merged.setdefault(name, {}).update(phases)
    return TemplateSet(merged, source=str(user_file), signoffs=base.signoffs if signoffs is None else signoffs)
