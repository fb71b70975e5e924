"""What a class costs over the bare minimum, as ratios measured in the same run.

1. `qi-tutor report` over a class's CSV exports (every field type-checked, first tries
   kept) against a bare `csv.reader` + `collections.Counter` pass over the same files,
   at 100,000 and 1,000,000 answers; each side runs in a fresh process, whose peak
   memory (ru_maxrss) is reported too.
2. `lrs.send` of 10,000 statements to Ralph's LRS (on 127.0.0.1, file-system
   backend, as in tests/lrs) against a bare urllib POST of the same batches to the
   same server; each round posts to a fresh LRS user, so neither side meets the
   other's statements.

Rounds interleave the two sides (A, B, A, B, ...) so drift in the machine hits both;
each figure is the median over rounds.

    .venv/bin/python bench/bench_class.py [--rounds 3] [--answers 100000 1000000] [--statements 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tutor.store import export, lrs, xapi  # noqa: E402
from tutor.store.progress import ProgressStore  # noqa: E402

PER_STUDENT = 1000  # answers in each student's file
NODES = [("whose-facts", "choice"), ("graham", "factors"), ("claims", "choice"), ("state-right", "short")]


def _row(student: int, seq: int, rng: random.Random) -> dict[str, Any]:
    node_id, kind = NODES[seq % len(NODES)]
    answer: Any = {
        "choice": [rng.choice(["plaintiff", "both", "officer"])],
        "factors": {"threat": rng.choice(["plaintiff", "officer"]), "flight": "plaintiff"},
        "short": "unarmed and nondangerous",
    }[kind]
    shown = ["plaintiff", "both", "officer"]
    rng.shuffle(shown)
    return {
        "format": export.FORMAT,
        "student": f"Student {student:05d}",
        "scenario_id": "mini-roe",
        "content_hash": "h",
        "attempt_id": seq // len(NODES),
        "attempt_uuid": f"{student:08d}-0000-4000-8000-{seq // len(NODES):012d}",
        "seed": 1000 * student + seq // len(NODES),
        "tool_version": "0.0",
        "mode": "tutor",
        "purpose": "play",
        "seq": seq % len(NODES),
        "node_id": node_id,
        "step": "facts-standard",
        "kind": kind,
        "answer": answer,
        "chosen": [f"The text of choice {choice}" for choice in answer] if kind == "choice" else None,
        "shown": shown if kind == "choice" else None,
        "earned": 1.0,
        "possible": 1.0,
        "by_step": {"facts-standard": [1.0, 1.0]},
        "full_marks": rng.random() < 0.6,
        "auto_earned": 1.0,
        "corrected": None,
        "corrected_at": None,
        "misconceptions": ["officer-version-controls"] if rng.random() < 0.3 else [],
        "hints_used": 0,
        "agreed": None,
        "started_at": "2026-09-01T09:00:00.000+00:00",
        "answered_at": f"2026-09-01T09:{seq // 1000 % 60:02d}:{seq // 10 % 60:02d}.{seq % 1000:03d}+00:00",
        "finished_at": None,
    }


def write_class(folder: Path, answers: int) -> list[Path]:
    rng = random.Random(1)
    paths = []
    for student in range(max(1, answers // PER_STUDENT)):
        path = folder / f"{student:05d}.csv"
        path.write_text(export.to_csv(_row(student, seq, rng) for seq in range(PER_STUDENT)), encoding="utf-8")
        paths.append(path)
    return paths


# --- the two sides of the report, each run in a child process ----------------------------------------


def child_report(paths: list[Path]) -> int:
    from tutor.store import report

    problems: list[str] = []
    built = report.build(report.read_exports(paths, problems))
    assert not problems, problems[:3]
    return sum(n.students for v in built.versions for n in v.nodes)


def child_bare(paths: list[Path]) -> int:
    counts: Counter[tuple[str, str, str]] = Counter()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            node, full, student = header.index("node_id"), header.index("full_marks"), header.index("student")
            for cells in reader:
                counts[(cells[student], cells[node], cells[full])] += 1
    return len(counts)


def run_child(side: str, folder: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one side in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", side, str(folder)], capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(out)
    return data["seconds"], data["peak_mb"]


# --- sending ----------------------------------------------------------------------------------------------


class Ralph:
    """Ralph's LRS as tests/lrs runs it, with `users` fresh users."""

    def __init__(self, home: Path, users: int) -> None:
        import bcrypt

        self.home, self.password = home, "bench"
        hashed = bcrypt.hashpw(self.password.encode(), bcrypt.gensalt(rounds=4)).decode()
        self.users = [f"u{i}" for i in range(users)]
        auth = [
            {"agent": {"mbox": f"mailto:{u}@x.example"}, "scopes": ["all"], "hash": hashed, "username": u, "target": u}
            for u in self.users
        ]
        (home / "data").mkdir(parents=True)
        for user in self.users:
            (home / "data" / user).mkdir()
        (home / "auth.json").write_text(json.dumps(auth))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(home / "app"),
            "RALPH_AUTH_FILE": str(home / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "PYTHONPATH": str(REPO),
        }
        self.log = (home / "server.log").open("wb")
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.lrs.ralph_server", "runserver", "-b", "fs"),
                *("--fs-default-directory-path", str(home / "data"), "-h", "127.0.0.1", "-p", str(self.port)),
            ],
            env=env,
            cwd=home,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("ralph did not start")

    def endpoint(self) -> tuple[str, str]:
        return f"http://127.0.0.1:{self.port}/xAPI/statements", f"{self.users.pop(0)}:{self.password}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


def statements_for(count: int, folder: Path) -> tuple[ProgressStore, list[dict[str, Any]]]:
    rng = random.Random(2)
    store = ProgressStore(folder / "progress.sqlite3")
    with store.write() as conn:
        conn.execute("SELECT 1")  # creates the file at the current schema
    rows = [_row(0, seq, rng) for seq in range(count)]
    return store, list(xapi.statements(rows, xapi.Learner("https://law.school.example")))


def bare_post(endpoint: str, credentials: str, statements: list[dict[str, Any]]) -> None:
    import base64

    auth = "Basic " + base64.b64encode(credentials.encode()).decode()
    for start in range(0, len(statements), lrs.BATCH):
        body = json.dumps(statements[start : start + lrs.BATCH]).encode()
        request = urllib.request.Request(
            endpoint,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", "Authorization": auth},
        )
        urllib.request.urlopen(request, timeout=60).close()


def bench_send(count: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        ralph = Ralph(Path(temp) / "ralph", users=2 * rounds)
        try:
            ours, bare = [], []
            for index in range(rounds):
                folder = Path(temp) / f"s{index}"
                folder.mkdir()
                store, statements = statements_for(count, folder)
                endpoint, credentials = ralph.endpoint()
                started = time.perf_counter()
                lrs.send(store, lrs.Client(endpoint, credentials), statements)
                ours.append(time.perf_counter() - started)
                store.close()
                endpoint, credentials = ralph.endpoint()
                started = time.perf_counter()
                bare_post(endpoint, credentials, statements)
                bare.append(time.perf_counter() - started)
        finally:
            ralph.stop()
    a, b = statistics.median(ours), statistics.median(bare)
    print(f"send {count:,} statements: lrs.send {a:.2f} s, bare batch POST {b:.2f} s, ratio {a / b:.2f}x")


def bench_report(answers: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_class(folder, answers)
        ours, bare = [], []
        for _ in range(rounds):
            ours.append(run_child("report", folder))
            bare.append(run_child("bare", folder))
    a, b = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in bare)
    peak_a, peak_b = max(m for _, m in ours), max(m for _, m in bare)
    print(
        f"report over {answers:,} answers: {a:.2f} s (peak {peak_a:.0f} MB), bare csv + Counter {b:.2f} s "
        f"(peak {peak_b:.0f} MB), ratio {a / b:.2f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--answers", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--child", nargs=2, metavar=("SIDE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, folder = args.child
        paths = sorted(Path(folder).glob("*.csv"))
        started = time.perf_counter()
        (child_report if side == "report" else child_bare)(paths)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_kb / 1024}))
        return 0
    for answers in args.answers:
        bench_report(answers, args.rounds)
    if args.statements:
        bench_send(args.statements, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
