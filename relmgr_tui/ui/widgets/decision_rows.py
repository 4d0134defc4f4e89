"""The repeating rows of the decision form: an attendee with a vote, a condition with owner and deadline.

Each row turns what was typed into a domain value and says which of its fields is wrong, so the form can
show the problem beside the row and keep everything typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Attendee, Condition, Vote
from relmgr_tui.minutes import VOTE_LABELS
from relmgr_tui.ui.widgets.choice_switch import Choice, ChoiceSwitch

VOTE_KEYS = {Vote.GO: "g", Vote.NO_GO: "n", Vote.ABSTAIN: "a"}
VOTE_CHOICES = tuple(Choice(v.value, VOTE_LABELS[v], VOTE_KEYS[v]) for v in Vote)


class AttendeeRow(Horizontal):
    """Name, function and vote of one person in the meeting; a row without a name is left out.

    The fields are made up front, so a row can be read in the same keystroke that added it."""

    def __init__(self, attendee: Attendee | None = None) -> None:
        super().__init__(classes="attendee-row")
        a = attendee or Attendee("", "")
        self.name_input = Input(a.name, placeholder="name", classes="attendee-name", compact=True, select_on_focus=False)
        self.function_input = Input(a.function, placeholder="function, e.g. QA", classes="attendee-function",
                                    compact=True, select_on_focus=False)
        self.vote_switch = ChoiceSwitch(VOTE_CHOICES, a.vote.value, classes="attendee-vote")

    def compose(self) -> ComposeResult:
        yield self.name_input
        yield self.function_input
        yield self.vote_switch

    @property
    def is_blank(self) -> bool:
        return not self.name_input.value.strip()

    def attendee(self) -> Attendee:
        return Attendee(self.name_input.value.strip(), self.function_input.value.strip(), Vote(self.vote_switch.value))


class ConditionRow(Horizontal):
    """What must happen for a conditional GO, who owns it, and by when."""

    def __init__(self, condition: Condition | None = None) -> None:
        super().__init__(classes="condition-row")
        c = condition or Condition("")
        self.text_input = Input(c.text, placeholder="condition", classes="condition-text", compact=True, select_on_focus=False)
        self.owner_input = Input(c.owner, placeholder="owner", classes="condition-owner", compact=True, select_on_focus=False)
        self.deadline_input = Input(c.deadline.isoformat() if c.deadline else "", placeholder="YYYY-MM-DD",
                                    classes="condition-deadline", compact=True, select_on_focus=False)

    def compose(self) -> ComposeResult:
        yield self.text_input
        yield self.owner_input
        yield self.deadline_input

    @property
    def is_blank(self) -> bool:
        return not self.text_input.value.strip()

    def condition(self, number: int) -> Condition:
        """The typed condition; InvalidInput(field='conditions') names the row and the missing part."""
        text = self.text_input.value.strip()
        owner = self.owner_input.value.strip()
        if not owner:
            raise InvalidInput(f"condition {number} ({text}) needs an owner", field="conditions")
        try:
            deadline = validation.optional_date(self.deadline_input.value, f"the deadline of condition {number}")
        except InvalidInput as exc:
            raise InvalidInput(str(exc), field="conditions") from None
        if deadline is None:
            raise InvalidInput(f"condition {number} ({text}) needs a deadline, YYYY-MM-DD", field="conditions")
        return Condition(text, owner, deadline)
