"""The workspace's own entries in the command palette (ctrl+p): the panes, and adding to each of them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from relmgr_tui.ui.screens import signoff_actions
from relmgr_tui.ui.text import local, printable

Command = tuple[str, str, Callable[[], object]]


class ListedCommands(Provider):
    """A palette provider over a plain list of (name, help, run): shown whole, then matched by name."""

    def _commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class WorkspaceCommands(ListedCommands):
    """Listed by ReleaseScreen.COMMANDS, so these appear only while a release is open."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        return [
            ("Checklist pane", "The phase checklists (1)", partial(screen.action_pane, "checklist")),
            ("Risks pane", "The risk register and heat map (2)", partial(screen.action_pane, "risks")),
            ("Rollback pane", "The rollback plan (3)", partial(screen.action_pane, "rollback")),
            ("Activity pane", "The audit log of this release (4)", partial(screen.action_pane, "activity")),
            ("Add checklist item", "To the phase shown in the checklist pane", partial(screen.command_add, "checklist")),
            ("Add risk", "To the risk register", partial(screen.command_add, "risks")),
            ("Add rollback step", "At the end of the rollback plan", partial(screen.command_add, "rollback")),
            ("Gate report", "Every blocker and warning of the current phase's gate (b)", screen.action_blockers),
            *self._condition_commands(),
            *self._signoff_commands(),
        ]

    def _signoff_commands(self) -> list[Command]:
        """Sign off as yourself, and revoke each of your sign-offs of the next move (the review: o and O)."""
        screen = self.screen
        if screen.detail is None or not screen.detail.release.state.on_board:
            return []
        detail, identity = screen.detail, screen.app.service.identity

        def after(_: object) -> None:
            screen.reload_later()

        return [
            ("Sign off as yourself", f"Approve or reject the next move in a role, as {printable(identity)}",
             partial(signoff_actions.sign_off, screen, detail, after)),
            *((f"Revoke my sign-off: {printable(s.role)}", f"{s.verdict.label} {local(s.signed_at)}",
               partial(signoff_actions.revoke, screen, detail.release.id, s.role, after))
              for s in signoff_actions.my_signoffs(detail, identity)),
        ]

    def _condition_commands(self) -> list[Command]:
        """Mark each condition of the last decision met, or not met again (the review does it with space)."""
        screen = self.screen
        decisions = screen.detail.decisions if screen.detail else ()
        if not decisions:
            return []
        return [
            (f"Mark condition {n} {'not met' if c.met else 'met'}: {printable(c.text)}",
             f"Of the last decision; owner {printable(c.owner) or 'none'}",
             partial(screen.mark_condition, n, not c.met))
            for n, c in enumerate(decisions[0].conditions, start=1)
        ]
