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
    """A file exactly as qi-tutor at `version` left it, holding one unfinished attempt."""
    with ProgressStore.open(db_path) as store:
        play(store, mini, {**RIGHT, "graham": {"severity": "neutral", "threat": "plaintiff", "flight": "officer"}},
             stop_after=3, finish=False)
    current = sqlite3.connect(db_path)
    rows = {table: current.execute(f"SELECT * FROM {table}").fetchall() for table in ("attempts", "answers")}
    current.close()
    db_path.unlink()
    old = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(old, target=version)
    for table, values in rows.items():
        for row in values:
            old.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", row)
    old.close()


@pytest.mark.parametrize("version", range(1, schema.LATEST))
def test_an_older_file_is_upgraded_and_keeps_its_answers(db_path, mini, version):
    old_file(db_path, mini, version)
    with ProgressStore.open(db_path) as store:
        saved = store.resumable("mini-roe")
        conn = store.connection(create=False)
        assert schema.version(conn) == schema.LATEST
        assert Session.from_dict(mini, saved.state).current_id == "state-right"
        # answer_steps was backfilled from each answer's by_step: the factors node's rows count per Graham step.
        steps = {s.step: (s.answered, s.full_marks) for s in compute(store).steps}
        assert steps == {"facts-standard": (1, 1), "violation": (1, 1), "graham-threat": (1, 1),
                         "graham-flight": (1, 0)}
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
