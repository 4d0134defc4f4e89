"""The evidence pack: everything recorded about a release, in canonical JSON, with its SHA-256.

Canonical: keys sorted, no whitespace, UTF-8, times in UTC, so the same records always give the same bytes
and `sha256sum` of a written pack gives the hash relmgr prints. When a release is marked released the
hash, and one per part, go into the audit log (`release.evidence`); `verify` compares them with the pack
recomputed from the same records as they are now, the log cut at that event, and names the parts that
changed. What may change later without changing what was recorded before the release is left out: the
state fields (a release can still be rolled back), row versions, the evidence revision, and `updated_at`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from relmgr_tui.domain.model import PHASES, Event, ReleaseDetail

ACTION = "release.evidence"
"""The audit action that records the pack's hash when the release is marked released."""
PARTS = ("release", "scope", "checklists", "risks", "rollback_plan", "decisions", "signoffs", "log")
ADDED_PARTS = frozenset({"scope"})
"""Parts added since the first seals: a seal written before them lacks them and is checked without them."""
OPTIONAL_PARTS = frozenset({"signoffs"})
"""Parts a pack has only when there is something in them: a release without sign-offs packs as before sign-offs
existed, so the seals recorded then still verify."""
RELEASE_FIELDS = ("version", "title", "kind", "methodology", "owner", "target_date", "summary", "created_at",
                  "released_at")
LEFT_OUT = frozenset({"release_id", "row_version", "evidence_revision"})


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _value(getattr(value, f.name)) for f in fields(value) if f.name not in LEFT_OUT}
    return value


def _event(event: Event) -> dict[str, Any]:
    return {"id": event.id, "time": _value(event.at), "who": event.who, "release": event.release_version,
            "action": event.action, "old": event.old, "new": event.new, "reason": event.reason}


def pack(detail: ReleaseDetail, log: Sequence[Event]) -> dict[str, Any]:
    """The release, its scope (by key), checklists with evidence, risks, rollback plan, decisions with
    conditions, sign-offs (if any) and `log` (its audit events, oldest first), as plain data."""
    release = detail.release
    signoffs = {"signoffs": [_value(s) for s in sorted(detail.signoffs, key=lambda s: s.id)]} if detail.signoffs else {}
    return {
        "release": {name: _value(getattr(release, name)) for name in RELEASE_FIELDS},
        "scope": [_value(item) for item in sorted(detail.scope, key=lambda i: i.key)],
        "checklists": {phase.value: [_value(item) for item in detail.items_in(phase)] for phase in PHASES},
        "risks": [_value(risk) for risk in sorted(detail.risks, key=lambda r: r.id)],
        "rollback_plan": [_value(step) for step in detail.steps],
        "decisions": [_value(decision) for decision in sorted(detail.decisions, key=lambda d: d.id)],
        **signoffs,
        "log": [_event(event) for event in log],
    }


def canonical(data: Any) -> bytes:
    """The one byte form of `data`: sorted keys, no whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256(data: Any) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


@dataclass(frozen=True, slots=True)
class Seal:
    """The hash of a whole pack and of each part, as the `release.evidence` event records them."""

    sha256: str
    parts: dict[str, str]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Seal:
        return cls(sha256(data), {part: sha256(data[part]) for part in PARTS if part in data})

    def text(self) -> str:
        """'sha256 <hex>; release <hex>; checklists <hex>; ...': readable in the log, and read back by `parse`."""
        return "; ".join([f"sha256 {self.sha256}", *(f"{part} {self.parts[part]}" for part in PARTS
                                                     if part in self.parts)])

    @classmethod
    def parse(cls, text: str) -> Seal | None:
        """The seal a `release.evidence` event holds; None if it is not one (edited by hand)."""
        pairs = dict(pair.partition(" ")[::2] for pair in text.split("; "))
        if "sha256" not in pairs or not set(PARTS) - ADDED_PARTS - OPTIONAL_PARTS <= set(pairs):
            return None
        return cls(pairs["sha256"], {part: pairs[part] for part in PARTS if part in pairs})

    def changed_parts(self, now: Seal) -> list[str]:
        """The parts whose hash differs from `now`, in PARTS order; a part added since this seal was written
        is not compared (an optional part is: sign-offs appearing after the seal are a change)."""
        return [part for part in PARTS if (part in self.parts or part not in ADDED_PARTS)
                and self.parts.get(part) != now.parts.get(part)]
