"""`main()` in-process, for what a subprocess cannot easily provoke."""

from __future__ import annotations

import argparse

import pytest

from relmgr_tui import cli, subcommands


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                  db_path) -> None:
    def interrupted(context: cli.Context, args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(subcommands, "cmd_info", interrupted)

    assert cli.main(["--db", str(db_path), "info"]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, db_path, store) -> None:
    def reader_gone(context: cli.Context, args: argparse.Namespace) -> int:
        raise BrokenPipeError

    silenced = []
    monkeypatch.setattr(subcommands, "cmd_list", reader_gone)
    monkeypatch.setattr(cli, "_silence_stdout", lambda: silenced.append(True))

    assert cli.main(["--db", str(db_path), "list"]) == 141
    assert silenced


@pytest.mark.parametrize("argv", [[], ["--db", "x.db"], ["--db=x.db", "--read-only"], ["--read-only", "--db", "list"]])
def test_opening_the_board_parses_the_same_without_the_subcommand_parsers(argv: list[str]) -> None:
    assert cli.only_opens_the_board(argv)
    assert cli.build_parser(with_commands=False).parse_args(argv) == cli.build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["list"], ["--db"], ["--help"], ["--db", "x.db", "info"], ["lsit"], ["--version"]])
def test_anything_else_gets_the_whole_command_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert not cli.only_opens_the_board(argv)
    if argv == ["lsit"]:
        with pytest.raises(SystemExit):
            cli.main(argv)
        assert "invalid choice: 'lsit'" in capsys.readouterr().err, "a mistyped command is named as such"
