"""Demo post-release reviews: the recently released or rolled-back releases get a review with one to three
actions, due a week to a month after the release; some are closed, some overdue. Drawn from a generator
seeded by the release's id, so that adding them changes none of the other demo data."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from relmgr_tui.demo.plans import Plan
from relmgr_tui.demo.tables import REVIEW_ACTIONS, REVIEW_TEXTS, TEAM
from relmgr_tui.domain.model import ReleaseState

RECENT = {ReleaseState.RELEASED: timedelta(days=45), ReleaseState.ROLLED_BACK: timedelta(days=120)}
"""How recent a release must be to have a review (a rolled-back one is reviewed more surely)."""
REVIEWED_SHARE = {ReleaseState.RELEASED: 0.5, ReleaseState.ROLLED_BACK: 1.0}

Insert = Callable[[str, dict[str, Any]], int]


def add_review(plan: Plan, release_id: int, owner: str, now: datetime, insert: Insert) -> None:
    """The review of a recent released or rolled-back release, if it gets one."""
    recent = RECENT.get(plan.state)
    if recent is None or now - plan.ends_at > recent:
        return
    rng = random.Random(release_id)
    if rng.random() >= REVIEWED_SHARE[plan.state]:
        return
    written = plan.ends_at + timedelta(days=rng.randint(1, 4))
    went_well, went_badly, findings = rng.choice(REVIEW_TEXTS)
    review_id = insert("review", {
        "release_id": release_id, "went_well": went_well, "went_badly": went_badly, "findings": findings,
        "created_at": min(written, now), "created_by": owner, "row_version": 1})
    for position, (text, phase, item) in enumerate(rng.sample(REVIEW_ACTIONS, rng.randint(1, 3)), start=1):
        due = (plan.ends_at + timedelta(days=rng.randint(7, 30))).date()
        done = rng.random() < (0.6 if due < now.date() else 0.25)
        insert("review_action", {
            "review_id": review_id, "position": position, "text": text, "owner": rng.choice(TEAM), "due": due,
            "done": done, "done_at": min(written + timedelta(days=rng.randint(1, 6)), now) if done else None,
            "proposal_phase": phase or None, "proposal_text": item, "row_version": 1})
    insert("event", {"at": min(written, now), "who": owner, "release_id": release_id,
                     "release_version": plan.version, "action": "review.create", "old": "",
                     "new": f"went_well: {went_well}", "reason": ""})
