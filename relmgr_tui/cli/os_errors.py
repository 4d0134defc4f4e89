"""An operating-system failure (full disk, read-only file system, broken device) said in one sentence.

Every file relmgr opens is named in the OSError it raises; one without a name comes from writing the
command's output, which is where a full or broken device most often shows up (`relmgr list > /dev/full`).
"""

from __future__ import annotations

import errno

_FILE_ADVICE = {
    errno.ENOSPC: "free some space on its device",
    errno.EDQUOT: "free some space within your disk quota",
    errno.EROFS: "choose a place on a writable file system",
    errno.EACCES: "check its permissions",
    errno.EPERM: "check its permissions",
    errno.EIO: "check the disk it is on: the device reported an input/output error",
    errno.ELOOP: "fix the symbolic links on the path",
    errno.ENOENT: "check the path",
    errno.ENOTDIR: "check the path",
    errno.EISDIR: "pass a file, not a folder",
    errno.ENAMETOOLONG: "choose a shorter path",
    errno.EEXIST: "choose another name, or remove the file first",
}

_OUTPUT_ADVICE = {
    errno.ENOSPC: "free some space where it goes, or send it elsewhere",
    errno.EDQUOT: "free some space within your disk quota, or send it elsewhere",
    errno.EIO: "check the device or terminal it goes to",
}


def describe(error: OSError) -> str:
    """`cannot <what> (<the system's reason>): <what to do>`, naming the file when there is one."""
    reason = error.strerror or type(error).__name__
    if error.filename is None:
        advice = _OUTPUT_ADVICE.get(error.errno, "check where it goes, or send it elsewhere")
        return f"cannot write the output ({reason}): {advice}"
    advice = _FILE_ADVICE.get(error.errno, "check the path and its device")
    return f"cannot use {_name(error.filename)} ({reason}): {advice}"


def _name(filename: object) -> str:
    return filename.decode(errors="backslashreplace") if isinstance(filename, bytes) else str(filename)
