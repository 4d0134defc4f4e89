"""`relmgr review VERSION`: print a release's post-release review, or write it: its texts (the first
write creates it), an action ("TEXT;OWNER;YYYY-MM-DD", optionally proposing a template item), and closing
or reopening an action by the number it is printed with.

A release without a review prints a line saying so and exits 0: having no review yet is a fact, not an
error (a script reads `"review": null` from --json)."""

from __future__ import annotations

import argparse
import sys

from relmgr_tui import review_report
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import local_today, print_json, print_lines
from relmgr_tui.domain import review as reviews
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Release
from relmgr_tui.domain.review import Review
from relmgr_tui.safe_text import printable
from relmgr_tui.service import Service

PROPOSAL_FORM = '"PHASE;ITEM", e.g. "testing;Load test the payment API"'


def cmd_review(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    release = service.release(args.version)
    texts = {name: value for name in reviews.TEXT_FIELDS if (value := getattr(args, name)) is not None}
    if texts or args.action or args.done or args.undone:
        _write(service, release, texts, args)
        return 0
    _print(service, release, service.review(release.id), args.format)
    return 0


def _write(service: Service, release: Release, texts: dict[str, str], args: argparse.Namespace) -> None:
    actions = [reviews.parse_action(spec) for spec in args.action]
    proposal = _proposal(args.propose, len(actions))
    review = service.review(release.id)
    if review is None and (texts or actions):
        review = service.create_review(release.id, **texts)
        print(f"Wrote the post-release review of {printable(release.version)}.")
    elif texts:
        review = service.edit_review(review.id, None, **texts)
        print(f"Edited the post-release review of {printable(release.version)}.")
    if review is None:
        raise InvalidInput(f"{release.version} has no post-release review yet: write it first"
                           f" (relmgr review {release.version} --went-well TEXT ...)")
    for text, owner, due in actions:
        action = service.add_review_action(review.id, text, owner, due, *proposal)
        print(f"Added action {len(service.review(release.id).actions)} to the review of"
              f" {printable(release.version)}: {printable(action.text)} ({printable(owner)}, due {due.isoformat()}).")
    for number, done in ((args.done, True), (args.undone, False)):
        if number:
            action = service.review(release.id).action(number)
            service.set_review_action_done(action.id, done)
            print(f"{'Closed' if done else 'Reopened'} action {number} of {printable(release.version)}:"
                  f" {printable(action.text)}.")


def _proposal(spec: str | None, actions: int) -> tuple[str | None, str]:
    """--propose "PHASE;ITEM" for the one action added with it."""
    if spec is None:
        return None, ""
    if actions != 1:
        raise InvalidInput("--propose goes with exactly one --action: the action that proposes the item")
    phase, _, item = (part.strip() for part in spec.partition(";"))
    if not phase or not item:
        raise InvalidInput(f"--propose {spec!r} is not in the form {PROPOSAL_FORM}")
    return phase, item


def _print(service: Service, release: Release, review: Review | None, fmt: str) -> None:
    today = local_today(service)
    proposal = lambda action: service.template_proposal(release, action)  # noqa: E731
    if fmt == "json":
        data = review_report.review_data(review, today, proposal) if review else None
        print_json({"version": release.version, "review": data})
    elif review is None:
        refusal = reviews.refusal(release)
        print(printable(refusal) if refusal else
              f"{printable(release.version)} has no post-release review yet: write one with"
              f" relmgr review {printable(release.version)} --went-well TEXT --went-badly TEXT --findings TEXT")
    elif fmt == "md":
        sys.stdout.write(review_report.to_markdown(release.version, review, today, proposal))
    else:
        print_lines(review_report.to_lines(release.version, review, today, proposal))
