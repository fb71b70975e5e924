"""backup and restore end to end: odd paths, verified copies, every earlier schema, hostile files.

A restored file becomes the record every later command trusts, so restore takes only
what qi-tutor itself writes; everything else is refused with a message and exit code
3, and the current record stays exactly as it was.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tests.store.conftest import RIGHT, play
from tests.store.test_migrations import old_file
from tutor.engine.session import Session
from tutor.exit_codes import STORE as EXIT_STORE
from tutor.scenario.load import load_scenario
from tutor.store import schema
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore

MINI = load_scenario(DATA / "bank" / "mini.yaml")[0]


def qi(data: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor", *argv, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def answers(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def record(data: Path, walks: int = 2) -> Path:
    with ProgressStore(data / "progress.sqlite3") as store:
        for _ in range(walks):
            play(store, MINI, RIGHT)
    return data / "progress.sqlite3"


@pytest.mark.parametrize("name", ["class #2", "what?", "100% sure", "a%23b", "all#?%"])
def test_backup_and_restore_through_paths_holding_uri_characters(tmp_path, name):
    data = tmp_path / name / "data"
    live = record(data)
    target = tmp_path / name / "copy.sqlite3"
    result = qi(data, "backup", str(target))
    assert result.returncode == 0, result.stderr
    assert "2 attempt(s), 10 answer(s)" in result.stdout and answers(target) == 10
    assert qi(data, "reset", "--yes").returncode == 0 and not live.exists()
    result = qi(data, "restore", str(target), "--yes")
    assert result.returncode == 0, result.stderr
    assert answers(live) == 10 and "10 answer(s)" in result.stdout


def test_restore_refuses_the_live_file_and_keeps_it(tmp_path):
    live = record(tmp_path / "data")
    for given in (live, live.parent / "." / live.name):
        result = qi(tmp_path / "data", "restore", str(given), "--yes")
        assert result.returncode == EXIT_STORE and "it is the progress file itself" in result.stderr
        assert "Traceback" not in result.stderr
    assert answers(live) == 10 and not (live.parent / "backups").exists()


@pytest.mark.parametrize("version", range(1, schema.LATEST))
def test_restore_takes_a_file_from_every_earlier_schema_version(tmp_path, version):
    old = tmp_path / "old" / "progress.sqlite3"
    old_file(old, MINI, version)
    data = tmp_path / "data"
    record(data, walks=1)
    result = qi(data, "restore", str(old), "--yes")
    assert result.returncode == 0, result.stderr
    with ProgressStore(data / "progress.sqlite3") as store:
        assert schema.version(store.connection(create=False)) == schema.LATEST
        saved = store.resumable("mini-roe")
        assert Session.from_dict(MINI, saved.state).current_id == "state-right"
    assert schema.version(sqlite3.connect(old)) == version  # the backup itself is left as it was


def _trigger(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TRIGGER keep_nothing AFTER UPDATE ON attempts BEGIN DELETE FROM answer_steps; DELETE FROM answers; END"
    )


def _no_answers(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE answer_steps")
    conn.execute("DROP TABLE answers")


def _not_json(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE answers SET response = 'plaintiff, surely' WHERE seq = 1")


def _markup_time(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE attempts SET last_answered_at = '2026-03-02T09:00:00[/]'")


def _view(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE VIEW everything AS SELECT * FROM answers")


def _text_points(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE answers SET earned = 'lots' WHERE seq = 0")


HOSTILE = {
    "trigger": (_trigger, "it holds a trigger (keep_nothing)"),
    "no answers table": (_no_answers, "the table answers is missing"),
    "not JSON": (_not_json, "attempt 1, answer 1: its response is not JSON"),
    "[/] in a time": (_markup_time, "attempt 1: its last_answered_at is not a UTC time"),
    "a view": (_view, "it holds a view (everything)"),
    "text for points": (_text_points, "attempt 1, answer 0: its earned is not real"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_restore_refuses_a_hostile_file_and_keeps_the_record(tmp_path, case):
    spoil, words = HOSTILE[case]
    hostile = record(tmp_path / "hostile", walks=1)
    conn = sqlite3.connect(hostile, isolation_level=None)
    spoil(conn)
    conn.close()
    live = record(tmp_path / "data")
    before = live.read_bytes()
    result = qi(tmp_path / "data", "restore", str(hostile), "--yes")
    assert result.returncode == EXIT_STORE, result.stdout + result.stderr
    assert words in result.stderr and "nothing was changed" in result.stderr and "Traceback" not in result.stderr
    assert live.read_bytes() == before and not (live.parent / "backups").exists()


def test_a_trigger_refused_is_a_trigger_that_would_have_deleted_answers(tmp_path):
    """Why triggers are refused: the one in HOSTILE empties the answers table on the next answer."""
    hostile = record(tmp_path / "hostile", walks=1)
    conn = sqlite3.connect(hostile, isolation_level=None)
    _trigger(conn)
    conn.close()
    with ProgressStore(hostile) as store:
        play(store, MINI, RIGHT, stop_after=1)
    assert answers(hostile) == 0


def test_restore_of_a_zero_byte_record_puts_the_backup_back(tmp_path):
    data = tmp_path / "data"
    live = record(data)
    copy = tmp_path / "copy.sqlite3"
    assert qi(data, "backup", str(copy)).returncode == 0
    live.write_bytes(b"")  # truncated
    result = qi(data, "stats")
    assert result.returncode == EXIT_STORE and "is empty (0 bytes)" in result.stderr
    result = qi(data, "restore", str(copy), "--yes")
    assert result.returncode == 0, result.stderr
    assert answers(live) == 10
    (aside,) = [p for p in (data / "backups").iterdir() if not p.name.endswith(("-wal", "-shm"))]
    assert aside.name.startswith("progress.sqlite3.before-restore-") and aside.stat().st_size == 0


def test_a_copy_that_reads_back_different_is_an_error_not_a_success(tmp_path):
    from tutor.store import maintenance

    live = record(tmp_path / "data", walks=1)
    source = sqlite3.connect(live)
    counts = maintenance.Counts.of(source)
    assert counts.attempts == 1 and counts.answers == 5 and counts.objects > 10
    short = maintenance.Counts(counts.objects, counts.attempts, counts.answers + 1)  # as if one answer went missing
    with pytest.raises(StoreError, match="does not match the record") as raised:
        maintenance._write_copy(source, tmp_path / "copy.sqlite3", short)
    assert "5 answer(s) instead of" in str(raised.value)
    source.close()
