"""Reset, backup and restore: whole-file operations that never delete a student's record.

- backup: SQLite's online backup API, so a copy taken while another qi-tutor is
  writing is still a consistent database.
- restore: the backup is checked first (a qi-tutor store this version can read, that
  passes quick_check); the current file is moved into the backups folder, not replaced.
- reset: the whole file moves into the backups folder; for one scenario, the file
  is first copied there and only then are that scenario's rows taken out of the live one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from tutor.store import db, schema
from tutor.store.errors import StoreError, explain
from tutor.store.progress import ProgressStore


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    except sqlite3.Error as error:
        raise explain(error, source) from error
    finally:
        dst.close()
        src.close()


def backup(store: ProgressStore, target: Path | None = None) -> Path:
    """Copy the store to `target` (default: a timestamped file in the backups folder)."""
    if store.connection(create=False) is None:
        raise StoreError(f"there is no progress to back up yet ({store.path} does not exist).", store.path)
    target = target or store.backups / f"progress-{_stamp()}.sqlite3"
    if target.exists():
        raise StoreError(f"{target} already exists; choose another file name (nothing was overwritten).", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(store.path, target)
    return target


def check_backup(path: Path) -> int:
    """The number of attempts in a file fit to restore; StoreError says what is wrong with one that is not."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file.", path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            found = schema.version(conn)
            attempts = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] if ok and found else 0
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreError(f"{path} is not a qi-tutor progress file ({error}); nothing was changed.", path) from error
    if not ok or found == 0:
        raise StoreError(f"{path} is damaged or not a qi-tutor progress file; nothing was changed.", path)
    if found > schema.LATEST:
        raise StoreError(f"{path} was written by a newer qi-tutor (schema {found}); upgrade to restore it.", path)
    return int(attempts)


def _set_aside(store: ProgressStore, reason: str) -> Path | None:
    """Fold the WAL into the file and move it (with its side files) into the backups folder."""
    conn = store.connection(create=False)
    if conn is None:
        return None
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db.move_aside(store.path, store.backups, reason)


def restore(store: ProgressStore, source: Path) -> Path | None:
    """Make `source` the progress file; returns where the current one was moved (None if there was none)."""
    check_backup(source)
    moved = _set_aside(store, "before-restore")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, store.path)
    return moved


def reset_all(store: ProgressStore) -> Path | None:
    """Move the whole record aside; the next answer starts a fresh file."""
    return _set_aside(store, "reset")


def reset_scenario(store: ProgressStore, scenario_id: str) -> tuple[Path | None, int]:
    """Copy the file aside, then take one scenario's attempts and cards out of the live file."""
    found = store.rows("SELECT COUNT(*) AS n FROM attempts WHERE scenario_id = ?", (scenario_id,))
    if not found or found[0]["n"] == 0:
        return None, 0
    copy = backup(store, store.backups / f"{store.path.name}.reset-{scenario_id}-{_stamp()}")
    attempts = "SELECT id FROM attempts WHERE scenario_id = ?"
    with store.write() as conn:
        conn.execute(
            f"DELETE FROM answer_steps WHERE answer_id IN (SELECT id FROM answers WHERE attempt_id IN ({attempts}))",
            (scenario_id,),
        )
        conn.execute(f"DELETE FROM answers WHERE attempt_id IN ({attempts})", (scenario_id,))
        for table in ("attempts", "cards", "reviews"):
            conn.execute(f"DELETE FROM {table} WHERE scenario_id = ?", (scenario_id,))
    return copy, int(found[0]["n"])
