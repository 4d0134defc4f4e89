"""Snapshots of the board: seeded data, a fixed clock, fixed sizes, the default theme.

Update after a deliberate UI change with `pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from tests.ui.helpers import make_app, seed_every_badge


def test_board_120x36(snap_compare, db_path, clock):
    assert snap_compare(make_app(db_path, clock), terminal_size=(120, 36))


def test_board_80x24(snap_compare, db_path, clock):
    assert snap_compare(make_app(db_path, clock), terminal_size=(80, 24))


def test_gate_dialog(snap_compare, db_path, clock):
    assert snap_compare(make_app(db_path, clock), press=["j", "greater_than_sign"], terminal_size=(120, 36))


def test_empty_board(snap_compare, db_path, clock):
    assert snap_compare(make_app(db_path, clock, seed=False), terminal_size=(120, 36))


def test_help_screen(snap_compare, db_path, clock):
    assert snap_compare(make_app(db_path, clock), press=["question_mark"], terminal_size=(120, 36))


def _with_every_badge(db_path, clock):
    app = make_app(db_path, clock)
    with app.service.unrecorded():
        seed_every_badge(app.service)
    return app


def test_every_badge_and_a_long_version_at_80x24(snap_compare, db_path, clock):
    """The version's end (…-hotfix.1) with EMRG, !COND, LATE, risk:C and HOLD on 12-cell cards."""
    assert snap_compare(_with_every_badge(db_path, clock), press=["l"], terminal_size=(80, 24))


def test_every_badge_and_a_long_version_at_120x36(snap_compare, db_path, clock):
    assert snap_compare(_with_every_badge(db_path, clock), press=["l"], terminal_size=(120, 36))


def test_board_60x20(snap_compare, db_path, clock):
    """Three columns, the cursor's and its neighbours, after `l` moved it to Building."""
    assert snap_compare(make_app(db_path, clock), press=["l"], terminal_size=(60, 20))
