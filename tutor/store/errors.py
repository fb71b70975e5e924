"""What can go wrong with the progress file, sorted into what we may repair and what we may not.

Only a file SQLite itself calls corrupt (or not a database at all) is moved aside and
replaced: nothing else can be read from it. Everything else -- busy, locked, read-only,
no permission, written by a newer qi-tutor -- is the user's data in a state we must not
touch, so it becomes a `StoreError` with a message that says what to do.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tutor import exit_codes

LOW_SPACE = 1 << 20  # an I/O error with less than this free on the disk is the disk being full

# sqlite3.Error.sqlite_errorcode & 0xff (the primary result code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
SQLITE_AUTH = 23


class StoreError(Exception):
    """The progress file cannot be used as it is; the message says why and what to do."""

    exit_code = exit_codes.STORE

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class CorruptFile(Exception):
    """Internal: SQLite reports the file as damaged; the store moves it aside."""


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_corrupt(error: sqlite3.Error) -> bool:
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _disk_full(code: int | None, path: Path) -> bool:
    """SQLITE_FULL, or an I/O error on a disk with (next to) no space left: SQLite reports ENOSPC either way."""
    if code == SQLITE_FULL:
        return True
    if code != SQLITE_IOERR:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE
    except OSError:
        return False


def explain(error: sqlite3.Error, path: Path) -> StoreError:
    """Turn an SQLite error that is not corruption into a message a student can act on."""
    code = primary_code(error)
    if _disk_full(code, path):
        text = (
            f"the disk holding the progress file {path} is full, so this answer could not be saved; "
            "the answers so far are saved. Free some space and carry on, or pass --data-dir to keep progress elsewhere."
        )
    elif code in (SQLITE_BUSY, SQLITE_LOCKED):
        text = (
            f"the progress file {path} is busy: another qi-tutor (or a program holding it open) "
            "kept it locked for too long. Close the other copy and try again; nothing was lost."
        )
    elif code == SQLITE_READONLY:
        text = (
            f"the progress file {path} (or its folder) is read-only, so answers cannot be saved. "
            "Make it writable, or pass --data-dir / --profile to keep progress elsewhere."
        )
    elif code in (SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH):
        text = (
            f"no permission to open the progress file {path}. Check the owner and permissions of "
            "the file and its folder, or pass --data-dir to keep progress elsewhere."
        )
    else:
        text = f"the progress file {path} could not be used: {error}. Nothing was changed."
    return StoreError(text, path)


def newer_schema(path: Path, found: int, known: int) -> StoreError:
    return StoreError(
        f"the progress file {path} was written by a newer qi-tutor (schema version {found}; this one "
        f"knows up to {known}). Upgrade qi-tutor, or pass --profile NAME to start a separate record; "
        "the file was left as it is.",
        path,
    )
