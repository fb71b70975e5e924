"""Real processes against real files: SIGKILL, two writers, corrupt, locked, read-only, denied, newer.

Nothing a student answered may be lost, and only a file SQLite calls corrupt may be
moved aside (never deleted); every other problem is a StoreError that leaves the file
exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.store.conftest import RIGHT, play
from tutor.engine.session import Session
from tutor.exit_codes import STORE as EXIT_STORE
from tutor.store import schema
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore


def child(*args: str, user: int | None = None, **kwargs) -> subprocess.Popen:
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "tests.store.child", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_sigkill_mid_scenario_loses_nothing_and_resumes_at_the_next_question(db_path, mini):
    proc = child("play", str(db_path), "3")
    committed = [proc.stdout.readline().strip() for _ in range(4)]
    assert committed[-1] == "waiting"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    saved = ProgressStore(db_path).resumable("mini-roe")
    assert [a["node"] for a in saved.state["answers"]] == committed[:3] == ["whose-facts", "graham", "claims"]
    session = Session.from_dict(mini, saved.state)
    assert session.current_id == "state-right"
    assert session.answer(RIGHT["state-right"]).full_marks


def test_sigkill_at_an_arbitrary_moment_keeps_every_committed_answer(db_path):
    proc = child("stream", str(db_path))
    printed = [int(proc.stdout.readline()) for _ in range(150)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with ProgressStore(db_path) as store:  # opening runs quick_check: the file is intact
        stored = {row["id"] for row in store.rows("SELECT id FROM answers")}
        assert not store.notices
    assert set(printed) <= stored


def test_two_processes_writing_at_once_lose_nothing(db_path, tmp_path):
    go = tmp_path / "go"
    procs = [child("hammer", str(db_path), f"200:{go}") for _ in range(2)]
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with ProgressStore(db_path) as store:
        assert store.rows("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 400
        assert store.rows("SELECT COUNT(*) AS n FROM attempts")[0]["n"] == 400


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_one_started(db_path, mini):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not SQLite" * 100)
    with ProgressStore(db_path) as store:
        play(store, mini, RIGHT, stop_after=1)
        (notice,) = store.notices
    (moved,) = (db_path.parent / "backups").iterdir()
    assert moved.name.startswith("progress.sqlite3.corrupt-") and str(moved) in notice
    assert moved.read_bytes() == b"this is not SQLite" * 100
    assert ProgressStore(db_path).resumable("mini-roe").answered == 1


def test_a_file_failing_quick_check_is_moved_aside(db_path, mini):
    with ProgressStore(db_path) as store:
        for _ in range(30):
            play(store, mini, RIGHT)
        store.connection(create=False).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[3 * page + 8 : 3 * page + 400] = b"\xff" * 392  # scribble over a b-tree page's cells
    db_path.write_bytes(bytes(data))
    with ProgressStore(db_path) as store:
        assert store.resumable("mini-roe") is None  # a read: the old file moved, nothing created yet
        assert "was damaged" in store.notices[0]
    assert not db_path.exists()
    (moved,) = (db_path.parent / "backups").iterdir()
    assert moved.read_bytes() == bytes(data)


def test_a_locked_file_is_an_error_and_stays_where_it_is(db_path, mini):
    with ProgressStore(db_path) as store:
        play(store, mini, RIGHT)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with ProgressStore(db_path, timeout=0.2) as store:
            with pytest.raises(StoreError, match="busy") as raised:
                store.start_attempt("mini-roe", "h", "tutor")
            assert raised.value.exit_code == EXIT_STORE
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not (db_path.parent / "backups").exists()
    assert ProgressStore(db_path).rows("SELECT COUNT(*) AS n FROM attempts")[0]["n"] == 1


@pytest.fixture
def shared_dir():
    """A folder another user can reach (tmp_path's parents are private to the test's user)."""
    folder = Path(tempfile.mkdtemp(prefix="qi-store-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _folders_to_open(*paths: Path) -> list[tuple[Path, int]]:
    """Each folder above `paths` that `nobody` could not pass through, with its mode."""
    closed = []
    for path in paths:
        for folder in [path, *path.parents]:
            mode = folder.stat().st_mode & 0o7777
            if not mode & 0o001 and (folder, mode) not in closed:
                closed.append((folder, mode))
    return closed


def as_other_user(*args: str) -> subprocess.CompletedProcess:
    """Run the child as `nobody` when the tests run as root, whom no file mode stops.

    `nobody` must be able to reach the checkout and the virtual environment: a CI clone
    may sit in a private temporary folder, so any folder above them that others cannot
    pass through is opened for traversal (never for listing) while the child runs.
    """
    user = 65534 if os.geteuid() == 0 else None
    closed = _folders_to_open(REPO, Path(sys.prefix), Path(sys.executable).resolve().parent) if user else []
    try:
        for folder, mode in closed:
            folder.chmod(mode | 0o001)
        proc = child(*args, user=user)
        out, err = proc.communicate(timeout=60)
    finally:
        for folder, mode in closed:
            folder.chmod(mode)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(("mode", "words"), [(0o444, "read-only"), (0o000, "no permission")])
def test_read_only_or_forbidden_files_are_errors_and_never_moved(shared_dir, mini, mode, words):
    db = shared_dir / "progress.sqlite3"
    with ProgressStore(db) as store:
        play(store, mini, RIGHT)
        store.connection(create=False).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()
    db.chmod(mode)
    if mode == 0o000:
        shared_dir.chmod(0o755)
    else:
        shared_dir.chmod(0o555)  # no -wal or -shm can be made beside it either
    try:
        result = as_other_user("write", str(db))
    finally:
        shared_dir.chmod(0o755)
        db.chmod(0o644)
    assert result.returncode == EXIT_STORE, result.stderr
    assert words in result.stdout and "Traceback" not in result.stderr
    assert db.read_bytes() == before and not (shared_dir / "backups").exists()


def test_a_newer_schema_is_an_error_and_the_file_is_untouched(db_path, mini):
    with ProgressStore(db_path) as store:
        play(store, mini, RIGHT)
        store.connection(create=False).execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer qi-tutor"):
        ProgressStore(db_path).resumable("mini-roe")
    assert db_path.read_bytes() == before and not (db_path.parent / "backups").exists()


def test_a_folder_that_cannot_be_made_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError, match="cannot create the folder"):
        ProgressStore(blocker / "progress.sqlite3").start_attempt("mini-roe", "h", "tutor")
    assert blocker.read_text() == "a file where the data folder should be"
