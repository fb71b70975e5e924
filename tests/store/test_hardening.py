"""The record's remaining ways to fail, each with real files and processes: a deleted WAL,
a read-only data folder, a full disk, a folder or an empty file where the record should
be, and stored values that do not parse."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tests.store.conftest import RIGHT, play
from tests.store.test_reliability import as_other_user, child, shared_dir  # noqa: F401 (a fixture)
from tutor.exit_codes import STORE as EXIT_STORE
from tutor.store.errors import StoreError
from tutor.store.export import export_rows
from tutor.store.progress import ProgressStore
from tutor.store.review import ReviewQueue
from tutor.store.stats import compute

WRONG_FIRST = {**RIGHT, "whose-facts": ["officer"], "officer-branch": ["law"]}


def qi(data: Path, *argv: str, typed: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *argv, "--data-dir", str(data), "--bank", str(DATA / "bank")],
        input=typed,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_deleting_the_wal_then_a_crash_loses_no_answer(db_path):
    proc = child("play", str(db_path), "3")
    committed = [proc.stdout.readline().strip() for _ in range(4)]
    assert committed[-1] == "waiting"
    for side in ("-wal", "-shm"):
        Path(f"{db_path}{side}").unlink(missing_ok=True)  # a cleaner or a sync tool
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with ProgressStore(db_path) as store:
        saved = store.resumable("mini-roe")
        assert saved is not None and [a["node"] for a in saved.state["answers"]] == committed[:3]


def test_a_read_only_data_folder_still_shows_the_progress_and_says_so(shared_dir, mini, tmp_path):  # noqa: F811
    data = shared_dir / "data"
    with ProgressStore(data / "progress.sqlite3") as store:
        play(store, mini, RIGHT)
    out = shared_dir / "out"
    out.mkdir()
    out.chmod(0o777)
    data.chmod(0o555)
    try:
        stats = as_other_user("cli", "-", "stats", "--format", "json", "--data-dir", str(data))
        export = as_other_user("cli", "-", "export", "--data-dir", str(data))
        backup = as_other_user("cli", "-", "backup", str(out / "copy.sqlite3"), "--data-dir", str(data))
    finally:
        data.chmod(0o755)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["answers"] == 5 and "read-only" in stats.stderr
    assert export.returncode == 0 and len(export.stdout.splitlines()) == 5 and "read-only" in export.stderr
    assert backup.returncode == 0, backup.stderr
    assert sqlite3.connect(out / "copy.sqlite3").execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 5


def test_read_only_commands_change_nothing_even_on_an_old_file(tmp_path, mini):
    from tests.store.test_migrations import old_file

    db = tmp_path / "data" / "progress.sqlite3"
    old_file(db, mini, 2)
    before = db.read_bytes()
    for argv in (["stats"], ["export"], ["backup", str(tmp_path / "copy.sqlite3")]):
        result = qi(tmp_path / "data", *argv)
        assert result.returncode == 0, result.stderr
    assert db.read_bytes() == before  # not even upgraded: the commands read an upgraded copy in memory
    assert sqlite3.connect(tmp_path / "copy.sqlite3").execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 3


def test_a_full_disk_says_so_and_keeps_the_answers_before(store, mini):
    play(store, mini, RIGHT, stop_after=1, finish=False)
    conn = store.connection(create=False)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own 'database or disk is full'
    with pytest.raises(StoreError) as raised:
        for _ in range(200):
            play(store, mini, RIGHT, finish=False)
    message = str(raised.value)
    assert "is full" in message and "the answers so far are saved" in message and "Nothing was changed" not in message
    store.close()
    with ProgressStore(store.path) as reopened:
        assert reopened.rows("SELECT COUNT(*) AS n FROM answers")[0]["n"] >= 1


def test_a_folder_where_the_record_should_be_is_named_as_a_folder(tmp_path):
    data = tmp_path / "data"
    (data / "progress.sqlite3").mkdir(parents=True)
    for argv in (["stats"], ["export"]):
        result = qi(data, *argv)
        assert result.returncode == EXIT_STORE and "there is a folder at" in result.stderr
        assert "no permission" not in result.stderr
    with pytest.raises(StoreError, match="there is a folder at"):
        ProgressStore(data / "progress.sqlite3").start_attempt("mini-roe", "h", "tutor")


def test_an_empty_record_is_named_with_the_backups_and_never_replaced(tmp_path, mini):
    data = tmp_path / "data"
    with ProgressStore(data / "progress.sqlite3") as store:
        play(store, mini, RIGHT)
    assert qi(data, "backup").returncode == 0
    (data / "progress.sqlite3").write_bytes(b"")
    (copy,) = (data / "backups").iterdir()
    for argv in (["stats"], ["export"], ["play", "mini-roe", "--plain"]):
        result = qi(data, *argv, typed="1\n")
        assert result.returncode in (EXIT_STORE, 0, 4), result.stderr
        assert "is empty (0 bytes)" in result.stderr and "truncated" in result.stderr and str(copy) in result.stderr
    assert (data / "progress.sqlite3").stat().st_size == 0  # no silent fresh start over it


def spoil(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(sql)
    conn.close()


def test_one_unreadable_value_is_a_warning_naming_its_row_never_a_blocked_export(store, mini):
    play(store, mini, WRONG_FIRST)
    play(store, mini, RIGHT)
    spoil(store.path, "UPDATE answers SET response = 'officer, surely' WHERE attempt_id = 1 AND seq = 1")
    spoil(store.path, "UPDATE answers SET misconceptions = '{' WHERE attempt_id = 2 AND seq = 0")
    rows = export_rows(store)
    assert len(rows) == 9
    assert any("attempt 1, answer 1: its response is not JSON" in n for n in store.notices)
    assert any("attempt 2, answer 0: its misconceptions is not JSON" in n for n in store.notices)
    store.notices.clear()
    assert compute(store).answers == 11
    (notice,) = store.notices
    assert "attempt 2, answer 0: its misconceptions is not JSON" in notice and "not counted" in notice


def test_bad_values_in_the_record_never_stop_stats_export_review_or_plain_mode(tmp_path, mini):
    data = tmp_path / "data"
    with ProgressStore(data / "progress.sqlite3") as store:
        _, session = play(store, mini, WRONG_FIRST, finish=False, stop_after=3)
        for outcome in session.history:
            ReviewQueue(store).rate(mini, outcome)
    db = data / "progress.sqlite3"
    spoil(db, "UPDATE answers SET response = 'not json' WHERE seq = 1")
    # writer_pid NULL: as if written before writers were recorded, so the subprocesses may resume it
    spoil(db, "UPDATE attempts SET last_answered_at = '2026-03-02[/]', nodes = '[oops', writer_pid = NULL")
    spoil(db, "UPDATE cards SET card = 'not a card', due = '[/]' WHERE node_id = 'whose-facts'")
    for argv in (["stats"], ["export", "--format", "md"], ["export", "--format", "csv"], ["review", "--plain"]):
        result = qi(data, *argv)
        assert result.returncode == 0, [*argv, result.stderr]
        assert "Traceback" not in result.stderr
    assert "attempt 1, answer 1: its response is not JSON" in qi(data, "export").stderr
    with ProgressStore(db) as store:  # what the library reads at launch: the attempt, without its length
        assert store.unfinished()["mini-roe"].questions is None
    played = qi(data, "play", "mini-roe", "--plain", typed="1\n")  # the unfinished attempt cannot be replayed
    assert "Traceback" not in played.stderr and "cannot be resumed" in played.stderr
