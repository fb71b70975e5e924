"""The progress store: every attempt and every answer, committed the moment it is given.

    store = ProgressStore.open(locations.database)   # creates nothing yet
    attempt = store.start_attempt(scenario.id, content_hash, "tutor")
    store.record_answer(attempt, session.answer(...))  # committed before it returns
    store.finish_attempt(attempt)

Reads of a file that does not exist return nothing and create nothing; the file is
created by the first write. Any problem the student must act on is a `StoreError`;
a damaged file is moved aside and reported in `store.notices`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tutor import __version__
from tutor.store import db
from tutor.store.errors import explain

if TYPE_CHECKING:
    from tutor.engine.session import Outcome

PURPOSES = ("play", "retry", "review")


def utc_stamp(now: dt.datetime | None = None) -> str:
    """UTC ISO 8601 to the second: sortable as text, the format every table uses."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SavedAttempt:
    """An unfinished attempt; `state` rebuilds its Session with `Session.from_dict(scenario, state)`."""

    attempt_id: int
    scenario_id: str
    content_hash: str
    mode: str
    purpose: str
    nodes: list[str] | None
    state: dict[str, Any]
    started_at: str
    answered: int


@dataclass(frozen=True)
class Unfinished:
    """How far an unfinished attempt got, without rebuilding it."""

    answered: int
    questions: int | None  # a retry's node count; None for a whole play, whose length depends on the path


class ProgressStore:
    def __init__(self, path: Path, backups: Path | None = None, timeout: float = db.BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        self.backups = Path(backups) if backups else self.path.parent / "backups"
        self.timeout = timeout
        self.notices: list[str] = []  # things the student should be told (a damaged file moved aside)
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def open(cls, path: Path, backups: Path | None = None, timeout: float = db.BUSY_TIMEOUT_S) -> ProgressStore:
        """A store for `path`. Nothing is opened or created until the first read or write."""
        return cls(path, backups, timeout)

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- plumbing shared by review, stats and export ------------------------------

    def connection(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is None:
            self._conn = db.connect(self.path, self.backups, create, self.timeout, self.notices)
        return self._conn

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read; no file means no rows."""
        conn = self.connection(create=False)
        if conn is None:
            return []
        try:
            cursor = conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction (a context manager yielding the connection); creates the file if needed."""
        conn = self.connection(create=True)
        assert conn is not None
        return db.transaction(conn, self.path)

    # --- attempts -------------------------------------------------------------------

    def start_attempt(
        self,
        scenario_id: str,
        content_hash: str,
        mode: str,
        nodes: Sequence[str] | None = None,
        *,
        purpose: str | None = None,
        student: str | None = None,
        now: dt.datetime | None = None,
        seed: int | None = None,
    ) -> int:
        """Open an attempt; `purpose` defaults to play for the whole tree and retry for a node list.

        `seed` is the session's (`Session.seed`): resuming replays the same order of choices.
        """
        purpose = purpose or ("play" if nodes is None else "retry")
        if purpose not in PURPOSES:
            raise ValueError(f"purpose must be one of {PURPOSES}, not {purpose!r}")
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts (scenario_id, content_hash, mode, purpose, nodes, student, tool_version,"
                " started_at, seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    scenario_id,
                    content_hash,
                    mode,
                    purpose,
                    None if nodes is None else json.dumps(list(nodes)),
                    student,
                    __version__,
                    utc_stamp(now),
                    seed,
                ),
            )
            return int(cursor.lastrowid or 0)

    def record_answer(self, attempt_id: int, outcome: Outcome) -> int:
        """Store one answer; it is committed (on disk, WAL + full sync) when this returns.

        Recording the same outcome twice in a row stores it once: a duplicate would make
        the attempt impossible to replay on resume.
        """
        response = json.dumps(outcome.response)
        with self.write() as conn:
            last = conn.execute(
                "SELECT id, seq, node_id, response, answered_at FROM answers WHERE attempt_id = ?"
                " ORDER BY seq DESC LIMIT 1",
                (attempt_id,),
            ).fetchone()
            if last is not None and tuple(last[2:]) == (outcome.node_id, response, outcome.answered_at):
                return int(last[0])
            seq = 0 if last is None else last[1] + 1
            cursor = conn.execute(
                "INSERT INTO answers (attempt_id, seq, node_id, step, kind, response, earned, possible,"
                " auto_earned, full_marks, agreed, misconceptions, hints_used, corrected, by_step, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    _corrected(outcome),
                    _by_step(outcome),
                    outcome.answered_at,
                ),
            )
            answer_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO answer_steps (answer_id, step, earned, possible) VALUES (?, ?, ?, ?)",
                [(answer_id, step, e, p) for step, (e, p) in outcome.by_step.items()],
            )
            conn.execute(
                "UPDATE attempts SET earned = earned + ?, possible = possible + ?,"
                " last_answered_at = MAX(COALESCE(last_answered_at, ''), ?) WHERE id = ?",
                (outcome.earned, outcome.possible, outcome.answered_at, attempt_id),
            )
            return answer_id

    def record_correction(self, attempt_id: int, outcome: Outcome) -> None:
        """The student's own mark for a short answer (`Session.correct_short`); the automatic mark stays."""
        with self.write() as conn:
            row = conn.execute(
                "SELECT id, earned FROM answers WHERE attempt_id = ? AND node_id = ? ORDER BY seq DESC LIMIT 1",
                (attempt_id, outcome.node_id),
            ).fetchone()
            if row is None:
                raise ValueError(f"attempt {attempt_id} has no answer at {outcome.node_id!r} to correct")
            conn.execute(
                "UPDATE answers SET earned = ?, full_marks = ?, corrected = ?, by_step = ? WHERE id = ?",
                (outcome.earned, int(outcome.full_marks), _corrected(outcome), _by_step(outcome), row[0]),
            )
            conn.executemany(
                "UPDATE answer_steps SET earned = ?, possible = ? WHERE answer_id = ? AND step = ?",
                [(e, p, row[0], step) for step, (e, p) in outcome.by_step.items()],
            )
            conn.execute("UPDATE attempts SET earned = earned + ? WHERE id = ?", (outcome.earned - row[1], attempt_id))

    def finish_attempt(self, attempt_id: int, now: dt.datetime | None = None) -> None:
        with self.write() as conn:
            conn.execute(
                "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL", (utc_stamp(now), attempt_id)
            )

    def abandon_attempt(self, attempt_id: int, now: dt.datetime | None = None) -> None:
        """The student chose to start afresh; the answers stay in the history."""
        with self.write() as conn:
            conn.execute(
                "UPDATE attempts SET abandoned_at = ? WHERE id = ? AND abandoned_at IS NULL",
                (utc_stamp(now), attempt_id),
            )

    # --- coming back ------------------------------------------------------------------

    def _last_answered(self, scenario_id: str) -> sqlite3.Row | None:
        """The latest play or retry attempt at this scenario that has at least one answer."""
        found = self.rows(
            "SELECT * FROM attempts WHERE scenario_id = ? AND purpose != 'review'"
            " AND EXISTS (SELECT 1 FROM answers WHERE attempt_id = attempts.id) ORDER BY id DESC LIMIT 1",
            (scenario_id,),
        )
        return found[0] if found else None

    def resumable(self, scenario_id: str) -> SavedAttempt | None:
        """The attempt to offer to resume: the latest one, if it was left unfinished."""
        from tutor.engine.session import STATE_FORMAT  # the engine owns the state format

        attempt = self._last_answered(scenario_id)
        if attempt is None or attempt["finished_at"] or attempt["abandoned_at"]:
            return None
        answers = self.rows(
            "SELECT node_id, response, hints_used, corrected, answered_at FROM answers"
            " WHERE attempt_id = ? ORDER BY seq",
            (attempt["id"],),
        )
        nodes = json.loads(attempt["nodes"]) if attempt["nodes"] else None
        state = {
            "format": STATE_FORMAT,
            "scenario": scenario_id,
            "content_hash": attempt["content_hash"],
            "mode": attempt["mode"],
            "nodes": nodes,
            "seed": attempt["seed"],
            "answers": [
                {
                    "node": a["node_id"],
                    "response": json.loads(a["response"]),
                    "hints_used": a["hints_used"],
                    "corrected": json.loads(a["corrected"]) if a["corrected"] else None,
                    "answered_at": a["answered_at"],
                }
                for a in answers
            ],
        }
        return SavedAttempt(
            attempt["id"],
            scenario_id,
            attempt["content_hash"],
            attempt["mode"],
            attempt["purpose"],
            nodes,
            state,
            attempt["started_at"],
            len(answers),
        )

    def unfinished(self) -> dict[str, Unfinished]:
        """Each scenario with an attempt `resumable` would offer, in one read: for the library's rows."""
        found = self.rows(
            "SELECT a.scenario_id, a.nodes, a.finished_at, a.abandoned_at,"
            " (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id) AS answered FROM attempts AS a"
            " WHERE a.id = (SELECT MAX(b.id) FROM attempts AS b WHERE b.scenario_id = a.scenario_id"
            " AND b.purpose != 'review' AND EXISTS (SELECT 1 FROM answers WHERE attempt_id = b.id))"
        )
        return {
            row["scenario_id"]: Unfinished(row["answered"], len(json.loads(row["nodes"])) if row["nodes"] else None)
            for row in found
            if not row["finished_at"] and not row["abandoned_at"]
        }

    def missed_in_last_attempt(self, scenario_id: str) -> list[str]:
        """Nodes answered without full marks in the latest attempt, in the order met: what Retry replays."""
        attempt = self._last_answered(scenario_id)
        if attempt is None:
            return []
        missed = self.rows(
            "SELECT node_id FROM answers WHERE attempt_id = ? AND full_marks = 0 ORDER BY seq", (attempt["id"],)
        )
        return list(dict.fromkeys(row["node_id"] for row in missed))


def _corrected(outcome: Outcome) -> str | None:
    return None if outcome.corrected is None else json.dumps(list(outcome.corrected))


def _by_step(outcome: Outcome) -> str:
    return json.dumps({step: [e, p] for step, (e, p) in outcome.by_step.items()})
