"""Opening the progress file safely: WAL, full sync, a busy timeout, checks, and recovery.

`connect()` opens an existing file (or creates one when asked), checks it with
`PRAGMA quick_check`, refuses a newer schema, and migrates an older one. A file SQLite
calls corrupt is moved into the backups folder under a timestamped name -- never
deleted -- and the caller is told so it can tell the student.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from tutor.store import schema
from tutor.store.errors import CorruptFile, StoreError, explain, is_corrupt, newer_schema

BUSY_TIMEOUT_S = 5.0  # a second copy waits this long for the other's commit (each takes < 1 ms)
SIDE_FILES = ("-wal", "-shm", "-journal")


def _uri(path: Path, create: bool) -> str:
    return f"file:{quote(str(path))}?mode={'rwc' if create else 'rw'}"


def _setup(conn: sqlite3.Connection, path: Path) -> None:
    # WAL: a commit appends to one file, and readers never block the writer.
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: each answer survives a power cut, not just a crash; it costs ~0.1 ms a
    # commit here (perf baseline section 4), far below anything a student could notice.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise CorruptFile(str(path))
    found = schema.version(conn)
    if found > schema.LATEST:
        raise newer_schema(path, found, schema.LATEST)
    if found < schema.LATEST:
        schema.migrate(conn)
        if schema.version(conn) > schema.LATEST:  # a newer copy migrated it meanwhile
            raise newer_schema(path, schema.version(conn), schema.LATEST)


def move_aside(path: Path, backups: Path, reason: str) -> Path:
    """Move the file (and its WAL side files) into `backups` with a UTC timestamp; returns the new path."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{path.name}.{reason}-{stamp}"
    counter = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
        counter += 1
        target = backups / f"{path.name}.{reason}-{stamp}-{counter}"
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    os.replace(path, target)
    return target


def connect(path: Path, backups: Path, create: bool, timeout: float, notices: list[str]) -> sqlite3.Connection | None:
    """An open, checked, migrated connection; None when the file is missing and `create` is false."""
    if not create and not path.exists():
        return None
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the folder {path.parent} for the progress file ({error.strerror}). "
                "Pass --data-dir to keep progress somewhere writable.",
                path,
            ) from error
    conn = None
    try:
        # check_same_thread=False: the UI may save from a worker thread; the store is used
        # by one thread at a time, and SQLite itself is built thread-safe.
        conn = sqlite3.connect(
            _uri(path, create), uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        _setup(conn, path)
        return conn
    except BaseException as error:
        if conn is not None:
            conn.close()
        if not isinstance(error, (CorruptFile, sqlite3.Error)):
            raise
        if isinstance(error, sqlite3.Error) and not is_corrupt(error):
            raise explain(error, path) from error
        try:
            moved = move_aside(path, backups, "corrupt")
        except FileNotFoundError:  # another copy moved it first
            moved = None
        except OSError as move_error:
            raise StoreError(
                f"the progress file {path} is damaged and could not be moved aside into {backups} "
                f"({move_error.strerror}); move it yourself and run qi-tutor again.",
                path,
            ) from error
        notices.append(
            f"The progress file {path} was damaged"
            + (f"; it was moved to {moved}" if moved else "")
            + " and qi-tutor starts a fresh one. Nothing was deleted."
        )
        return connect(path, backups, create, timeout, notices)


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken IMMEDIATE so a second writer waits instead of failing mid-way."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise explain(error, path) from error
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise explain(error, path) from error
        raise
