"""Hold, resume, cancel, mark rolled back and reopen: the keys of the board, the workspace and the archive.

What is allowed comes from domain/lifecycle.py: a refused key says what is allowed from here instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from textual.binding import Binding
from textual.worker import WorkerFailed

from relmgr_tui.domain import lifecycle
from relmgr_tui.domain.errors import InvalidInput, RelmgrError
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Release, RollbackStep
from relmgr_tui.ui.key_names import hidden_while_read_only
from relmgr_tui.ui.screens.workspace_commands import ListedCommands

KEYS = {Transition.HOLD: "H", Transition.RESUME: "R", Transition.CANCEL: "C", Transition.ROLL_BACK: "B",
        Transition.REOPEN: "O"}


def lifecycle_bindings(screen: str, transitions: tuple[Transition, ...] = tuple(Transition),
                       in_footer: tuple[Transition, ...] = ()) -> list[Binding]:
    """`H` hold, `R` resume, `C` cancel, `B` mark rolled back, `O` reopen; ids like board.hold. The help
    lists them under their own heading (ui/keymap.py); the footer shows those in `in_footer`."""
    return [Binding(KEYS[t], f"transition('{t.value}')", t.label, show=t in in_footer, id=f"{screen}.{t.value}")
            for t in transitions]


def is_lifecycle(binding: Binding) -> bool:
    return binding.action.startswith("transition(")


def executed_note(steps: Sequence[RollbackStep]) -> str:
    """The rehearsed steps a roll-back marks executed, one a line, by their number in the plan."""
    if not steps:
        return ""
    count = f"{len(steps)} rehearsed rollback step{'s' if len(steps) != 1 else ''}"
    return "\n".join([f"Marks {count} executed:", *(f"  {step.position}. {step.action}" for step in steps)])


class LifecycleActions:
    """Mixed into a screen that names its release with `lifecycle_release()` and shows the change with
    `after_state_change(release)`."""

    def lifecycle_release(self) -> Release | None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While read-only the keys that write are hidden and do nothing."""
        return not hidden_while_read_only(self, action)

    def after_state_change(self, release: Release) -> None:
        raise NotImplementedError

    def allowed_transitions(self) -> tuple[Transition, ...]:
        release = self.lifecycle_release()
        return () if release is None else self.app.service.allowed_transitions(release)  # type: ignore[attr-defined]

    def action_transition(self, name: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        release = self.lifecycle_release()
        if release is None:
            app.notify("No release selected.", severity="warning")
            return
        if app.refuse_if_read_only():
            return
        transition = Transition(name)
        service = app.service
        try:
            lifecycle.check(release, transition, "-", service.clock(), service.rollback_window_days)
        except InvalidInput as exc:
            app.report_error(exc)
            return
        if not transition.needs_reason:
            self._apply(release, transition, {})
        elif transition is Transition.ROLL_BACK:
            app.run_worker(self._ask_roll_back(release), group="roll-back", exclusive=True)
        else:
            self._ask(release, transition)

    async def _ask_roll_back(self, release: Release) -> None:
        """The rollback plan is read in a thread, like every read, and the dialog opens once it is there,
        listing the rehearsed steps the roll-back marks executed: drawn once, complete."""
        app = self.app  # type: ignore[attr-defined]
        read = app.run_worker(partial(app.service.detail, release.id), thread=True, group="read",
                              exit_on_error=False)
        try:
            detail = await read.wait()
        except WorkerFailed as failure:
            if not isinstance(failure.error, RelmgrError):
                raise failure.error from None
            app.report_error(failure.error)
            return
        self._ask(release, Transition.ROLL_BACK, [s for s in detail.steps if s.status.is_rehearsed])

    def _ask(self, release: Release, transition: Transition, steps: Sequence[RollbackStep] = ()) -> None:
        from relmgr_tui.ui.screens.transition import TransitionModal

        ids = [step.id for step in steps]
        answered: Callable[[dict[str, str] | None], None] = (
            lambda values: self._apply(release, transition, values, ids) if values else None)
        self.app.push_screen(TransitionModal(release.version, transition, executed_note(steps)),  # type: ignore[attr-defined]
                             answered)

    def _apply(self, release: Release, transition: Transition, values: dict[str, str],
               steps: list[int] | None = None) -> None:
        app = self.app  # type: ignore[attr-defined]

        def done(after: Release) -> None:
            wording = lifecycle.state_wording(after) or f"active, in {after.phase.label}"
            app.notify(f"{after.version}: {wording}.")
            self.after_state_change(after)

        app.write(partial(app.service.transition, release.id, transition, values.get("reason", ""),
                          values.get("until") or None, steps or [], release.row_version), done)


class LifecycleCommands(ListedCommands):
    """Palette entries ("Hold", "Resume", ...) for the screen's release: only the ones allowed now."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, LifecycleActions):
            return []
        release = screen.lifecycle_release()
        return [(t.label, f"{release.version} ({KEYS[t]})", partial(screen.action_transition, t.value))
                for t in screen.allowed_transitions()] if release else []
