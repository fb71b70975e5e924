"""Opening the progress file safely: WAL, full sync, a busy timeout, checks, and recovery.

`connect()` opens an existing file (or creates one when asked), checks it with
`PRAGMA quick_check`, refuses a newer schema, and migrates an older one. A file SQLite
calls corrupt is moved into the backups folder under a timestamped name -- never
deleted -- and the caller is told so it can tell the student.

A new file is built beside its place and linked in whole, so a 0-byte progress file
can only be a damaged one (truncated by a full disk or a bad copy): it is named as
such, never silently taken for a fresh record. A read-only open (`mode=ro`, and
`immutable=1` when the folder cannot take SQLite's side files) changes nothing on
disk: an older schema is upgraded in a copy held in memory.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from tutor.store import schema
from tutor.store.errors import (
    SQLITE_CANTOPEN,
    SQLITE_PERM,
    SQLITE_READONLY,
    CorruptFile,
    StoreError,
    explain,
    is_corrupt,
    newer_schema,
    primary_code,
)

BUSY_TIMEOUT_S = 5.0  # a second copy waits this long for the other's commit (each takes < 1 ms)
SIDE_FILES = ("-wal", "-shm", "-journal")


def uri(path: Path, mode: str, immutable: bool = False) -> str:
    """A `file:` URI for `path`; every path goes through here.

    quote() escapes '#', '?' and '%' (and keeps '/'): left bare, SQLite reads them as the
    URI's fragment, query or an escape, and opens some other file.
    """
    return f"file:{quote(str(path))}?mode={mode}" + ("&immutable=1" if immutable else "")


def open_uri(path: Path, mode: str, timeout: float = BUSY_TIMEOUT_S, immutable: bool = False) -> sqlite3.Connection:
    # check_same_thread=False: the UI may save from a worker thread; the store is used
    # by one thread at a time, and SQLite itself is built thread-safe.
    return sqlite3.connect(
        uri(path, mode, immutable), uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )


def _has_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def latest_backup(backups: Path) -> Path | None:
    try:
        found = [
            p for p in backups.iterdir() if p.is_file() and p.stat().st_size > 0 and not p.name.endswith(SIDE_FILES)
        ]
    except OSError:
        return None
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def check_place(path: Path, backups: Path) -> None:
    """Refuse, with a message naming the problem, a folder or an empty file where the record should be."""
    if path.is_dir():
        raise StoreError(
            f"there is a folder at {path}, where the progress file should be. Move it away, or pass "
            "--data-dir / --profile to keep progress elsewhere; nothing was changed.",
            path,
        )
    if path.is_file() and path.stat().st_size == 0 and not _has_wal(path):
        newest = latest_backup(backups)
        raise StoreError(
            f"the progress file {path} is empty (0 bytes): it was probably truncated (a full disk, or a copy "
            "or sync that stopped half-way), so qi-tutor will not start a fresh record over it. Backups are in "
            f"{backups}"
            + (f" (the newest is {newest}); put one back with `qi-tutor restore FILE`" if newest else " (none yet)")
            + ", or move the empty file away to start afresh.",
            path,
        )


def _create(path: Path, timeout: float) -> None:
    """Build an empty, migrated record beside `path` and link it into place in one step."""
    temp = path.with_name(f".{path.name}.new-{uuid.uuid4().hex}")
    conn = None
    try:
        conn = open_uri(temp, "rwc", timeout)
        conn.execute("PRAGMA journal_mode=WAL")
        schema.migrate(conn)
        conn.close()  # the last connection: the WAL is folded into the file and removed
        try:
            os.link(temp, path)  # fails if another copy linked its own first: then theirs is used
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temp, path)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    except OSError as error:
        raise StoreError(
            f"cannot create the progress file {path} ({error.strerror}). Pass --data-dir to keep progress "
            "somewhere writable.",
            path,
        ) from error
    finally:
        if conn is not None:
            conn.close()
        for leftover in (temp, *(Path(f"{temp}{s}") for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)


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


def _quick_check(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")


def _open_ro(path: Path, timeout: float, notices: list[str]) -> tuple[sqlite3.Connection, bool]:
    """mode=ro; when the folder cannot take the -shm a WAL reader needs, immutable=1 reads the file as it stands."""
    conn = open_uri(path, "ro", timeout)
    try:
        return conn, _quick_check(conn)
    except sqlite3.Error as error:
        conn.close()
        if primary_code(error) not in (SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM) or os.access(
            path.parent, os.W_OK
        ):
            raise
    conn = open_uri(path, "ro", timeout, immutable=True)
    try:
        ok = _quick_check(conn)
    except sqlite3.Error:
        conn.close()
        raise
    notices.append(
        f"the folder {path.parent} is read-only, so the progress file was read as it stands on disk "
        "(read-only, immutable); nothing was changed."
    )
    return conn, ok


def _left_damaged(path: Path, backups: Path) -> StoreError:
    return StoreError(
        f"the progress file {path} is damaged; this command only reads, so it was left as it is. "
        f"`qi-tutor play` moves it into {backups} and starts afresh, or `qi-tutor restore FILE` puts a backup back.",
        path,
    )


def _read_only(path: Path, backups: Path, timeout: float, notices: list[str]) -> sqlite3.Connection:
    """The record opened for reading alone; nothing on disk changes, not even when it is old or damaged."""
    try:
        conn, ok = _open_ro(path, timeout, notices)
    except sqlite3.Error as error:
        if not is_corrupt(error):
            raise explain(error, path) from error
        raise _left_damaged(path, backups) from error
    if not ok:
        conn.close()
        raise _left_damaged(path, backups)
    found = schema.version(conn)
    if found > schema.LATEST:
        conn.close()
        raise newer_schema(path, found, schema.LATEST)
    if found < schema.LATEST:
        # Reading must not upgrade the file: upgrade a copy in memory instead.
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.backup(memory)
        conn.close()
        schema.migrate(memory)
        return memory
    return conn


def connect(
    path: Path, backups: Path, create: bool, timeout: float, notices: list[str], read_only: bool = False
) -> sqlite3.Connection | None:
    """An open, checked, migrated connection; None when the file is missing and `create` is false."""
    check_place(path, backups)
    if not path.exists():
        if not create:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the folder {path.parent} for the progress file ({error.strerror}). "
                "Pass --data-dir to keep progress somewhere writable.",
                path,
            ) from error
        _create(path, timeout)
    if read_only:
        return _read_only(path, backups, timeout, notices)
    conn = None
    try:
        conn = open_uri(path, "rw", timeout)
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
    """One write transaction, taken IMMEDIATE so a second writer waits instead of failing mid-way.

    After the commit the WAL is checkpointed into the main file, so the file alone holds
    every answer: deleting the -wal file (a cleaner, a sync tool) then crashing loses nothing.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise explain(error, path) from error
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # SQLite may have rolled back already (a full disk can)
                conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise explain(error, path) from error
        raise
    # PASSIVE never waits: a reader in the way leaves frames for the next commit's checkpoint.
    # The answer is committed in the WAL already, so a checkpoint that fails now is not an error.
    with suppress(sqlite3.Error):
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
