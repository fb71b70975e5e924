"""The store's API on real SQLite files: attempts, answers, corrections, resume and retry."""

from __future__ import annotations

import json
import sqlite3

from tests.store.conftest import RIGHT, play
from tutor.engine.session import Session
from tutor.paths import Locations
from tutor.settings import Settings
from tutor.store.progress import ProgressStore, Unfinished

WRONG_FIRST = {**RIGHT, "whose-facts": ["officer"], "officer-branch": ["law"]}


def test_reading_a_missing_file_creates_nothing(db_path):
    store = ProgressStore(db_path)
    assert store.resumable("mini-roe") is None
    assert store.missed_in_last_attempt("mini-roe") == []
    assert not db_path.exists() and not db_path.parent.exists()


def test_first_write_creates_a_wal_file_with_full_sync(store, db_path, mini):
    play(store, mini, RIGHT, stop_after=1)
    assert db_path.exists()
    conn = store.connection(create=False)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_every_answer_is_on_disk_when_record_answer_returns(store, db_path, mini):
    play(store, mini, RIGHT, stop_after=2, finish=False)
    # A second, independent connection sees both answers: they were committed.
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT node_id FROM answers ORDER BY seq").fetchall() == [("whose-facts",), ("graham",)]


def test_recording_the_same_answer_twice_keeps_one(store, mini):
    session = Session(mini)
    attempt = store.start_attempt(mini.id, "h", "tutor")
    outcome = session.answer(["plaintiff"])
    assert store.record_answer(attempt, outcome) == store.record_answer(attempt, outcome)
    store.record_answer(attempt, session.answer(RIGHT["graham"]))
    assert Session.from_dict(mini, store.resumable(mini.id).state).current_id == "claims"


def test_resume_replays_into_the_same_place(store, mini):
    _, session = play(store, mini, WRONG_FIRST, stop_after=3, finish=False)
    saved = store.resumable("mini-roe")
    assert saved is not None and saved.answered == 3 and saved.content_hash == "h"
    restored = Session.from_dict(mini, saved.state)
    assert restored.current_id == session.current_id == "claims"
    assert [o.earned for o in restored.history] == [o.earned for o in session.history]


def test_finished_or_abandoned_attempts_are_not_offered(store, mini):
    play(store, mini, RIGHT)
    assert store.resumable("mini-roe") is None
    attempt, _ = play(store, mini, RIGHT, stop_after=1, finish=False)
    assert store.resumable("mini-roe").attempt_id == attempt
    store.abandon_attempt(attempt)
    assert store.resumable("mini-roe") is None


def test_unfinished_names_exactly_what_resumable_offers(store, mini):
    assert store.unfinished() == {}
    play(store, mini, RIGHT)
    assert store.unfinished() == {}  # finished
    attempt, _ = play(store, mini, RIGHT, stop_after=2, finish=False)
    assert store.unfinished() == {"mini-roe": Unfinished(answered=2, questions=None)}
    assert store.resumable("mini-roe").answered == 2
    store.start_attempt(mini.id, "h", "tutor", ["graham", "claims"])  # no answer yet: the older one is still offered
    assert store.unfinished()["mini-roe"].answered == 2
    store.abandon_attempt(attempt)
    assert store.unfinished() == {} and store.resumable("mini-roe") is None


def test_a_correction_replaces_the_mark_and_survives_resume(store, mini):
    answers = {**RIGHT, "state-right": "He had a right not to be shot."}
    attempt, session = play(store, mini, answers, stop_after=4, finish=False)
    fixed = session.correct_short("state-right", ["unarmed", "no-threat", "shot"])
    store.record_correction(attempt, fixed)
    row = store.rows("SELECT earned, auto_earned, full_marks, corrected FROM answers WHERE node_id = 'state-right'")[0]
    assert row["full_marks"] == 1 and row["auto_earned"] < row["earned"]
    assert json.loads(row["corrected"]) == ["no-threat", "shot", "unarmed"]
    restored = Session.from_dict(mini, store.resumable("mini-roe").state)
    assert restored.history[-1].full_marks and restored.history[-1].corrected


def test_retry_lists_the_nodes_missed_last_time(store, mini):
    play(store, mini, WRONG_FIRST)
    assert store.missed_in_last_attempt("mini-roe") == ["whose-facts", "officer-branch"]
    missed = store.missed_in_last_attempt("mini-roe")
    retry = Session(mini, nodes=missed)
    attempt = store.start_attempt(mini.id, "h", "tutor", nodes=missed)
    store.record_answer(attempt, retry.answer(["plaintiff"]))
    store.record_answer(attempt, retry.answer(["credibility"]))
    store.finish_attempt(attempt)
    assert store.rows("SELECT purpose FROM attempts WHERE id = ?", (attempt,))[0]["purpose"] == "retry"
    assert store.missed_in_last_attempt("mini-roe") == []


def test_settings_are_written_only_on_save(tmp_path):
    locations = Locations.resolve(data_dir=tmp_path / "d")
    settings = Settings.load(locations)
    assert settings.student is None and not locations.settings.exists()
    settings.student = "Ada"
    settings.save(locations)
    assert Settings.load(locations).student == "Ada"
    locations.settings.write_text("{broken", encoding="utf-8")
    damaged = Settings.load(locations)
    assert damaged.student is None and damaged.problem and "settings.json" in damaged.problem
    assert locations.settings.read_text(encoding="utf-8") == "{broken"


def test_every_setting_saved_is_read_back_and_a_wrong_type_is_its_default(tmp_path):
    locations = Locations.resolve(data_dir=tmp_path / "d")
    saved = Settings(
        student="Ada",
        xapi_home="https://school.example",
        class_key="k",
        lrs="https://lrs.example/xapi/",
        lrs_auth="u:p",
        review_parameters=[0.5] * 21,
    )
    saved.save(locations)
    assert json.loads(locations.settings.read_text(encoding="utf-8"))["review"] == {"parameters": [0.5] * 21}
    assert Settings.load(locations) == saved
    locations.settings.write_text(json.dumps({"lrs": 3, "review": "fast", "xapi_home": None}), encoding="utf-8")
    assert Settings.load(locations) == Settings()
