"""Settings in config.toml, and where relmgr keeps its files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from relmgr_tui import config, paths
from relmgr_tui.config import Settings
from relmgr_tui.domain.model import Methodology, Severity
from relmgr_tui.domain.risk import RiskBand


def test_absent_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    assert config.load(tmp_path / "config.toml") == (Settings(), "")


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "config.toml"
    settings = Settings(
        theme="nord",
        default_methodology=Methodology.AGILE,
        blocking_risk_band=RiskBand.HIGH,
        blocking_bug_severity=Severity.MAJOR,
        manager_name="Zoë O'Brien \"ZO\"",
        minutes_dir="~/team minutes",
    )
    config.save(settings, path)
    assert config.load(path) == (settings, "")
    assert 'blocking_risk_band = "high"' in path.read_text(encoding="utf-8")
    assert 'blocking_bug_severity = "major"' in path.read_text(encoding="utf-8")
    assert 'default_methodology = "agile"' in path.read_text(encoding="utf-8")
    assert 'minutes_dir = "~/team minutes"' in path.read_text(encoding="utf-8"), "kept as typed"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temporary file is left behind"


def test_partial_file_keeps_defaults_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('manager_name = "Priya"\nblocking_risk_band = "HIGH"\n', encoding="utf-8")
    assert config.load(path) == (Settings(manager_name="Priya", blocking_risk_band=RiskBand.HIGH), "")


def test_minutes_go_to_the_minutes_folder_of_the_user_data_folder_unless_minutes_dir_says_where(
    isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = Settings().minutes_folder
    assert default == paths.data_dir() / "minutes" == isolated_user_dirs / "data" / "relmgr" / "minutes"
    monkeypatch.setenv("HOME", str(isolated_user_dirs))
    assert Settings(minutes_dir="~/minutes").minutes_folder == isolated_user_dirs / "minutes"
    assert Settings(minutes_dir="/srv/minutes").minutes_folder == Path("/srv/minutes")


def test_keys_table_is_read_and_kept_when_saving(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[keys]\n"board.advance" = "ctrl+right"\n"workspace.tick" = "x"\n',
                    encoding="utf-8")
    settings, warning = config.load(path)
    assert (settings.keys, warning) == ({"board.advance": "ctrl+right", "workspace.tick": "x"}, "")
    config.save(config.with_theme(settings, "gruvbox"), path)
    assert config.load(path) == (Settings(theme="gruvbox", keys=settings.keys), "")
    assert '[keys]\n"board.advance" = "ctrl+right"\n' in path.read_text(encoding="utf-8")


def test_with_theme() -> None:
    assert config.with_theme(Settings(manager_name="a"), "nord") == Settings(theme="nord", manager_name="a")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('theme = "nord"\ncolour = "red"\n', "unknown setting 'colour'"),
        ('default_methodology = "scrum"\n', "default_methodology must be 'waterfall' or 'agile'"),
        ('blocking_risk_band = "severe"\n', "unknown risk band 'severe'"),
        ("blocking_risk_band = 4\n", "unknown risk band '4'"),
        ('blocking_bug_severity = "high"\n', "blocking_bug_severity must be one of blocker, critical, major, minor,"
                                            " not 'high'"),
        ("theme = 3\n", "theme must be a string"),
        ("manager_name = [1]\n", "manager_name must be a string"),
        ("minutes_dir = 3\n", "minutes_dir must be a string"),
        ('minutes_dir = "minutes"\n', "minutes_dir must be a full path such as ~/minutes or /srv/minutes,"
                                     " not 'minutes'"),
        ('minutes_dir = "~nosuchuser-relmgr/m"\n', "minutes_dir must be a full path"),
        ('minutes_dir = "/srv/\\u0000x"\n', "minutes_dir must be a full path"),
        ('theme = "nord"\nmanager_name = = "x"\n', "line 2"),
        ('theme = "nord\n', "line 1"),
        ('theme = "nord"\nmanager_name = [\n', "line 2"),
        ('keys = "x"\n', "[keys] must be a table of binding ids and key names"),
        ('[keys]\n"board.advance" = 3\n', "[keys] must be a table of binding ids and key names"),
    ],
)
def test_bad_config_gives_defaults_and_a_warning_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    settings, warning = config.load(path)
    assert settings == Settings()
    assert warning.startswith(f"{path}: "), warning
    assert message in warning
    assert warning.endswith("using default settings until it is fixed.")


def test_database_defaults_to_the_user_data_folder(isolated_user_dirs: Path) -> None:
    assert paths.resolve_db(None) == str(isolated_user_dirs / "data" / "relmgr" / "relmgr.db")
    assert paths.config_file() == isolated_user_dirs / "config" / "relmgr" / "config.toml"
    assert paths.templates_file() == isolated_user_dirs / "config" / "relmgr" / "templates.toml"


def test_db_option_wins_over_environment_which_wins_over_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELMGR_DB", "/srv/team.db")
    assert paths.resolve_db(None) == "/srv/team.db"
    assert paths.resolve_db("/tmp/mine.db") == "/tmp/mine.db"
    monkeypatch.setenv("RELMGR_DB", "  ")
    assert paths.resolve_db(None).endswith("relmgr.db")


def test_importing_paths_and_config_creates_no_folder(isolated_user_dirs: Path) -> None:
    code = "import relmgr_tui.paths, relmgr_tui.config; relmgr_tui.paths.resolve_db(None)"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert not (isolated_user_dirs / "data").exists()
    assert not (isolated_user_dirs / "config").exists()
