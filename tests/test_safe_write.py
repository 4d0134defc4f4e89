"""A new file never replaces anything: not a file, not a symlink's target, and no half file on failure."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from relmgr_tui import safe_write
from relmgr_tui.safe_write import write_new_file


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    written = write_new_file(tmp_path / "a" / "b", "minutes.md", "Zoë\n")
    assert written == tmp_path / "a" / "b" / "minutes.md"
    assert written.read_bytes() == "Zoë\n".encode()


def test_whatever_has_the_name_is_left_alone_and_the_next_free_name_taken(tmp_path: Path) -> None:
    victim = tmp_path / "someone-elses.txt"
    victim.write_text("their bytes", encoding="utf-8")
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "minutes.md").symlink_to(victim)
    (folder / "minutes-2.md").write_text("earlier minutes", encoding="utf-8")
    (folder / "minutes-3.md").symlink_to(tmp_path / "dangling")
    (folder / "minutes-4.md").mkdir()

    written = write_new_file(folder, "minutes.md", "new minutes")

    assert written == folder / "minutes-5.md" and written.read_text(encoding="utf-8") == "new minutes"
    assert victim.read_text(encoding="utf-8") == "their bytes"
    assert (folder / "minutes-2.md").read_text(encoding="utf-8") == "earlier minutes"
    assert not (tmp_path / "dangling").exists(), "a dangling symlink is not followed to create its target"


def test_a_file_where_the_folder_should_be_is_named(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "minutes"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as raised:
        write_new_file(not_a_folder, "minutes.md", "text")
    assert raised.value.filename == str(not_a_folder)
    assert not_a_folder.read_text(encoding="utf-8") == "x"


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, descriptor: int, mode: str) -> None:
            self.file = real_fdopen(descriptor, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> None:
            self.file.write(data[:3])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fdopen", FullDisk)
    with pytest.raises(OSError, match="No space left"):
        write_new_file(tmp_path, "minutes.md", "a long text")
    assert list(tmp_path.iterdir()) == []
