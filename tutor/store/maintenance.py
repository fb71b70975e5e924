"""Reset, backup and restore: whole-file operations that never delete a student's record.

- backup: SQLite's online backup API, so a copy taken while another qi-tutor is
  writing is still a consistent database; the copy is read back and its attempts and
  answers counted against the record's before success is reported.
- restore: the file is checked first (`tutor.store.check`: a qi-tutor store this
  version can read, exactly the schema the migrations build, every value readable),
  upgraded and written beside the record, verified, and only then swapped in; the
  current file is moved into the backups folder, not replaced. The live file itself
  is refused.
- reset: the whole file moves into the backups folder; for one scenario, the file
  is first copied there and only then are that scenario's rows taken out of the live one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from tutor.store import check, db, schema
from tutor.store.errors import StoreError, explain, is_corrupt
from tutor.store.progress import ProgressStore


@dataclass(frozen=True)
class Counts:
    """What a copy is checked by: its schema objects (tables, indexes), attempts and answers."""

    objects: int
    attempts: int
    answers: int

    @classmethod
    def of(cls, conn: sqlite3.Connection) -> Counts:
        tables = ("sqlite_master", "attempts", "answers")
        return cls(*(int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables))


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _write_copy(source: sqlite3.Connection, target: Path, expected: Counts) -> None:
    """Write `source` to the new file `target`, then read it back: its counts must be `expected`."""
    try:
        dst = db.open_uri(target, "rwc")
        try:
            source.backup(dst)
            # The copied header says WAL; a copy is one file that another program may read in place.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        copy = db.open_uri(target, "ro")
        try:
            ok = copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            written = Counts.of(copy)
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise explain(error, target) from error
    if not ok or written != expected:
        raise StoreError(
            f"the copy written to {target} does not match the record ({written.objects} tables and indexes, "
            f"{written.attempts} attempt(s) and {written.answers} answer(s) instead of {expected.objects}, "
            f"{expected.attempts} and {expected.answers}); it is not a good backup. Check the disk (space, errors) "
            "and try again.",
            target,
        )


def backup(store: ProgressStore, target: Path | None = None) -> tuple[Path, Counts]:
    """Copy the store to `target` (default: a timestamped file in the backups folder), verified."""
    conn = store.connection(create=False)
    if conn is None:
        raise StoreError(f"there is no progress to back up yet ({store.path} does not exist).", store.path)
    target = target or store.backups / f"progress-{_stamp()}.sqlite3"
    if target.exists():
        raise StoreError(f"{target} already exists; choose another file name (nothing was overwritten).", target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the folder {target.parent} ({error.strerror}).", target) from error
    # One read transaction: the counts and the copy see the same moment, whatever another copy writes.
    conn.execute("BEGIN")
    try:
        counts = Counts.of(conn)
        _write_copy(conn, target, counts)
    finally:
        conn.execute("COMMIT")
    return target, counts


def _refuse(path: Path, why: str) -> StoreError:
    return StoreError(f"{path} cannot be restored: {why}; nothing was changed.", path)


def load(path: Path, live: Path | None = None) -> tuple[sqlite3.Connection, int]:
    """A checked copy of `path` in memory, upgraded to the latest schema, and the version the file was at."""
    if live is not None and (
        path.resolve() == live.resolve() or (live.exists() and path.exists() and path.samefile(live))
    ):
        raise _refuse(path, "it is the progress file itself (restore takes a backup of it, not the record in use)")
    if not path.is_file():
        raise StoreError(f"{path}: no such file.", path)
    try:
        source = db.open_uri(path, "ro")
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _refuse(path, "it is damaged (SQLite's quick_check fails)")
            found = schema.version(source)
            if found == 0:
                raise _refuse(path, "it is not a qi-tutor progress file (no schema version)")
            if found > schema.LATEST:
                raise _refuse(path, f"it was written by a newer qi-tutor (schema {found}); upgrade to restore it")
            problems = check.schema_problems(source, found)
            if problems:
                raise _refuse(path, "it is not a file qi-tutor wrote: " + check.summary(problems))
            memory = sqlite3.connect(":memory:", isolation_level=None)
            source.backup(memory)
        finally:
            source.close()
    except sqlite3.Error as error:
        if is_corrupt(error):
            raise _refuse(path, f"it is not a qi-tutor progress file ({error})") from error
        raise explain(error, path) from error
    schema.migrate(memory)
    problems = check.schema_problems(memory, schema.LATEST) + check.value_problems(memory)
    if problems:
        memory.close()
        raise _refuse(path, "it holds values qi-tutor could not read: " + check.summary(problems))
    return memory, found


def check_backup(path: Path, live: Path | None = None) -> Counts:
    """What a file fit to restore holds; StoreError says what is wrong with one that is not."""
    memory, _ = load(path, live)
    try:
        return Counts.of(memory)
    finally:
        memory.close()


def _set_aside(store: ProgressStore, reason: str) -> Path | None:
    """Fold the WAL into the file and move it (with its side files) into the backups folder."""
    if store.path.is_file() and store.path.stat().st_size == 0:  # an empty (truncated) record: nothing to open
        store.close()
        return db.move_aside(store.path, store.backups, reason)
    conn = store.connection(create=False)
    if conn is None:
        return None
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db.move_aside(store.path, store.backups, reason)


def restore(store: ProgressStore, source: Path) -> tuple[Path | None, Counts]:
    """Make `source` the progress file; returns where the current one was moved (None if there was none)."""
    memory, _ = load(source, store.path)
    try:
        counts = Counts.of(memory)
        try:
            store.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder {store.path.parent} ({error.strerror}).", store.path) from error
        staged = store.path.with_name(f".{store.path.name}.restoring-{uuid.uuid4().hex}")
        try:
            _write_copy(memory, staged, counts)
            moved = _set_aside(store, "before-restore")
            os.replace(staged, store.path)
        finally:
            staged.unlink(missing_ok=True)
    finally:
        memory.close()
    return moved, counts


def reset_all(store: ProgressStore) -> Path | None:
    """Move the whole record aside; the next answer starts a fresh file."""
    return _set_aside(store, "reset")


def reset_scenario(store: ProgressStore, scenario_id: str) -> tuple[Path | None, int]:
    """Copy the file aside, then take one scenario's attempts and cards out of the live file."""
    found = store.rows("SELECT COUNT(*) AS n FROM attempts WHERE scenario_id = ?", (scenario_id,))
    if not found or found[0]["n"] == 0:
        return None, 0
    copy, _ = backup(store, store.backups / f"{store.path.name}.reset-{scenario_id}-{_stamp()}")
    attempts = "SELECT id FROM attempts WHERE scenario_id = ?"
    with store.write() as conn:
        conn.execute(
            f"DELETE FROM answer_steps WHERE answer_id IN (SELECT id FROM answers WHERE attempt_id IN ({attempts}))",
            (scenario_id,),
        )
        conn.execute(f"DELETE FROM answers WHERE attempt_id IN ({attempts})", (scenario_id,))
        conn.execute(f"DELETE FROM unanswered WHERE attempt_id IN ({attempts})", (scenario_id,))
        for table in ("attempts", "cards", "reviews", "reports"):
            conn.execute(f"DELETE FROM {table} WHERE scenario_id = ?", (scenario_id,))
    return copy, int(found[0]["n"])
