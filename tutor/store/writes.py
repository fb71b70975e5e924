"""The rows `record_answer` writes, in one place: an answer, its per-step rows, the attempt's
running score and writer, and the copy a walk takes when another copy took its attempt over.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from typing import TYPE_CHECKING

from tutor.store import writer

if TYPE_CHECKING:
    from tutor.engine.session import Outcome


def utc_stamp(now: dt.datetime | None = None) -> str:
    """UTC ISO 8601 to the millisecond: sortable as text, the format every table uses.

    Milliseconds, because a class's answers meet in one learning record store, where two
    given in the same second must still be told apart and ordered.
    """
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).isoformat(timespec="milliseconds")


WRITER_COLUMNS = "writer_pid, writer_host, writer_started_at, writer_seen_at"
ANSWER_COLUMNS = (
    "seq, node_id, step, kind, response, earned, possible, auto_earned, full_marks, agreed, misconceptions,"
    " hints_used, corrected, by_step, answered_at, seconds"
)


def writer_now() -> tuple[int, str, str | None, str]:
    me = writer.this_process()
    return (me.pid, me.host, me.started_at, utc_stamp())


def insert_answer(
    conn: sqlite3.Connection, attempt_id: int, seq: int, outcome: Outcome, response: str, seconds: float | None
) -> int:
    """The answer row (with the `seconds` its question was on screen), its per-step rows, and the attempt's
    running score and writer."""
    cursor = conn.execute(
        f"INSERT INTO answers (attempt_id, {ANSWER_COLUMNS}) VALUES ({', '.join('?' * 17)})",
        (
            attempt_id,
            seq,
            outcome.node_id,
            outcome.step,
            outcome.kind,
            response,
            outcome.earned,
            outcome.possible,
            outcome.auto_earned,
            int(outcome.full_marks),
            None if outcome.agreed is None else int(outcome.agreed),
            json.dumps(list(outcome.misconceptions)),
            outcome.hints_used,
            corrected_json(outcome),
            by_step_json(outcome),
            outcome.answered_at,
            seconds,
        ),
    )
    answer_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO answer_steps (answer_id, step, earned, possible) VALUES (?, ?, ?, ?)",
        [(answer_id, step, e, p) for step, (e, p) in outcome.by_step.items()],
    )
    conn.execute(
        "UPDATE attempts SET earned = earned + ?, possible = possible + ?,"
        " last_answered_at = MAX(COALESCE(last_answered_at, ''), ?), writer_pid = ?, writer_host = ?,"
        " writer_started_at = ?, writer_seen_at = ? WHERE id = ?",
        (outcome.earned, outcome.possible, outcome.answered_at, *writer_now(), attempt_id),
    )
    return answer_id


def corrected_json(outcome: Outcome) -> str | None:
    return None if outcome.corrected is None else json.dumps(list(outcome.corrected))


def by_step_json(outcome: Outcome) -> str:
    return json.dumps({step: [e, p] for step, (e, p) in outcome.by_step.items()})


def fork_attempt(conn: sqlite3.Connection, attempt_id: int, seq: int) -> int:
    """A new attempt for this process's walk, holding a copy of the attempt's first `seq` answers (shared
    by both walks); the caller goes on writing there."""
    new = conn.execute(
        "INSERT INTO attempts (scenario_id, content_hash, mode, purpose, nodes, student, tool_version, started_at,"
        f" seed, time_limit, uuid, {WRITER_COLUMNS}) SELECT scenario_id, content_hash, mode, purpose, nodes, student,"
        " tool_version, started_at, seed, time_limit, ?, ?, ?, ?, ? FROM attempts WHERE id = ?",
        (str(uuid.uuid4()), *writer_now(), attempt_id),  # another walk: another attempt UUID
    ).lastrowid
    shared = conn.execute("SELECT id FROM answers WHERE attempt_id = ? AND seq < ? ORDER BY seq", (attempt_id, seq))
    for (old_answer,) in shared.fetchall():
        copied = conn.execute(
            f"INSERT INTO answers (attempt_id, {ANSWER_COLUMNS}, corrected_at)"
            f" SELECT ?, {ANSWER_COLUMNS}, corrected_at FROM answers WHERE id = ?",
            (new, old_answer),
        ).lastrowid
        conn.execute(
            "INSERT INTO answer_steps (answer_id, step, earned, possible)"
            " SELECT ?, step, earned, possible FROM answer_steps WHERE answer_id = ?",
            (copied, old_answer),
        )
    conn.execute(
        "UPDATE attempts SET earned = (SELECT COALESCE(SUM(earned), 0) FROM answers WHERE attempt_id = ?),"
        " possible = (SELECT COALESCE(SUM(possible), 0) FROM answers WHERE attempt_id = ?),"
        " last_answered_at = (SELECT MAX(answered_at) FROM answers WHERE attempt_id = ?) WHERE id = ?",
        (new, new, new, new),
    )
    assert new is not None
    return int(new)
