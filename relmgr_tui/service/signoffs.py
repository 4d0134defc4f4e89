"""Sign-offs by role: a person approves (or rejects) a release's next move in a role, as themselves.

The signer is the service's `identity` (the database role on PostgreSQL, the OS user on SQLite, found by
the store), never a typed name. A sign-off is part of what a go/no-go meeting saw: giving, rejecting or
revoking one touches the release (an unused decision goes stale), while the other sign-offs stay current.
"""

from __future__ import annotations

from dataclasses import replace

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Release, Signoff, Verdict, move_label, signoff_move
from relmgr_tui.service.base import Unit, UseCases
from relmgr_tui.service.undo import undoable


class Signoffs(UseCases):
    def signoff_role(self, role: str) -> str:
        """`role` as the templates spell it; InvalidInput naming the roles allowed if no move asks for it."""
        allowed = self.templates.signoff_roles
        clean = (role or "").strip().lower()
        if clean not in allowed:
            roles = ", ".join(allowed) if allowed else "none (templates.toml has no [signoffs])"
            raise InvalidInput(f"unknown sign-off role {role.strip()!r}: the roles the templates ask for are {roles}",
                               field="role")
        return clean

    def required_signoffs(self, release: Release) -> tuple[str, ...]:
        """The roles that must sign off the release's next move."""
        return tuple(self.templates.signoffs.get(signoff_move(release.phase), ()))

    def signoffs_open_to_me(self, release: Release, signed: tuple[Signoff, ...]) -> tuple[str, ...]:
        """The roles of the next move this person has not signed yet: what the app's dialog offers."""
        mine = {s.role for s in signed if s.who == self.identity and s.move == signoff_move(release.phase)}
        return tuple(role for role in self.required_signoffs(release) if role not in mine)

    @undoable
    def sign_off(self, release_id: int, role: str, verdict: Verdict | str = Verdict.APPROVE,
                 comment: str = "") -> Signoff:
        """Sign the release's next move in `role` as this person; replaces that role's earlier sign-off."""
        role = self.signoff_role(role)
        verdict = validation.choice(Verdict, verdict, "verdict")
        comment = validation.bounded_text(comment, "comment")
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            self._refuse_signing(release, role)
            move = signoff_move(release.phase)
            before = unit.repo.signoff(release_id, move, role)
            values = {"who": self.identity, "verdict": verdict, "comment": comment, "signed_at": self.clock(),
                      "evidence_revision": release.evidence_revision}
            if before is None:
                signed = unit.repo.insert(Signoff, {"release_id": release_id, "move": move, "role": role, **values})
            else:
                signed = unit.repo.update(Signoff, before.id, values)
            unit.touch(release, clearing=verdict is Verdict.APPROVE, changed="signoffs")
            unit.event(release, f"signoff.{verdict.value}", new=f"{role}: {verdict.label} (before {move_label(move)})",
                       reason=comment)
            self._undo_by(unit, f"sign-off {role} on {release.version}", release, move, role, before, signed)
            return unit.repo.one(Signoff, signed.id)

    @undoable
    def revoke_signoff(self, release_id: int, role: str) -> Signoff:
        """Take back your own sign-off of the release's next move in `role`; returns what it was."""
        role = self.signoff_role(role)
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            move = signoff_move(release.phase)
            before = unit.repo.signoff(release_id, move, role)
            if before is None:
                raise InvalidInput(f"{release.version} has no {role} sign-off before {move_label(move)} to revoke",
                                   field="role")
            if before.who != self.identity:
                raise InvalidInput(f"the {role} sign-off of {release.version} is {before.who}'s: only they can"
                                   f" revoke it (you are {self.identity})", field="role")
            unit.repo.remove(Signoff, before.id)
            unit.touch(release, changed="signoffs")
            unit.event(release, "signoff.revoke", old=f"{role}: {before.verdict.label} by {before.who}",
                       new=f"{role} (before {move_label(move)})")
            self._undo_by(unit, f"revoke sign-off {role} on {release.version}", release, move, role, before, None)
            return before

    @undoable
    def restore_signoff(self, release_id: int, move: str, role: str, earlier: Signoff | None,
                        was_current: bool, expected_version: int | None = None) -> None:
        """Undo of a sign-off or a revocation: that role's sign-off as it was (none, or `earlier`), current
        again if it was current then."""
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            now = unit.repo.signoff(release_id, move, role)
            if now is not None:
                unit.repo.one(Signoff, now.id, expected_version)  # a colleague's sign-off since stays
            put = None
            if earlier is not None:
                revision = release.evidence_revision if was_current else earlier.evidence_revision
                values = {name: getattr(earlier, name) for name in ("who", "verdict", "comment", "signed_at")}
                if now is None:
                    put = unit.repo.put_back(replace(earlier, evidence_revision=revision))
                else:
                    put = unit.repo.update(Signoff, now.id, {**values, "evidence_revision": revision})
            elif now is not None:
                unit.repo.remove(Signoff, now.id)
            unit.touch(release, changed="signoffs")
            unit.event(release, "signoff.revoke" if put is None else f"signoff.{put.verdict.value}",
                       new=f"{role}: {'revoked' if put is None else put.verdict.label} (before {move_label(move)})")
            self._undo_by(unit, f"sign-off {role} on {release.version}", release, move, role, now, put)

    def _refuse_signing(self, release: Release, role: str) -> None:
        if release.finished:
            raise InvalidInput(f"{release.version} is {release.state.label}: it has no move left to sign off",
                               field="role")
        move = signoff_move(release.phase)
        if role not in self.templates.signoffs.get(move, ()):
            when = ", ".join(move_label(m) for m, roles in self.templates.signoffs.items() if role in roles)
            raise InvalidInput(f"no {role} sign-off is asked before {move_label(move)}, the next move of"
                               f" {release.version}: {role} signs off before {when}", field="role")
        if not self.allow_self_signoff and _same_person(self.identity, release.owner):
            raise InvalidInput(f"{self.identity} owns {release.version} and cannot sign it off: ask someone else,"
                               " or set allow_self_signoff = true in config.toml", field="role")

    def _undo_by(self, unit: Unit, label: str, release: Release, move: str, role: str,
                 before: Signoff | None, after: Signoff | None) -> None:
        was_current = before is not None and before.evidence_revision == release.evidence_revision
        unit.undo_by(label, lambda s, v: s.restore_signoff(release.id, move, role, before, was_current, v), after)


def _same_person(identity: str, owner: str) -> bool:
    return identity.strip().casefold() == owner.strip().casefold() != ""
