"""Only regular files are read: the one rule for every path a user or a folder listing supplies.

Opening a FIFO for reading waits until something writes to it, for ever; a character
device such as /dev/zero never ends; a symlink loop never resolves. A scenario folder,
a bank, a source path or an errata file can hold any of them, so every such file is
opened here: without blocking, and checked to be a regular file on the opened handle
itself (no gap between the check and the open for the file to change in).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotRegularFile(OSError):
    """The path names something other than a regular file; `strerror` says what ("is a FIFO, not a file")."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def why_not_regular(path: Path) -> str | None:
    """None when `path` is a regular file (symlinks followed); otherwise why it may not be read.

    For listings (a folder's `*.yaml`): it never opens anything, so it cannot block.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _reason(error)
    return None if stat.S_ISREG(mode) else f"is {_kind(mode)}, not a file"


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "is a symlink loop"
    return error.strerror or str(error)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (at most `limit` + 1 of them when a limit is given).

    Raises NotRegularFile for anything else, and OSError (a symlink loop says so) when it
    cannot be opened.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise type(error)(error.errno, _reason(error)) from None
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"is {_kind(mode)}, not a file")
        with os.fdopen(handle, "rb", closefd=False) as file:
            return file.read() if limit is None else file.read(limit + 1)
    finally:
        os.close(handle)
