"""What the record says about the student: scores per scenario, weak steps, misconceptions, trend.

Each figure is one GROUP BY over the store, so a stats screen stays instant however
long the history grows (bench/bench_store.py measures it against a bare GROUP BY).
Accuracy is the share of answers with full marks, the measure a student reads as
"you miss clearly-established questions 60% of the time".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tutor.store.progress import ProgressStore

FULL = 1e-9  # earned >= possible - FULL counts as full marks, as in the engine
TREND_DAYS = 14
TOP_MISCONCEPTIONS = 5


@dataclass(frozen=True)
class ScenarioStats:
    scenario_id: str
    attempts: int  # whole-tree attempts (play), finished or not
    finished: int
    best: float | None  # share of the points, over finished attempts
    latest: float | None
    last_played: str | None  # UTC ISO time of the latest answer, any purpose


class _Counted:
    """Accuracy for a row that counts answers and full marks."""

    answered: int
    full_marks: int

    @property
    def accuracy(self) -> float:
        return self.full_marks / self.answered if self.answered else 0.0

    @property
    def miss_rate(self) -> float:
        return 1.0 - self.accuracy


@dataclass(frozen=True)
class StepStats(_Counted):
    step: str
    label: str
    answered: int
    full_marks: int
    earned: float
    possible: float


@dataclass(frozen=True)
class MisconceptionStats:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class TrendPoint(_Counted):
    day: str  # YYYY-MM-DD, UTC
    answered: int
    full_marks: int


@dataclass
class Stats:
    answers: int = 0
    scenarios: list[ScenarioStats] = field(default_factory=list)
    steps: list[StepStats] = field(default_factory=list)  # in the order a court walks the steps
    misconceptions: list[MisconceptionStats] = field(default_factory=list)  # most hit first
    trend: list[TrendPoint] = field(default_factory=list)  # the last active days, oldest first

    @property
    def empty(self) -> bool:
        return self.answers == 0

    def weakest(self) -> StepStats | None:
        """The step missed most often (ties: the one answered more), among steps with a miss."""
        missed = [s for s in self.steps if s.full_marks < s.answered]
        return max(missed, key=lambda s: (s.miss_rate, s.answered), default=None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for row, step in zip(data["steps"], self.steps):
            row["accuracy"] = round(step.accuracy, 4)
        for row, point in zip(data["trend"], self.trend):
            row["accuracy"] = round(point.accuracy, 4)
        return data


def _scenarios(store: ProgressStore) -> list[ScenarioStats]:
    rows = store.rows(
        "SELECT t.id, t.scenario_id, t.purpose, t.finished_at, SUM(a.earned) AS earned, SUM(a.possible) AS possible,"
        " MAX(a.answered_at) AS last FROM attempts AS t LEFT JOIN answers AS a ON a.attempt_id = t.id"
        " GROUP BY t.id ORDER BY t.id")
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = found.setdefault(row["scenario_id"], {"attempts": 0, "scores": [], "last": None})
        if row["last"] and (entry["last"] is None or row["last"] > entry["last"]):
            entry["last"] = row["last"]
        if row["purpose"] != "play":
            continue
        entry["attempts"] += 1
        if row["finished_at"] and row["possible"]:
            entry["scores"].append(row["earned"] / row["possible"])
    return [ScenarioStats(sid, e["attempts"], len(e["scores"]), max(e["scores"], default=None),
                          e["scores"][-1] if e["scores"] else None, e["last"]) for sid, e in sorted(found.items())]


def _steps(store: ProgressStore) -> list[StepStats]:
    from tutor.scenario.model import STEP_LABELS, STEPS

    rows = store.rows(
        "SELECT step, COUNT(*) AS answered, SUM(earned >= possible - ?) AS full, SUM(earned) AS earned,"
        " SUM(possible) AS possible FROM answer_steps WHERE possible > 0 GROUP BY step", (FULL,))
    order = {step: index for index, step in enumerate(STEPS)}
    rows = sorted(rows, key=lambda r: (order.get(r["step"], len(order)), r["step"]))
    return [StepStats(r["step"], STEP_LABELS.get(r["step"], r["step"]), r["answered"], r["full"], r["earned"],
                      r["possible"]) for r in rows]


def compute(store: ProgressStore, labels: Mapping[str, str] | None = None) -> Stats:
    """Everything the stats screen shows. `labels` maps misconception keys to their labels."""
    labels = labels or {}
    total = store.rows("SELECT COUNT(*) AS n FROM answers")
    if not total or total[0]["n"] == 0:
        return Stats()
    hits = store.rows(
        "SELECT j.value AS key, COUNT(*) AS n FROM answers AS a, json_each(a.misconceptions) AS j"
        " WHERE a.misconceptions != '[]' GROUP BY j.value ORDER BY n DESC, key LIMIT ?", (TOP_MISCONCEPTIONS,))
    days = store.rows(
        "SELECT substr(answered_at, 1, 10) AS day, COUNT(*) AS n, SUM(full_marks) AS full FROM answers"
        " WHERE possible > 0 GROUP BY day ORDER BY day DESC LIMIT ?", (TREND_DAYS,))
    return Stats(
        answers=total[0]["n"],
        scenarios=_scenarios(store),
        steps=_steps(store),
        misconceptions=[MisconceptionStats(h["key"], labels.get(h["key"], h["key"]), h["n"]) for h in hits],
        trend=[TrendPoint(d["day"], d["n"], d["full"]) for d in reversed(days)],
    )
