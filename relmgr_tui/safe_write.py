"""Write a new file beside other people's files: never replace one, never follow a symlink, never leave half.

relmgr writes the minutes of a review into a folder it shares with everything else. Whatever already has
the name (a file, a symlink to someone's file, a folder) is left alone, and the next free name is taken:
`minutes.md`, `minutes-2.md`, `minutes-3.md`. `O_EXCL` makes "is the name free?" and "create it" one step,
so nothing can slip in between; `O_NOFOLLOW` says the same about symlinks a second time.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
MAX_NAMES = 1000
"""Names tried before giving up, so that a folder full of copies ends in a message, not a long loop."""


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write `text` into a file that did not exist, `folder/name` or the next free `-N` name; return its path.

    The folder is created when missing. Raises OSError (NotADirectoryError when `folder` is a file)."""
    _make_folder(folder)
    for candidate in free_name_candidates(name):
        path = folder / candidate
        try:
            descriptor = os.open(path, NEW_FILE, 0o666)
        except FileExistsError:
            continue
        _fill(descriptor, path, text.encode("utf-8"))
        return path
    raise FileExistsError(errno.EEXIST, f"{MAX_NAMES} files named like {name} exist already", str(folder))


def write_exclusive(path: Path, data: bytes) -> None:
    """Write `data` into `path`, which must not exist yet: an evidence pack never replaces a file. Raises
    FileExistsError (or another OSError, naming the file) and leaves no half-written file."""
    _fill(os.open(path, NEW_FILE, 0o666), path, data)


def free_name_candidates(name: str) -> Iterator[str]:
    """`name`, then `stem-2.ext`, `stem-3.ext`, ... up to MAX_NAMES names."""
    yield name
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(2, MAX_NAMES + 1):
        yield f"{stem}-{number}{suffix}"


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # mkdir's word for "there is a file of that name"
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(folder)) from None


def _fill(descriptor: int, path: Path, data: bytes) -> None:
    """Write all of `data`; on failure (a full disk) remove the file this call created, then re-raise."""
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
