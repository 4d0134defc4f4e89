"""Windows, milestones, freezes and the calendar from the command line: the freeze gate on `advance`, the
warnings in `show --json`, the iCalendar file parsed back, and one line for every bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from relmgr_tui.domain import templates
from relmgr_tui.domain.schedule import parse_window
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.cli.conftest import Run
from tests.conftest import FixedClock
from tests.ui.helpers import _ready_to_deploy, advance_by

YEAR_END = ("freeze", "add", "Year end", "--from", "2026-12-20", "--to", "2027-01-04", "--zone", "UTC")
IN_THE_FREEZE = "2026-12-22 22:00/2026-12-23 01:00"


@pytest.fixture
def seeded(db_path: Path, clock: FixedClock) -> Iterator[Service]:
    store = Store.open(str(db_path))
    yield Service(store, templates.builtin(), who="alice", clock=clock, remember=False)
    store.close()


def in_preparing(service: Service, version: str, window: str | None = IN_THE_FREEZE, **options) -> int:
    """A release in Preparing with its window set, then everything the gate asks for, GO included."""
    release = service.create_release(version, "Checkout", owner="ana", **options)
    advance_by(service, release.id, 3)
    if window:
        service.set_window(release.id, None, parse_window(window, "Europe/London"))
    _ready_to_deploy(service, release.id)
    return release.id


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relmgr: error: "), err
    return lines[0]


# -- the gate --------------------------------------------------------------------------------------

def test_a_freeze_blocks_advance_into_deploying_and_removing_it_unblocks(run_cli: Run, seeded: Service) -> None:
    release_id = in_preparing(seeded, "2.4.0")
    run_cli(*YEAR_END)

    _, err = run_cli("advance", "2.4.0", expect=1)

    assert "Change freeze 'Year end' 2026-12-20 → 2027-01-04 covers the deployment window" in err
    assert seeded.release_by_id(release_id).phase.value == "preparing"
    assert not seeded.card(release_id).gate.open, "the card says what advance says"
    run_cli("freeze", "remove", "year END")
    assert seeded.card(release_id).gate.open
    out, _ = run_cli("advance", "2.4.0")
    assert "moved from Preparing to Deploying" in out


def test_an_exempt_kind_passes_the_freeze(run_cli: Run, seeded: Service) -> None:
    in_preparing(seeded, "2.4.1", kind="emergency")
    run_cli(*YEAR_END)
    out, _ = run_cli("advance", "2.4.1")
    assert "moved from Preparing to Deploying" in out


def test_an_agile_override_does_not_bypass_a_freeze(run_cli: Run, seeded: Service) -> None:
    in_preparing(seeded, "2.5.0", methodology="agile")
    run_cli(*YEAR_END)
    _, err = run_cli("advance", "2.5.0", "--reason", "the customer is waiting", expect=1)
    assert "Change freeze 'Year end'" in err
    assert "pass --reason" not in err, "a freeze is not offered for override"


def test_a_window_outside_the_freeze_passes(run_cli: Run, seeded: Service) -> None:
    in_preparing(seeded, "2.6.0", window="2027-01-05 22:00/2027-01-05 23:00")
    run_cli(*YEAR_END)
    run_cli("advance", "2.6.0")


# -- warnings --------------------------------------------------------------------------------------

def test_clash_owner_and_holiday_warnings_are_in_the_gate_report_and_show_json(
        run_cli: Run, seeded: Service, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config" / "relmgr" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('holidays = "GB"\ntimezone = "Europe/London"\n', encoding="utf-8")
    first = seeded.create_release("3.0.0", owner="ana")
    second = seeded.create_release("3.1.0", owner="ana")
    seeded.set_window(first.id, None, parse_window("2026-12-25 22:00/2026-12-25 23:30", "Europe/London"))
    seeded.set_window(second.id, None, parse_window("2026-12-25 23:00/2026-12-26 01:00", "Europe/London"))

    out, _ = run_cli("show", "3.0.0", "--json")
    data = json.loads(out)

    assert data["gate"]["warnings"][:3] == [
        "Deployment window clashes with 3.1.0's (2026-12-25 23:00 → 2026-12-26 01:00 Europe/London)",
        "ana owns two windows at once: this one and 3.1.0's",
        "Deployment window falls on a public holiday: 2026-12-25 Christmas Day",
    ]
    assert data["window"]["text"] == "2026-12-25 22:00 → 23:30 Europe/London"
    text, _ = run_cli("show", "3.0.0")
    assert "! Deployment window falls on a public holiday: 2026-12-25 Christmas Day" in text


def test_an_unknown_holiday_country_is_a_config_error_naming_it(run_cli: Run, seeded: Service,
                                                              isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config" / "relmgr" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('holidays = "XX"\n', encoding="utf-8")
    _, err = run_cli("freeze", "list")
    assert "holidays: unknown country code 'XX'" in err


# -- the calendar out ------------------------------------------------------------------------------

def test_the_ics_parses_back_with_the_same_events_and_stable_uids(run_cli: Run, seeded: Service) -> None:
    windowed = seeded.create_release("4.0.0", "Payments", owner="bo")
    seeded.set_window(windowed.id, None, parse_window("2026-12-14 22:00/2026-12-15 01:00", "Europe/London"))
    dated = seeded.create_release("4.1.0", "Ledger", owner="cy", target_date="2026-12-16")
    run_cli(*YEAR_END)

    first, _ = run_cli("calendar", "--from", "2026-12-14", "--weeks", "3", "--format", "ics")
    second, _ = run_cli("calendar", "--from", "2026-12-14", "--weeks", "3", "--format", "ics")

    events = {str(e["UID"]): e for e in Calendar.from_ical(first).walk("VEVENT")}
    assert sorted(events) == sorted(str(e["UID"]) for e in Calendar.from_ical(second).walk("VEVENT"))
    assert sorted(events) == [f"freeze-{seeded.freeze('Year end').id}@relmgr", f"release-{windowed.id}@relmgr",
                              f"release-{dated.id}@relmgr"]
    payments = events[f"release-{windowed.id}@relmgr"]
    assert payments.decoded("DTSTART") == datetime(2026, 12, 14, 22, 0, tzinfo=UTC)
    assert payments.decoded("DTEND") == datetime(2026, 12, 15, 1, 0, tzinfo=UTC)
    assert "Version: 4.0.0\nPhase: Planning" in str(payments["DESCRIPTION"])
    assert "Owner: bo" in str(payments["DESCRIPTION"])
    assert str(events[f"release-{dated.id}@relmgr"].decoded("DTSTART")) == "2026-12-16"
    freeze = events[f"freeze-{seeded.freeze('Year end').id}@relmgr"]
    assert (str(freeze.decoded("DTSTART")), str(freeze.decoded("DTEND"))) == ("2026-12-20", "2027-01-05")


def test_the_ics_of_one_moment_is_the_same_bytes(seeded: Service) -> None:
    from datetime import date

    from relmgr_tui import calendar_out

    release = seeded.create_release("4.2.0", target_date="2026-12-16")
    span = seeded.calendar(date(2026, 12, 14), date(2026, 12, 20))
    assert calendar_out.ics(span, seeded.clock()) == calendar_out.ics(span, seeded.clock())
    assert f"UID:release-{release.id}@relmgr" in calendar_out.ics(span, seeded.clock()).decode()
    assert "DTSTAMP:20261126T093000Z" in calendar_out.ics(span, seeded.clock()).decode()


def test_the_text_calendar_marks_freezes_clashes_and_today(run_cli: Run, seeded: Service) -> None:
    first = seeded.create_release("5.0.0")
    second = seeded.create_release("5.1.0")
    seeded.set_window(first.id, None, parse_window("2026-11-27 22:00/2026-11-27 23:00", "UTC"))
    seeded.set_window(second.id, None, parse_window("2026-11-27 22:30/2026-11-27 23:30", "UTC"))
    run_cli("freeze", "add", "Black Friday", "--from", "2026-11-27", "--to", "2026-11-29", "--zone", "UTC")

    out, _ = run_cli("calendar", "--from", "2026-11-23", "--weeks", "1")

    assert "  Thu 2026-11-26  -" in out
    assert ("  Fri 2026-11-27  FREEZE Black Friday; 5.0.0 22:00-23:00 [Planning] CLASH with 5.1.0;"
            " 5.1.0 22:30-23:30 [Planning] CLASH with 5.0.0") in out
    data = json.loads(run_cli("calendar", "--from", "2026-11-23", "--weeks", "1", "--json")[0])
    assert data["clashes"] == [["5.0.0", "5.1.0"]]
    assert [f["name"] for f in data["freezes"]] == ["Black Friday"]


def test_the_text_calendar_marks_today(seeded: Service) -> None:
    from datetime import date

    from relmgr_tui import calendar_out

    lines = calendar_out.text_lines(seeded.calendar(date(2026, 11, 23), date(2026, 11, 29)), date(2026, 11, 26))
    assert "  Thu 2026-11-26 (today)  -" in lines


# -- bad input -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "words"), [
    (("schedule", "1.0.0", "--window", "2026-12-15 01:00/2026-12-14 22:00"), "ends (2026-12-14 22:00) before"),
    (("schedule", "1.0.0", "--window", "2026-02-30 22:00/2026-03-01 01:00"), "'2026-02-30 22:00' is not a date"),
    (("schedule", "1.0.0", "--window", "2026-12-14 22:00/2026-12-15 01:00", "--zone", "Mars/Olympus"),
     "unknown time zone 'Mars/Olympus'"),
    (("schedule", "1.0.0", "--window", "2026-12-14 22:00"), "is not a window: write START/END"),
    (("schedule", "1.0.0", "--milestone", "testing=2026-02-30"), "'2026-02-30' is not a date"),
    (("freeze", "add", "X", "--from", "2026-12-20", "--to", "2026-12-10"), "the freeze ends (--to 2026-12-10) before"),
    (("freeze", "add", "X", "--from", "2026-02-30", "--to", "2026-03-10"), "'2026-02-30' is not a date"),
    (("freeze", "add", "X", "--from", "2026-12-01", "--to", "2026-12-10", "--zone", "Nowhere"),
     "unknown time zone 'Nowhere'"),
    (("freeze", "remove", "Nope"), "No change freeze 'Nope'"),
])
def test_bad_input_is_one_line_and_exit_2_and_writes_nothing(run_cli: Run, seeded: Service, args, words) -> None:
    release = seeded.create_release("1.0.0")
    _, err = run_cli(*args, expect=2)
    assert words in one_error(err)
    assert seeded.release_by_id(release.id).window is None
    assert seeded.detail(release.id).milestones == () and seeded.freezes() == []


def test_schedule_sets_and_clears_the_window_and_milestones(run_cli: Run, seeded: Service) -> None:
    release = seeded.create_release("1.0.0")
    out, _ = run_cli("schedule", "1.0.0", "--window", "2026-12-14 22:00/2026-12-15 01:00", "--zone",
                     "Europe/London", "--milestone", "testing=2026-12-10", "--milestone", "preparing=2026-12-12")
    assert "  Testing ends: 2026-12-10" in out
    assert seeded.release_by_id(release.id).window == parse_window("2026-12-14 22:00/2026-12-15 01:00", "Europe/London")
    run_cli("schedule", "1.0.0", "--clear-window", "--milestone", "testing=none")
    assert seeded.release_by_id(release.id).window is None
    assert [m.phase.value for m in seeded.detail(release.id).milestones] == ["preparing"]
