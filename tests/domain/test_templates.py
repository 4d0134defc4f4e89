"""Checklist templates: the built-in standard process and a user's own TOML laid over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.model import PHASES, Phase, ReleaseKind
from relmgr_tui.domain.templates import TemplateFileError, TemplateItem


@pytest.mark.parametrize("kind", list(ReleaseKind))
def test_every_kind_gets_a_non_empty_checklist_in_every_phase(kind: ReleaseKind) -> None:
    checklists = templates.builtin().for_kind(kind)
    assert list(checklists) == list(PHASES)
    for phase in PHASES:
        assert checklists[phase], f"{kind.value} has no {phase.value} checklist"
        assert any(item.required for item in checklists[phase]), f"{kind.value} {phase.value} gates nothing"


def test_standard_process_covers_the_five_step_process() -> None:
    standard = templates.builtin().for_kind(ReleaseKind.MAJOR)
    text = {phase: " ".join(i.text.lower() for i in items) for phase, items in standard.items()}
    for word in ("stakeholders", "kickoff", "business case", "work breakdown structure", "approved", "schedule"):
        assert word in text[Phase.PLANNING]
    for word in ("assign", "dependencies", "risk register", "automate"):
        assert word in text[Phase.BUILDING]
    for word in ("user acceptance", "mitigate", "bugs", "regression"):
        assert word in text[Phase.TESTING]
    for word in ("replicate", "integrations", "bugs", "final qa"):
        assert word in text[Phase.PREPARING]
    for word in ("deploy", "live environment", "integrations", "close"):
        assert word in text[Phase.DEPLOYING]


def test_emergency_list_is_shorter_in_every_phase() -> None:
    builtin = templates.builtin()
    emergency = builtin.for_kind(ReleaseKind.EMERGENCY)
    standard = builtin.for_kind(ReleaseKind.MINOR)
    for phase in PHASES:
        assert len(emergency[phase]) < len(standard[phase]), phase
    assert sum(map(len, emergency.values())) < sum(map(len, standard.values()))


def test_builtin_has_no_warning() -> None:
    builtin = templates.load(None)
    assert builtin.warning == ""
    assert builtin.source == "built-in"


def test_missing_user_file_means_builtin(tmp_path: Path) -> None:
    loaded = templates.load(tmp_path / "templates.toml")
    assert loaded.warning == ""
    assert loaded.sets == templates.builtin().sets


def test_user_file_overrides_one_phase_and_keeps_the_others(tmp_path: Path) -> None:
    user = tmp_path / "templates.toml"
    user.write_text(
        '[standard]\ntesting = [\n  { text = "Run our smoke tests" },\n  "Ask Bob",\n'
        '  { text = "Soak for a day", required = false },\n]\n',
        encoding="utf-8",
    )
    loaded = templates.load(user)
    builtin = templates.builtin()
    assert loaded.warning == ""
    assert loaded.source == str(user)
    minor = loaded.for_kind(ReleaseKind.MINOR)
    assert minor[Phase.TESTING] == (
        TemplateItem("Run our smoke tests"),
        TemplateItem("Ask Bob"),
        TemplateItem("Soak for a day", required=False),
    )
    for phase in PHASES:
        if phase is not Phase.TESTING:
            assert minor[phase] == builtin.for_kind(ReleaseKind.MINOR)[phase]
    assert loaded.for_kind(ReleaseKind.EMERGENCY) == builtin.for_kind(ReleaseKind.EMERGENCY)


def test_user_set_for_one_kind_overrides_that_kind_only(tmp_path: Path) -> None:
    user = tmp_path / "templates.toml"
    user.write_text('[patch]\nplanning = ["Pick the fixes"]\n', encoding="utf-8")
    loaded = templates.load(user)
    assert loaded.for_kind(ReleaseKind.PATCH)[Phase.PLANNING] == (TemplateItem("Pick the fixes"),)
    assert loaded.for_kind(ReleaseKind.PATCH)[Phase.TESTING] == templates.builtin().for_kind(ReleaseKind.PATCH)[
        Phase.TESTING
    ]
    assert loaded.for_kind(ReleaseKind.MAJOR) == templates.builtin().for_kind(ReleaseKind.MAJOR)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('[standard]\nplanning = ["Kick off"]\ntesting = ["a" "b"]\n', "line 3, column 16"),
        ('[standard]\nplanning = ["Kick off"]\ntesting = [ "unclosed"\n', "line 3"),
        ('[standard]\nplanning = = 1\n', "line 2, column 12"),
    ],
    ids=["mid-file", "unclosed-at-end", "bad-value"],
)
def test_malformed_user_toml_falls_back_with_a_warning_naming_file_and_line(
    tmp_path: Path, content: str, where: str
) -> None:
    user = tmp_path / "templates.toml"
    user.write_text(content, encoding="utf-8")
    loaded = templates.load(user)
    assert loaded.sets == templates.builtin().sets
    assert loaded.source == "built-in"
    assert loaded.warning.startswith(f"{user}: ")
    assert where in loaded.warning
    assert loaded.warning.endswith("Using the built-in templates until it is fixed.")
    assert "\n" not in loaded.warning


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[hotfix]\nplanning = ["x"]\n', "unknown template set [hotfix]; use one of standard, emergency"),
        ('[standard]\nreview = ["x"]\n', "unknown phase standard.review; use one of planning, building"),
        ('[standard]\nplanning = "x"\n', "standard.planning must be a list of items"),
        ('[standard]\nplanning = [{ text = "" }]\n', "standard.planning item 1 needs a non-empty text"),
        ('[standard]\nplanning = ["a", { text = "b", required = "yes" }]\n',
         "standard.planning item 2: required must be true or false"),
        ('standard = 3\n', "[standard] must be a table of phases"),
    ],
)
def test_unusable_user_file_falls_back_and_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "templates.toml"
    user.write_text(content, encoding="utf-8")
    loaded = templates.load(user)
    assert loaded.sets == templates.builtin().sets
    assert loaded.warning.startswith(f"{user}: ")
    assert message in loaded.warning


def test_parse_raises_naming_the_file() -> None:
    with pytest.raises(TemplateFileError, match=r"^my.toml: unknown phase standard\.qa"):
        templates.parse('[standard]\nqa = ["x"]\n', "my.toml")


def test_unreadable_user_file_falls_back(tmp_path: Path) -> None:
    user = tmp_path / "templates.toml"
    user.write_bytes(b"\xff\xfe[standard]")
    loaded = templates.load(user)
    assert loaded.sets == templates.builtin().sets
    assert f"{user}: cannot be read" in loaded.warning


def test_built_in_asks_qa_and_ops_to_sign_off_before_deploying() -> None:
    assert templates.builtin().signoffs == {"deploying": ("qa", "ops")}


def test_user_signoffs_replace_the_built_in_ones(tmp_path: Path) -> None:
    user = tmp_path / "templates.toml"
    user.write_text('[signoffs]\ndeploying = ["qa", "ops", "product"]\nreleased = ["ops"]\n', encoding="utf-8")
    loaded = templates.load(user)
    assert loaded.warning == ""
    assert loaded.signoffs == {"deploying": ("qa", "ops", "product"), "released": ("ops",)}
    assert loaded.signoff_roles == ("qa", "ops", "product")
    assert loaded.sets == templates.builtin().sets


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[signoffs]\nlaunch = ["qa"]\n', "unknown move signoffs.launch; use one of building, testing, preparing,"
                                          " deploying, released"),
        ('[signoffs]\nplanning = ["qa"]\n', "unknown move signoffs.planning"),
        ('[signoffs]\ndeploying = "qa"\n', 'signoffs.deploying must be a list of role names such as ["qa", "ops"]'),
        ('[signoffs]\ndeploying = ["qa", 3]\n', "signoffs.deploying must be a list of role names"),
        ('signoffs = 3\n', "[signoffs] must be a table"),
    ],
)
def test_unusable_signoffs_fall_back_and_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "templates.toml"
    user.write_text(content, encoding="utf-8")
    loaded = templates.load(user)
    assert loaded.signoffs == templates.builtin().signoffs
    assert loaded.warning.startswith(f"{user}: ")
    assert message in loaded.warning
