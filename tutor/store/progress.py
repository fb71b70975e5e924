"""The progress store: every attempt and every answer, committed the moment it is given.

    store = ProgressStore(locations.database)   # creates nothing yet
    attempt = store.start_attempt(scenario.id, content_hash, "tutor")
    store.record_answer(attempt, session.answer(...))  # committed before it returns
    store.finish_attempt(attempt)

Reads of a file that does not exist return nothing and create nothing; the file is
created by the first write. Any problem the student must act on is a `StoreError`;
a damaged file is moved aside and reported in `store.notices`, and so is a row whose
stored value cannot be read (it is left out; the rest is read as usual).

Two copies of qi-tutor on one record never share a walk: an attempt another live copy
is writing is not offered (`tutor.store.writer`), and each answer goes to the sequence
number its own walk expects. If that number already holds another answer, the other
copy took the attempt over: this walk carries on in an attempt of its own, which starts
with a copy of the answers the two shared, and both walks are kept.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tutor import __version__
from tutor.store import db, writer, writes
from tutor.store.errors import StoreError, explain
from tutor.store.values import BadValue, answer_place, json_value
from tutor.store.writes import WRITER_COLUMNS, utc_stamp, writer_now

if TYPE_CHECKING:
    from tutor.engine.session import Outcome
    from tutor.scenario.model import Scenario

PURPOSES = ("play", "retry", "review")


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
    time_limit: float | None = None  # seconds a timed exam allows; None: untimed
    seconds: tuple[float | None, ...] = ()  # each answer's time on screen (None: not measured), in order


@dataclass(frozen=True)
class Unanswered:
    """A question still open when a timed exam's time ran out."""

    node_id: str
    step: str
    possible: float


@dataclass(frozen=True)
class Unfinished:
    """How far an unfinished attempt got, without rebuilding it."""

    answered: int
    questions: int | None  # a retry's node count; None for a whole play, whose length depends on the path


class ProgressStore:
    """Every attempt and answer in one SQLite file; nothing is opened or created until the first read or write."""

    def __init__(
        self, path: Path, backups: Path | None = None, timeout: float = db.BUSY_TIMEOUT_S, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.backups = Path(backups) if backups else self.path.parent / "backups"
        self.timeout = timeout
        self.read_only = read_only  # stats, export, backup: mode=ro, nothing on disk changes
        self.notices: list[str] = []  # things the student should be told (a damaged file moved aside, a bad row)
        self._conn: sqlite3.Connection | None = None
        self._next_seq: dict[int, int] = {}  # attempt -> the seq this process's walk writes next
        self._last_written: dict[int, tuple[tuple[str, str, str], int]] = {}  # attempt -> (answer key, answer id)
        self._moved: dict[int, int] = {}  # an attempt another copy took over -> this walk's own continuation

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
            self._conn = db.connect(
                self.path, self.backups, create and not self.read_only, self.timeout, self.notices, self.read_only
            )
        return self._conn

    def warn(self, problem: BadValue, consequence: str) -> None:
        """A row set aside because a stored value cannot be read: the student is told where it is."""
        self.notices.append(f"the progress file {self.path}, {problem}: {consequence}.")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read; no file means no rows."""
        conn = self.connection(create=False)
        if conn is None:
            return []
        try:
            cursor = conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row  # type: ignore[assignment]  # typeshed wants a callable; Row is one
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction (a context manager yielding the connection); creates the file if needed."""
        if self.read_only:
            raise StoreError(f"the progress file {self.path} was opened read-only; nothing was written.", self.path)
        conn = self.connection(create=True)
        assert conn is not None
        return db.transaction(conn, self.path)

    def _attempt(self, attempt_id: int) -> int:
        """The attempt this process's walk writes to: its own continuation if another copy took it over."""
        while attempt_id in self._moved:
            attempt_id = self._moved[attempt_id]
        return attempt_id

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
        scenario: Scenario | None = None,
        time_limit: float | None = None,
    ) -> int:
        """Open an attempt; `purpose` defaults to play for the whole tree and retry for a node list.

        `seed` is the session's (`Session.seed`): resuming replays the same order of choices.
        Given the `scenario` played, its questions are kept with this version (`keep_version`).
        `time_limit` is a timed exam's allowance in seconds, kept so a resume counts down from where it was.
        """
        purpose = purpose or ("play" if nodes is None else "retry")
        if purpose not in PURPOSES:
            raise ValueError(f"purpose must be one of {PURPOSES}, not {purpose!r}")
        if scenario is not None:
            self.keep_version(scenario, content_hash, now)
        with self.write() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts (scenario_id, content_hash, mode, purpose, nodes, student, tool_version,"
                f" started_at, seed, time_limit, uuid, {WRITER_COLUMNS}) VALUES ({', '.join('?' * 15)})",
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
                    time_limit,
                    str(uuid.uuid4()),  # random: the integer id repeats on every student's machine
                    *writer_now(),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
        self._next_seq[attempt_id] = 0
        return attempt_id

    def keep_version(self, scenario: Scenario, content_hash: str, now: dt.datetime | None = None) -> None:
        """Keep what this version of the scenario asks, once, so later statements describe it after an edit."""
        from tutor.store.xapi import versions_for

        _, nodes = versions_for({(scenario.id, content_hash): scenario})[(scenario.id, content_hash)]
        with self.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO scenario_versions (scenario_id, content_hash, title, nodes, kept_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (scenario.id, content_hash, scenario.title, json.dumps(nodes, ensure_ascii=False), utc_stamp(now)),
            )

    def versions(self) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
        """Every kept scenario version: (id, content hash) -> (title, {node id: interaction definition})."""
        return {
            (r["scenario_id"], r["content_hash"]): (r["title"], json.loads(r["nodes"]))
            for r in self.rows("SELECT scenario_id, content_hash, title, nodes FROM scenario_versions")
        }

    def record_answer(
        self, attempt_id: int, outcome: Outcome, seq: int | None = None, seconds: float | None = None
    ) -> int:
        """Store one answer at `seq` (default: the next number of this process's walk); committed on return.

        `seconds` is how long its question was on screen before the answer (None: not measured).

        Recording the same outcome twice in a row stores it once (a duplicate would make
        the attempt impossible to replay on resume), and so does recording it at a number
        that already holds the same answer. A number that holds another answer means
        another copy took the attempt over: see the module docstring.
        """
        attempt_id = self._attempt(attempt_id)
        key = (outcome.node_id, json.dumps(outcome.response), outcome.answered_at)
        last = self._last_written.get(attempt_id)
        if seq is None and last is not None and last[0] == key:
            return last[1]
        taken_over = None
        with self.write() as conn:
            if seq is None:
                seq = self._next_seq.get(attempt_id)
            if seq is None:  # an attempt this process neither started nor resumed: append to it
                seq = conn.execute(
                    "SELECT COALESCE(MAX(seq) + 1, 0) FROM answers WHERE attempt_id = ?", (attempt_id,)
                ).fetchone()[0]
            held = conn.execute(
                "SELECT id, node_id, response, answered_at FROM answers WHERE attempt_id = ? AND seq = ?",
                (attempt_id, seq),
            ).fetchone()
            if held is not None and tuple(held[1:]) == key:
                answer_id = int(held[0])
            else:
                if held is not None:
                    taken_over, attempt_id = attempt_id, writes.fork_attempt(conn, attempt_id, seq)
                answer_id = writes.insert_answer(conn, attempt_id, seq, outcome, key[1], seconds)
        if taken_over is not None:  # committed: from now on this walk's calls go to its own attempt
            self._moved[taken_over] = attempt_id
            self.notices.append(
                f"another copy of qi-tutor carried on attempt {taken_over} at the same time; this walk continues "
                f"as attempt {attempt_id}, and both are kept."
            )
        self._next_seq[attempt_id] = seq + 1
        self._last_written[attempt_id] = (key, answer_id)
        return answer_id

    def record_correction(self, attempt_id: int, outcome: Outcome, now: dt.datetime | None = None) -> None:
        """The student's own mark for a short answer (`Session.correct_short`); the automatic mark stays."""
        attempt_id = self._attempt(attempt_id)
        with self.write() as conn:
            row = conn.execute(
                "SELECT id, earned FROM answers WHERE attempt_id = ? AND node_id = ? ORDER BY seq DESC LIMIT 1",
                (attempt_id, outcome.node_id),
            ).fetchone()
            if row is None:
                raise ValueError(f"attempt {attempt_id} has no answer at {outcome.node_id!r} to correct")
            conn.execute(
                "UPDATE answers SET earned = ?, full_marks = ?, corrected = ?, by_step = ?, corrected_at = ?"
                " WHERE id = ?",
                (
                    outcome.earned,
                    int(outcome.full_marks),
                    writes.corrected_json(outcome),
                    writes.by_step_json(outcome),
                    utc_stamp(now),
                    row[0],
                ),
            )
            conn.executemany(
                "UPDATE answer_steps SET earned = ?, possible = ? WHERE answer_id = ? AND step = ?",
                [(e, p, row[0], step) for step, (e, p) in outcome.by_step.items()],
            )
            conn.execute("UPDATE attempts SET earned = earned + ? WHERE id = ?", (outcome.earned - row[1], attempt_id))

    def finish_attempt(self, attempt_id: int, now: dt.datetime | None = None) -> None:
        attempt_id = self._attempt(attempt_id)
        with self.write() as conn:
            conn.execute(
                "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL", (utc_stamp(now), attempt_id)
            )

    def time_out(self, attempt_id: int, unanswered: Sequence[Unanswered], now: dt.datetime | None = None) -> None:
        """A timed exam's time ran out: the attempt is finished, and the questions still open are kept as such."""
        attempt_id = self._attempt(attempt_id)
        stamp = utc_stamp(now)
        with self.write() as conn:
            conn.execute(
                "UPDATE attempts SET timed_out_at = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?",
                (stamp, stamp, attempt_id),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO unanswered (attempt_id, node_id, step, possible, closed_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(attempt_id, u.node_id, u.step, u.possible, stamp) for u in unanswered],
            )

    def unanswered(self, attempt_id: int) -> list[Unanswered]:
        """The questions a timed exam left open when its time ran out."""
        rows = self.rows(
            "SELECT node_id, step, possible FROM unanswered WHERE attempt_id = ? ORDER BY rowid",
            (self._attempt(attempt_id),),
        )
        return [Unanswered(r["node_id"], r["step"], r["possible"]) for r in rows]

    def abandon_attempt(self, attempt_id: int, now: dt.datetime | None = None) -> None:
        """The student chose to start afresh; the answers stay in the history."""
        attempt_id = self._attempt(attempt_id)
        with self.write() as conn:
            conn.execute(
                "UPDATE attempts SET abandoned_at = ? WHERE id = ? AND abandoned_at IS NULL",
                (utc_stamp(now), attempt_id),
            )

    # --- coming back ------------------------------------------------------------------

    def _walks(self, scenario_id: str | None = None) -> dict[str, tuple[sqlite3.Row | None, int | None]]:
        """Per scenario (or just `scenario_id`): the newest unfinished play/retry attempt with answers that no
        other live copy holds, and the newest finished or abandoned one. The first is offered to resume
        only when it is the newer; the newer of the two is "the last attempt"."""
        where = " AND a.scenario_id = ?" if scenario_id else ""
        rows = self.rows(
            "SELECT a.*, (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id) AS answered FROM attempts AS a"
            " WHERE a.purpose != 'review' AND a.finished_at IS NULL AND a.abandoned_at IS NULL"
            f" AND EXISTS (SELECT 1 FROM answers WHERE attempt_id = a.id){where} ORDER BY a.id DESC",
            (scenario_id,) if scenario_id else (),
        )
        closed = self.rows(
            "SELECT a.scenario_id, MAX(a.id) AS id FROM attempts AS a WHERE a.purpose != 'review'"
            " AND (a.finished_at IS NOT NULL OR a.abandoned_at IS NOT NULL)"
            f" AND EXISTS (SELECT 1 FROM answers WHERE attempt_id = a.id){where} GROUP BY a.scenario_id",
            (scenario_id,) if scenario_id else (),
        )
        walks: dict[str, tuple[sqlite3.Row | None, int | None]] = {r["scenario_id"]: (None, r["id"]) for r in closed}
        now = dt.datetime.now(dt.UTC)
        seen: set[str] = set()
        for row in rows:
            sid = row["scenario_id"]
            held = writer.holds(
                row["writer_pid"], row["writer_host"], row["writer_started_at"], row["writer_seen_at"], now
            )
            if sid in seen or held:
                continue
            seen.add(sid)
            walks[sid] = (row, walks.get(sid, (None, None))[1])
        return walks

    def _offered(self, scenario_id: str | None = None) -> dict[str, sqlite3.Row]:
        return {
            sid: row for sid, (row, closed) in self._walks(scenario_id).items() if row and row["id"] > (closed or 0)
        }

    def resumable(self, scenario_id: str) -> SavedAttempt | None:
        """The attempt to offer to resume: the latest one, if it was left unfinished and no other copy is on it.

        Offering writes nothing (the student may decline); the first answer recorded into it
        makes this process its writer.
        """
        from tutor.engine.session import saved_answer, saved_state  # the engine owns the state's shape

        attempt = self._offered(scenario_id).get(scenario_id)
        if attempt is None:
            return None
        answers = self.rows(
            "SELECT seq, node_id, response, hints_used, corrected, answered_at, seconds FROM answers"
            " WHERE attempt_id = ? ORDER BY seq",
            (attempt["id"],),
        )
        try:
            nodes = json_value(attempt["nodes"], "node list", f"attempt {attempt['id']}", nullable=True)
            replay = [
                saved_answer(
                    a["node_id"],
                    json_value(a["response"], "response", answer_place(attempt["id"], a["seq"])),
                    a["hints_used"],
                    json_value(a["corrected"], "correction", answer_place(attempt["id"], a["seq"]), nullable=True),
                    a["answered_at"],
                )
                for a in answers
            ]
        except BadValue as problem:
            self.warn(problem, "that attempt cannot be resumed (its answers stay in the history)")
            return None
        self._next_seq[attempt["id"]] = answers[-1]["seq"] + 1 if answers else 0
        state = saved_state(scenario_id, attempt["content_hash"], attempt["mode"], nodes, replay, attempt["seed"])
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
            attempt["time_limit"],
            tuple(a["seconds"] for a in answers),
        )

    def unfinished(self) -> dict[str, Unfinished]:
        """Each scenario with an attempt `resumable` would offer: for the library's rows."""
        found = {}
        for scenario_id, row in self._offered().items():
            try:
                nodes = json_value(row["nodes"], "node list", f"attempt {row['id']}", nullable=True)
            except BadValue:
                nodes = None  # resumable() says what is wrong when the student opens it
            found[scenario_id] = Unfinished(row["answered"], len(nodes) if isinstance(nodes, list) else None)
        return found

    def finished_scenarios(self) -> set[str]:
        """Every scenario with a play or retry walked to its end at least once: for the library's rows."""
        rows = self.rows(
            "SELECT DISTINCT scenario_id FROM attempts WHERE finished_at IS NOT NULL AND purpose != 'review'"
        )
        return {row["scenario_id"] for row in rows}

    def missed_in_last_attempt(self, scenario_id: str) -> list[str]:
        """Nodes answered without full marks in the latest attempt, in the order met: what Retry replays."""
        row, closed = self._walks(scenario_id).get(scenario_id, (None, None))
        latest = max(row["id"] if row else 0, closed or 0)
        if not latest:
            return []
        missed = self.rows(
            "SELECT node_id FROM answers WHERE attempt_id = ? AND full_marks = 0 ORDER BY seq", (latest,)
        )
        return list(dict.fromkeys(row["node_id"] for row in missed))
