"""The progress file's tables, as ordered migrations keyed by `PRAGMA user_version`.

Version N is reached by running migrations 1..N in order, each in the same
transaction that records the new version, so a file is always at exactly one
version. Never edit a shipped migration: add the next one.

1. attempts and answers (every answer, with its per-step breakdown as JSON).
2. spaced review: one FSRS card per (scenario, node, node content hash), and a log
   of every rating with the card as it was before, so a re-rating (a short answer the
   student corrected) replaces the earlier one instead of counting twice.
3. answer_steps: the per-step scores as rows, backfilled from answers.by_step, so
   accuracy by step is one GROUP BY; and an index for `export --since`.
4. stats that stay fast at 100,000 answers (bench/bench_store.py): each attempt keeps
   its running score (backfilled), and covering indexes let the by-step, trend and
   misconception figures read an index instead of the wide answers table.
5. the seed each attempt shows its choices in (`tutor.engine.order`); NULL for an
   attempt saved before, which plays in file order.
6. each attempt knows its writer (pid, host, when that process started, when it last
   wrote), so a second copy is not offered an attempt another live copy is walking
   (`tutor.store.writer`). Older attempts have no writer: nobody holds them.
7. statements that never conflict in a class's learning record store: each attempt
   gets a random UUID (integer ids repeat on every machine; backfilled), a corrected
   mark keeps when it was corrected (the voiding statement's time), and
   scenario_versions keeps each played version's questions as xAPI interaction
   definitions, so a statement about an old answer says what was asked then even after
   the file is edited; `sent` records which statements each LRS accepted, so `send`
   posts each once and a dropped connection loses nothing. Times are written to the
   millisecond from this version on (text still sorts: older second-only stamps stay).
8. time: each answer keeps the seconds from its question being shown to the answer
   (NULL before), each attempt its time limit in seconds (a timed exam; NULL untimed) and
   when that time ran out, and `unanswered` keeps the questions still open when it did,
   so the summary and stats count them. Resuming a timed exam adds up the seconds stored.
9. reports: "this question is wrong", one row per report, with what the student saw and
   the version of the node it was about, for `export --format reports` and the class report.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            mode TEXT NOT NULL,                  -- the session mode: tutor or exam
            purpose TEXT NOT NULL DEFAULT 'play',-- play, retry or review
            nodes TEXT,                          -- JSON node list; NULL walks the whole tree
            student TEXT,
            tool_version TEXT NOT NULL,
            started_at TEXT NOT NULL,            -- UTC ISO 8601
            finished_at TEXT,
            abandoned_at TEXT)""",
        "CREATE INDEX attempts_by_scenario ON attempts(scenario_id, id)",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            seq INTEGER NOT NULL,                -- position in the attempt: the replay order
            node_id TEXT NOT NULL,
            step TEXT NOT NULL,
            kind TEXT NOT NULL,
            response TEXT NOT NULL,              -- JSON, as Session.answer took it
            earned REAL NOT NULL,
            possible REAL NOT NULL,
            auto_earned REAL NOT NULL,           -- short answers: the mark before the student's correction
            full_marks INTEGER NOT NULL,
            agreed INTEGER,                      -- NULL when the node does not measure agreement
            misconceptions TEXT NOT NULL,        -- JSON list of keys
            hints_used INTEGER NOT NULL,
            corrected TEXT,                      -- JSON list of rubric ids the student says they met
            by_step TEXT NOT NULL,               -- JSON {step: [earned, possible]}
            answered_at TEXT NOT NULL,
            UNIQUE (attempt_id, seq))""",
    ),
    (  # 2
        """CREATE TABLE cards (
            scenario_id TEXT NOT NULL,
            node_id TEXT NOT NULL,
            node_hash TEXT NOT NULL,
            card TEXT NOT NULL,                  -- fsrs Card.to_json()
            due TEXT NOT NULL,                   -- UTC ISO 8601, compared as text
            retired_at TEXT,                     -- set when the node changed and a new card took over
            PRIMARY KEY (scenario_id, node_id, node_hash))""",
        "CREATE INDEX cards_by_due ON cards(retired_at, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            node_id TEXT NOT NULL,
            node_hash TEXT NOT NULL,
            rating INTEGER NOT NULL,             -- fsrs Rating: 1 Again, 2 Hard, 3 Good
            answered_at TEXT NOT NULL,           -- the answer this rating came from
            reviewed_at TEXT NOT NULL,
            card_before TEXT)""",  # NULL: the answer created the card
        "CREATE INDEX reviews_by_card ON reviews(scenario_id, node_id, node_hash, id)",
    ),
    (  # 3
        """CREATE TABLE answer_steps (
            answer_id INTEGER NOT NULL REFERENCES answers(id),
            step TEXT NOT NULL,
            earned REAL NOT NULL,
            possible REAL NOT NULL)""",
        "CREATE INDEX answer_steps_by_answer ON answer_steps(answer_id)",
        """INSERT INTO answer_steps (answer_id, step, earned, possible)
           SELECT a.id, j.key, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
           FROM answers AS a, json_each(a.by_step) AS j""",
        "CREATE INDEX answers_by_time ON answers(answered_at)",
    ),
    (  # 4
        "ALTER TABLE attempts ADD COLUMN earned REAL NOT NULL DEFAULT 0",
        "ALTER TABLE attempts ADD COLUMN possible REAL NOT NULL DEFAULT 0",
        "ALTER TABLE attempts ADD COLUMN last_answered_at TEXT",
        """UPDATE attempts SET
             earned = (SELECT COALESCE(SUM(earned), 0) FROM answers WHERE attempt_id = attempts.id),
             possible = (SELECT COALESCE(SUM(possible), 0) FROM answers WHERE attempt_id = attempts.id),
             last_answered_at = (SELECT MAX(answered_at) FROM answers WHERE attempt_id = attempts.id)""",
        "DROP INDEX answers_by_time",
        "CREATE INDEX answers_by_time ON answers(answered_at, possible, full_marks)",
        "CREATE INDEX answers_missed ON answers(misconceptions) WHERE misconceptions != '[]'",
        "CREATE INDEX answer_steps_by_step ON answer_steps(step, earned, possible)",
        """CREATE INDEX attempts_scores
           ON attempts(scenario_id, purpose, finished_at, earned, possible, last_answered_at)""",
    ),
    (  # 5
        "ALTER TABLE attempts ADD COLUMN seed INTEGER",
    ),
    (  # 6
        "ALTER TABLE attempts ADD COLUMN writer_pid INTEGER",
        "ALTER TABLE attempts ADD COLUMN writer_host TEXT",
        "ALTER TABLE attempts ADD COLUMN writer_started_at TEXT",  # when that process started: a reused pid differs
        "ALTER TABLE attempts ADD COLUMN writer_seen_at TEXT",  # the writer's last write, by the real clock
    ),
    (  # 7
        "ALTER TABLE attempts ADD COLUMN uuid TEXT",
        # A version 4 UUID from SQLite's randomblob: 8-4-4-4-12 hex digits, version nibble 4, variant 8-b.
        """UPDATE attempts SET uuid = lower(
             hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-'
             || hex(randomblob(6)))""",
        "CREATE UNIQUE INDEX attempts_by_uuid ON attempts(uuid)",
        "ALTER TABLE answers ADD COLUMN corrected_at TEXT",
        "UPDATE answers SET corrected_at = answered_at WHERE corrected IS NOT NULL",
        """CREATE TABLE scenario_versions (
            scenario_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            nodes TEXT NOT NULL,                 -- JSON {node id: xAPI interaction definition}
            kept_at TEXT NOT NULL,
            PRIMARY KEY (scenario_id, content_hash))""",
        """CREATE TABLE sent (
            lrs TEXT NOT NULL,                   -- the statements endpoint, as given to `send --lrs`
            statement_id TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (lrs, statement_id))""",
    ),
    (  # 8
        "ALTER TABLE answers ADD COLUMN seconds REAL",  # question shown -> answer given; NULL before version 8
        # Covering and partial: stats' time per step reads this index, never the wide answers table.
        "CREATE INDEX answers_timed ON answers(step, seconds) WHERE seconds IS NOT NULL",
        "ALTER TABLE attempts ADD COLUMN time_limit REAL",  # seconds a timed exam allows; NULL: untimed
        "ALTER TABLE attempts ADD COLUMN timed_out_at TEXT",
        """CREATE TABLE unanswered (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id),
            node_id TEXT NOT NULL,
            step TEXT NOT NULL,
            possible REAL NOT NULL,
            closed_at TEXT NOT NULL,             -- when the time ran out
            PRIMARY KEY (attempt_id, node_id))""",
    ),
    (  # 9
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            node_id TEXT NOT NULL,
            seen TEXT NOT NULL,                  -- question or feedback
            shown TEXT NOT NULL,                 -- what was on screen, in a line or two
            comment TEXT NOT NULL,               -- the student's words, bounded and cleaned
            student TEXT,
            reported_at TEXT NOT NULL)""",
        "CREATE INDEX reports_by_node ON reports(scenario_id, content_hash, node_id)",
    ),
)

# The columns the store keeps as JSON, and those that hold UTC ISO times (the latest version's),
# which `tutor.store.check` proves before a file is restored and the store decodes one value at a time.
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "attempts": ("nodes",),
    "answers": ("response", "misconceptions", "corrected", "by_step"),
    "cards": ("card",),
    "reviews": ("card_before",),
}
TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "attempts": (
        "started_at",
        "finished_at",
        "abandoned_at",
        "last_answered_at",
        "writer_started_at",
        "writer_seen_at",
        "timed_out_at",
    ),
    "answers": ("answered_at",),
    "unanswered": ("closed_at",),
    "reports": ("reported_at",),
    "cards": ("due", "retired_at"),
    "reviews": ("answered_at", "reviewed_at"),
}

LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the file up to `target`; returns the version found. The caller checks for newer files.

    Runs under BEGIN IMMEDIATE and re-reads the version inside it, so two copies opening
    a fresh file at once migrate it once.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = version(conn)
        for number in range(found + 1, target + 1):
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
        if target > found:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
