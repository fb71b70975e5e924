"""Two or more copies of qi-tutor on one record: each walk in its own attempt, no answer lost.

Real processes (`tests.store.child`) for the races and the live writer; the writer
columns are edited directly only to stand in for a host or a pid this machine cannot
produce (another host, a reused pid).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal

from tests.store.conftest import RIGHT, play
from tests.store.test_reliability import child
from tutor.engine.session import Session
from tutor.store import writer
from tutor.store.export import export_rows
from tutor.store.progress import ProgressStore, utc_stamp

PATH = ["whose-facts", "graham", "claims", "state-right", "today"]


def test_four_processes_on_one_scenario_keep_every_answer_each_walk_in_its_own_attempt(db_path, tmp_path):
    go, walks = tmp_path / "go", 3
    procs = [child("race", str(db_path), f"{index}:{walks}:{go}") for index in range(4)]
    go.touch()
    acknowledged = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        acknowledged += [json.loads(line) for line in out.splitlines()]
    assert len(acknowledged) == 4 * walks * len(PATH)
    with ProgressStore(db_path) as store:
        rows = export_rows(store)
        assert not store.notices
    by_attempt: dict[int, list[dict]] = {}
    for row in sorted(rows, key=lambda r: (r["attempt_id"], r["seq"])):
        by_attempt.setdefault(row["attempt_id"], []).append(row)
    assert len(rows) == len(acknowledged)  # every acknowledged answer is in the export, none twice
    assert len(by_attempt) == 4 * walks
    for answers in by_attempt.values():  # each attempt is one whole walk, in order
        assert [a["node_id"] for a in answers] == PATH and [a["seq"] for a in answers] == list(range(len(PATH)))
    names = {next(a["answer"] for a in answers if a["node_id"] == "state-right") for answers in by_attempt.values()}
    assert names == {f"child {i} walk {w}: unarmed, not to be shot" for i in range(4) for w in range(walks)}
    for index, walk, attempt, node in acknowledged:  # and each walk wrote to the attempt it was told about
        assert node in [a["node_id"] for a in by_attempt[attempt]]
        assert f"child {index} walk {walk}:" in next(
            a["answer"] for a in by_attempt[attempt] if a["node_id"] == "state-right"
        )


def test_an_attempt_a_live_copy_is_walking_is_not_offered_and_is_once_it_is_killed(db_path, mini):
    proc = child("play", str(db_path), "2")
    assert [proc.stdout.readline().strip() for _ in range(3)][-1] == "waiting"
    try:
        with ProgressStore(db_path) as store:
            assert store.resumable("mini-roe") is None  # the other copy is alive and wrote just now
            assert store.unfinished() == {}
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with ProgressStore(db_path) as store:
        saved = store.resumable("mini-roe")  # its writer has gone
        assert saved is not None and saved.answered == 2
        session = Session.from_dict(mini, saved.state)
        assert session.current_id == "claims"
        store.record_answer(saved.attempt_id, session.answer(RIGHT["claims"]))
        row = store.rows("SELECT writer_pid FROM attempts WHERE id = ?", (saved.attempt_id,))[0]
        assert row["writer_pid"] == os.getpid()  # answering into it made this process its writer


def _stamp_writer(store: ProgressStore, attempt: int, **columns: object) -> None:
    with store.write() as conn:
        for column, value in columns.items():
            conn.execute(f"UPDATE attempts SET writer_{column} = ? WHERE id = ?", (value, attempt))


def test_another_hosts_attempt_counts_as_live_for_thirty_minutes_after_its_last_answer(store, mini):
    attempt, _ = play(store, mini, RIGHT, stop_after=2, finish=False)
    now = dt.datetime.now(dt.UTC)
    _stamp_writer(store, attempt, host="another-laptop", seen_at=utc_stamp(now - dt.timedelta(minutes=29)))
    assert store.resumable("mini-roe") is None
    _stamp_writer(store, attempt, seen_at=utc_stamp(now - writer.LIVE_FOR - dt.timedelta(minutes=1)))
    assert store.resumable("mini-roe").attempt_id == attempt


def test_a_reused_pid_is_not_taken_for_the_writer(store, mini):
    attempt, _ = play(store, mini, RIGHT, stop_after=2, finish=False)
    parent = os.getppid()  # alive, on this host, but it started before the recorded writer did
    _stamp_writer(store, attempt, pid=parent, started_at=utc_stamp(dt.datetime.now(dt.UTC)))
    assert store.resumable("mini-roe").attempt_id == attempt
    started = writer.process_started(parent)
    _stamp_writer(store, attempt, pid=parent, started_at=utc_stamp(started), seen_at=utc_stamp())
    assert store.resumable("mini-roe") is None  # the same process as recorded: still live


def test_a_walk_whose_attempt_was_taken_over_continues_in_its_own(db_path, mini):
    first = ProgressStore(db_path)
    attempt, session = play(first, mini, RIGHT, stop_after=2, finish=False)
    second = ProgressStore(db_path)  # a second copy in this process: the attempt is its own to resume
    saved = second.resumable("mini-roe")
    other = Session.from_dict(mini, saved.state)
    second.record_answer(saved.attempt_id, other.answer(["no-threat", "liable"]))
    first.record_answer(attempt, session.answer(RIGHT["claims"]))  # seq 2 holds another answer now
    assert "continues as attempt" in first.notices[0]
    first.finish_attempt(attempt)
    walks = {}
    for row in export_rows(first):
        walks.setdefault(row["attempt_id"], []).append((row["seq"], row["node_id"], row["answer"]))
    assert walks[attempt] == [
        (0, "whose-facts", ["plaintiff"]),
        (1, "graham", RIGHT["graham"]),
        (2, "claims", ["no-threat", "liable"]),
    ]
    (moved,) = set(walks) - {attempt}
    assert walks[moved] == [
        (0, "whose-facts", ["plaintiff"]),
        (1, "graham", RIGHT["graham"]),
        (2, "claims", RIGHT["claims"]),
    ]
    assert first.rows("SELECT finished_at FROM attempts WHERE id = ?", (moved,))[0]["finished_at"]
    first.close()
    second.close()


def test_the_same_answer_at_its_number_is_stored_once_and_another_number_is_not_a_duplicate(store, mini):
    session = Session(mini)
    attempt = store.start_attempt(mini.id, "h", "tutor")
    outcome = session.answer(["plaintiff"])
    first = store.record_answer(attempt, outcome)
    assert store.record_answer(attempt, outcome, seq=0) == first  # that number holds the same answer
    assert store.record_answer(attempt, outcome, seq=1) != first  # a later number is a new answer
    assert [r["seq"] for r in store.rows("SELECT seq FROM answers ORDER BY seq")] == [0, 1]
