"""Where relmgr keeps its data and config. The only module that calls platformdirs.

Nothing is created at import time: callers create folders when they are about to write.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "relmgr"
DB_ENV = "RELMGR_DB"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "relmgr.db"


def config_file() -> Path:
    return config_dir() / "config.toml"


def templates_file() -> Path:
    return config_dir() / "templates.toml"


def resolve_db(cli_value: str | None) -> str:
    """`--db` wins over $RELMGR_DB, which wins over the default file in the user data folder."""
    value = cli_value or os.environ.get(DB_ENV) or ""
    return value.strip() or str(default_db_path())
