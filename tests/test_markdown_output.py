"""Markdown output (`relmgr export --format md`, `relmgr minutes`, the minutes the app writes) shows user text
as typed and never lets it make structure: no heading, list, quote, link, image, table, code or HTML.

Every text field of a release is filled with one hostile value; the output is parsed by a CommonMark parser
with GitHub's tables and strikethrough, and must have exactly the structure of the same release filled
with a plain word. JSON and TOML stay raw.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from collections.abc import Iterator
from datetime import date

import pytest
from markdown_it import MarkdownIt

from relmgr_tui import export, minutes
from relmgr_tui.domain import templates
from relmgr_tui.domain.model import PHASES, Attendee, Condition, Vote
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock

HOSTILE = [
    "# Heading",
    "- item",
    "+ item",
    "1. item",
    "2) item",
    "> quote",
    "[x](http://evil)",
    "![i](http://evil)",
    "<script>alert(1)</script>",
    "| a | b |",
    "```",
    "~~~",
    "**bold** _it_ ~~gone~~ `code`",
    "&lt;b&gt; &amp;",
    "[ref]: http://evil",
    "===",
    "Intro\n## Fake",
    "Intro\n---",
    "Intro\n\n    indented code",
    "line\\",
]

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def structure(markdown: str) -> list[str]:
    """Every block and inline element the parser finds, text left out."""
    shape = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            shape += [child.type for child in token.children or () if child.type not in ("text", "softbreak")]
        elif token.type not in ("paragraph_open", "paragraph_close"):  # a blank line in a summary is one more
            shape.append(f"{token.type}:{token.tag}")
    return shape


def visible(markdown: str) -> str:
    """The text a reader of the rendered page sees."""
    return html.unescape(re.sub(r"<[^>]+>", "", PARSER.render(markdown)))


SMALL = templates.TemplateSet(
    {"standard": {phase: (templates.TemplateItem(f"Finish {phase.value}"),) for phase in PHASES}, "emergency": {}},
    source="test")


def release_full_of(store: Store, version: str, text: str) -> int:
    """A release with `text` in every text field: title, owner, summary, an item with owner and note ticked
    by `text`, a risk, a rollback step, and a conditional GO with attendee, condition and reasons."""
    service = Service(store, SMALL, who=text, clock=FixedClock())
    release = service.create_release(version, title=text, owner=text, summary=text, methodology="agile")
    item = service.add_item(release.id, "planning", text, owner=text)
    service.edit_item(item.id, None, note=text)
    service.set_done(item.id, True)
    service.add_risk(release.id, text, 4, 5, description=text, category=text, owner=text, mitigation=text,
                     contingency=text)
    service.add_step(release.id, text, command=text, owner=text)
    service.record_decision(release.id, "conditional_go", [Attendee(text, text, Vote.GO)], text,
                            [Condition(text, text, date(2026, 12, 1))], override_reason=text)
    return release.id


def rendered(service: Service, release_id: int) -> dict[str, str]:
    detail = service.detail(release_id)
    log = service.audit_log(detail.release.version)
    return {fmt: export.render(fmt, detail, service.gate_report(detail), service.decision_statuses(detail), log)
            for fmt in export.FORMATS} | {
        "minutes.md": minutes.minutes_for(service, detail, "md"),
        "minutes.json": minutes.minutes_for(service, detail, "json"),
    }


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, str]]]:
    """Every rendering of a release full of each text (and of "plain"), from one database made once."""
    store = Store.open(str(tmp_path_factory.mktemp("markdown") / "relmgr.db"))
    service = Service(store, SMALL, who="alice", clock=FixedClock())
    texts = ["plain", *HOSTILE, SUMMARY, RAW]
    yield {text: rendered(service, release_full_of(store, f"1.0.{n}", text)) for n, text in enumerate(texts)}
    store.close()


SUMMARY = "Intro\n## Fake\n- not a list"
RAW = "<script>alert(1)</script> | # [x](http://evil)\n## Fake"


def test_a_rollback_command_is_code_exact_as_typed(outputs) -> None:
    for text in ("<script>alert(1)</script>", "**bold** _it_ ~~gone~~ `code`", "```", "line\\"):
        markdown = outputs[text]["md"]
        codes = [child.content for token in PARSER.parse(markdown) if token.type == "inline"
                 for child in token.children or () if child.type == "code_inline"]
        assert codes == [text], text


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_makes_no_structure_and_reads_as_typed(outputs, text: str) -> None:
    output, plain = outputs[text], outputs["plain"]

    one_line = " ".join(text.split())
    for fmt in ("md", "minutes.md"):
        markdown = output[fmt]
        assert structure(markdown) == structure(plain[fmt]), fmt
        headings = [line for line in markdown.splitlines() if line.startswith("#")]
        assert len(headings) == len([line for line in plain[fmt].splitlines() if line.startswith("#")]), fmt
        page = PARSER.render(markdown)
        assert "<script" not in page and "<b>" not in page, fmt  # a command's code span shows it as text
        assert visible(markdown).count(one_line) >= 5, f"{fmt}: names, titles and cells read as typed"


def test_a_summary_keeps_its_lines_and_each_reads_as_typed(outputs) -> None:
    markdown = outputs[SUMMARY]["md"]

    assert "\nIntro\n\\#\\# Fake\n\\- not a list\n" in markdown
    assert "Intro\n## Fake\n- not a list" in visible(markdown)


def test_json_and_toml_keep_the_text_raw(outputs) -> None:
    output = outputs[RAW]

    data, toml = json.loads(output["json"]), tomllib.loads(output["toml"])
    assert data["title"] == data["summary"] == toml["title"] == toml["summary"] == RAW
    assert data["risks"][0]["mitigation"] == toml["risks"][0]["mitigation"] == RAW
    assert data["decisions"][0]["attendees"][0]["name"] == RAW
    record = json.loads(output["minutes.json"])
    assert record["rationale"] == record["attendees"][0]["name"] == record["conditions"][0]["owner"] == RAW
