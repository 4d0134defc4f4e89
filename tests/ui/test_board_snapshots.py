"""Snapshots of the board: seeded data, a fixed clock, fixed sizes, the default theme.

Update after a deliberate UI change with `pytest tests/ui --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from tests.ui.helpers import make_app


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
