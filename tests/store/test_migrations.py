"""Every earlier schema version opens, upgrades in order, and keeps every answer it held."""

from __future__ import annotations

import sqlite3

import pytest

from tests.store.conftest import RIGHT, play
from tutor.engine.session import Session
from tutor.store import schema
from tutor.store.progress import ProgressStore
from tutor.store.review import ReviewQueue
from tutor.store.stats import compute


def old_file(db_path, mini, version: int) -> None:
    """A file as qi-tutor at `version` would have left it, holding one unfinished attempt: the
    rows the current version writes, in the columns and tables the old one had."""
    with ProgressStore(db_path) as store:
        play(
            store,
            mini,
            {**RIGHT, "graham": {"severity": "neutral", "threat": "plaintiff", "flight": "officer"}},
            stop_after=3,
            finish=False,
        )
    current = sqlite3.connect(db_path)
    db_path.rename(db_path.with_suffix(".new"))
    old = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(old, target=version)
    tables = {row[0] for row in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in sorted(tables):
        columns = ", ".join(row[1] for row in old.execute(f"PRAGMA table_info({table})"))  # the old version's
        for row in current.execute(f"SELECT {columns} FROM {table}"):
            old.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", row)
    old.close()
    current.close()


@pytest.mark.parametrize("version", range(1, schema.LATEST))
def test_an_older_file_is_upgraded_and_keeps_its_answers(db_path, mini, version):
    old_file(db_path, mini, version)
    with ProgressStore(db_path) as store:
        saved = store.resumable("mini-roe")
        conn = store.connection(create=False)
        assert schema.version(conn) == schema.LATEST
        assert Session.from_dict(mini, saved.state).current_id == "state-right"
        # saved before attempts kept a seed: it plays in file order
        assert saved.state["seed"] is None and Session.from_dict(mini, saved.state).seed is None
        # answer_steps was backfilled from each answer's by_step: the factors node's rows count per Graham step.
        steps = {s.step: (s.answered, s.full_marks) for s in compute(store).steps}
        assert steps == {
            "facts-standard": (1, 1),
            "violation": (1, 1),
            "graham-threat": (1, 1),
            "graham-flight": (1, 0),
        }
        # attempts got their running score back from their answers
        assert store.rows("SELECT earned, possible FROM attempts")[0][:] == (2.5, 3.0)
        # and the new tables work
        attempt = saved.attempt_id
        session = Session.from_dict(mini, saved.state)
        outcome = session.answer(RIGHT["state-right"])
        store.record_answer(attempt, outcome)
        assert ReviewQueue(store).rate(mini, outcome) is not None


def test_each_migration_runs_once_in_order(db_path):
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    assert [schema.migrate(conn, target=v) for v in range(1, schema.LATEST + 1)] == list(range(schema.LATEST))
    assert schema.migrate(conn) == schema.LATEST  # already there: nothing runs
    assert schema.version(conn) == schema.LATEST


def test_version_7_gives_every_older_attempt_its_own_random_uuid(db_path, mini):
    import uuid

    with ProgressStore(db_path) as store:
        for _ in range(3):
            play(store, mini, RIGHT)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP INDEX attempts_by_uuid")
    conn.execute("UPDATE attempts SET uuid = NULL")
    conn.execute("PRAGMA user_version = 6")
    statements = schema.MIGRATIONS[6]
    conn.execute(statements[1])  # the backfill, as migration 7 runs it on a version 6 file
    found = [row[0] for row in conn.execute("SELECT uuid FROM attempts")]
    conn.close()
    assert len(set(found)) == 3
    assert all(uuid.UUID(value).version == 4 and str(uuid.UUID(value)) == value for value in found)
