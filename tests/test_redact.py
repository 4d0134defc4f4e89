"""No password is ever printed: `redact.mask` hides it in every form a database URL or error can take."""

from __future__ import annotations

import pytest

from relmgr_tui.redact import mask

SECRET = "hunter2"


@pytest.mark.parametrize(
    "text",
    [
        f"postgresql+psycopg://alice:{SECRET}@dbhost/releases",
        f"postgresql://alice:{SECRET}@dbhost:5432/releases?sslmode=require",
        f"postgresql+psycopg:/alice:{SECRET}@dbhost/releases",  # a slash missing
        f"postgresql+psycopg:alice:{SECRET}@dbhost/releases",  # both missing
        f"postgresql+psycopg://alice:{SECRET}@dbhost:abc/releases",  # a port that is not a number
        f"postgresql://alice:{SECRET}@@dbhost/releases",  # an @ too many
        f"postgresql://:{SECRET}@dbhost/releases",
        f"postgresql://alice@dbhost/releases?password={SECRET}",
        f"postgresql://alice@dbhost/releases?sslmode=require&PASSWORD={SECRET}&x=1",
        f"host=dbhost user=alice password={SECRET} dbname=releases",
        f"host=dbhost password='{SECRET} with spaces' dbname=releases",
        f'cannot use the database at "postgresql://alice:{SECRET}@dbhost/x" (connection refused)',
    ],
)
def test_the_password_is_masked_in_every_form(text: str) -> None:
    masked = mask(text)
    assert SECRET not in masked
    assert "***" in masked


@pytest.mark.parametrize(
    "text",
    [
        "postgresql+psycopg://alice@dbhost/releases",
        "/home/alice/.local/share/relmgr/relmgr.db",
        "password authentication failed for user \"alice\"",
        "2.4.0 moved from Testing to Preparing.",
    ],
)
def test_text_without_a_password_is_unchanged(text: str) -> None:
    assert mask(text) == text


def test_the_rest_of_the_url_stays_readable() -> None:
    assert mask(f"postgresql+psycopg://alice:{SECRET}@dbhost:5433/releases") == (
        "postgresql+psycopg://alice:***@dbhost:5433/releases"
    )


@pytest.mark.parametrize(("url", "stored"), [
    ("https://bot:ghp_x1@ci.example.com/runs/1", "https://ci.example.com/runs/1"),
    ("https://ci.example.com/runs/1?access_token=abc&page=2", "https://ci.example.com/runs/1?page=2"),
    ("https://s3.example.com/log?X-Amz-Signature=ff&X-Amz-Credential=k&part=1", "https://s3.example.com/log?part=1"),
    ("https://ci.example.com/a?ref=glpat-abcdef", "https://ci.example.com/a"),
    ("https://ci.example.com/a#access_token=abc", "https://ci.example.com/a"),
    ("https://ci.example.com/runs/1?page=2#step-3", "https://ci.example.com/runs/1?page=2#step-3"),
])
def test_a_url_is_stored_without_credentials_or_tokens(url: str, stored: str) -> None:
    from relmgr_tui.redact import url_without_secrets

    assert url_without_secrets(url) == stored
