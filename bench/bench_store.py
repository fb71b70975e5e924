"""What the progress store costs over bare SQLite, as ratios measured in the same run.

1. Recording one answer (`ProgressStore.record_answer`: an IMMEDIATE transaction, the
   seq lookup, the answer row and its per-step rows, one commit, then the WAL
   checkpoint that keeps the main file whole) against a bare INSERT + COMMIT of one
   row, both in WAL with synchronous=FULL on the same disk. The checkpoint's own share
   is shown by a bare INSERT + COMMIT + `wal_checkpoint(PASSIVE)` against the bare one.
2. `stats.compute` over 100,000 stored answers against a bare
   `SELECT step, COUNT(*), SUM(full_marks) FROM answers GROUP BY step` over the same rows.

Rounds interleave the two sides (A, B, A, B, ...) so drift in the machine hits both;
each figure is the median over rounds of that round's per-operation mean.

    .venv/bin/python bench/bench_store.py [--rounds 9] [--answers 100000]
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tutor.engine.session import Session  # noqa: E402
from tutor.scenario.load import load_scenario  # noqa: E402
from tutor.store import stats  # noqa: E402
from tutor.store.progress import ProgressStore  # noqa: E402

MINI = REPO / "tests" / "data" / "bank" / "mini.yaml"
WALKS = [  # two walks through the fixture: one right, one with wrong turns
    {
        "whose-facts": ["plaintiff"],
        "graham": {"severity": "neutral", "threat": "plaintiff", "flight": "plaintiff"},
        "claims": ["no-threat", "right"],
        "state-right": "unarmed nondangerous shot",
        "today": ["either"],
    },
    {
        "whose-facts": ["both"],
        "graham": {"severity": "neutral", "threat": "officer", "flight": "plaintiff"},
        "claims": ["no-threat", "liable"],
        "state-right": "a right",
        "today": ["must"],
    },
]


def outcomes(scenario):
    found = []
    for walk in WALKS:
        session = Session(scenario)
        while not session.finished:
            found.append(session.answer(walk[session.current_id]))
    return found


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, node TEXT, earned REAL, answered_at TEXT)")
    return conn


def per_op(action, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        action()
    return (time.perf_counter() - start) / count


def interleaved(a, b, rounds: int, count: int) -> tuple[float, float, float]:
    """Median per-op seconds of a and of b, and the median of the per-round ratios a/b."""
    times_a, times_b, ratios = [], [], []
    for _ in range(rounds):
        ta, tb = per_op(a, count), per_op(b, count)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def bench_record(folder: Path, samples, rounds: int) -> dict:
    store = ProgressStore(folder / "record" / "progress.sqlite3")
    attempt = store.start_attempt("mini-roe", "h", "tutor")
    bare = bare_connection(folder / "bare.sqlite3")
    cycle = iter(range(10**9))

    def record() -> None:
        store.record_answer(attempt, samples[next(cycle) % len(samples)])

    def insert() -> None:
        bare.execute("BEGIN")
        bare.execute(
            "INSERT INTO t (node, earned, answered_at) VALUES (?, ?, ?)", ("graham", 0.5, "2026-01-01T00:00:00")
        )
        bare.execute("COMMIT")

    def insert_checkpoint() -> None:
        insert()
        bare.execute("PRAGMA wal_checkpoint(PASSIVE)")

    store_s, bare_s, ratio = interleaved(record, insert, rounds, 300)
    checkpoint_s, _, checkpoint_ratio = interleaved(insert_checkpoint, insert, rounds, 300)
    store.close()
    return {
        "record_answer_us": store_s * 1e6,
        "bare_insert_commit_us": bare_s * 1e6,
        "ratio": ratio,
        "bare_with_checkpoint_us": checkpoint_s * 1e6,
        "checkpoint_ratio": checkpoint_ratio,
    }


def fill(store: ProgressStore, samples, answers: int) -> None:
    """`answers` rows exactly as record_answer writes them, in one transaction (filling is not measured)."""
    per_attempt = len(samples) // len(WALKS)
    with store.write() as conn:
        for index in range(answers // per_attempt):
            day = f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}T10:00:00+00:00"
            walk = samples[(index % len(WALKS)) * per_attempt :][:per_attempt]
            attempt = conn.execute(
                "INSERT INTO attempts (scenario_id, content_hash, mode, purpose, tool_version,"
                " started_at, finished_at, earned, possible, last_answered_at)"
                " VALUES (?, 'h', 'tutor', 'play', 'bench', ?, ?, ?, ?, ?)",
                (f"scenario-{index % 20}", day, day, sum(o.earned for o in walk), sum(o.possible for o in walk), day),
            ).lastrowid
            for seq, o in enumerate(walk):
                answer = conn.execute(
                    "INSERT INTO answers (attempt_id, seq, node_id, step, kind, response, earned, possible,"
                    " auto_earned, full_marks, agreed, misconceptions, hints_used, corrected, by_step, answered_at,"
                    " seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 0, NULL, ?, ?, ?)",
                    (
                        attempt,
                        seq,
                        o.node_id,
                        o.step,
                        o.kind,
                        json.dumps(o.response),
                        o.earned,
                        o.possible,
                        o.auto_earned,
                        int(o.full_marks),
                        json.dumps(list(o.misconceptions)),
                        json.dumps({k: list(v) for k, v in o.by_step.items()}),
                        day,
                        10.0 + 7 * seq,  # every answer timed, as from migration 8: stats' time figures read them all
                    ),
                ).lastrowid
                conn.executemany(
                    "INSERT INTO answer_steps VALUES (?, ?, ?, ?)",
                    [(answer, step, e, p) for step, (e, p) in o.by_step.items()],
                )


def bench_stats(folder: Path, samples, answers: int, rounds: int) -> dict:
    store = ProgressStore(folder / "stats" / "progress.sqlite3")
    fill(store, samples, answers)
    conn = store.connection(create=False)
    stored = conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]  # type: ignore[union-attr]

    def compute() -> None:
        stats.compute(store)

    def group_by() -> None:
        conn.execute("SELECT step, COUNT(*), SUM(full_marks) FROM answers GROUP BY step").fetchall()  # type: ignore[union-attr]

    compute()  # warm the page cache for both sides alike
    store_s, bare_s, ratio = interleaved(compute, group_by, rounds, 3)
    store.close()
    return {"answers": stored, "stats_compute_ms": store_s * 1e3, "bare_group_by_ms": bare_s * 1e3, "ratio": ratio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    samples = outcomes(load_scenario(MINI)[0])
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        record = bench_record(Path(tmp), samples, args.rounds)
        summary = bench_stats(Path(tmp), samples, args.answers, args.rounds)
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {args.rounds} interleaved rounds")
    print(
        f"record_answer   {record['record_answer_us']:8.1f} us"
        f"   bare INSERT+COMMIT {record['bare_insert_commit_us']:8.1f} us"
        f"   ratio {record['ratio']:.2f}x  (WAL, synchronous=FULL, checkpoint after each commit)"
    )
    print(
        f"bare + checkpoint {record['bare_with_checkpoint_us']:6.1f} us   bare INSERT+COMMIT"
        f"   ratio {record['checkpoint_ratio']:.2f}x  (what the checkpoint alone costs)"
    )
    print(
        f"stats.compute   {summary['stats_compute_ms']:8.1f} ms"
        f"   bare GROUP BY      {summary['bare_group_by_ms']:8.1f} ms"
        f"   ratio {summary['ratio']:.2f}x  ({summary['answers']:,} answers)"
    )


if __name__ == "__main__":
    main()
