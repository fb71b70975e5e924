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
from tutor.store.steps import Counted, StepStats, tally
from tutor.store.values import BadValue, answer_place

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


@dataclass(frozen=True)
class StepTime:
    """Time on screen for one step's questions, over the answers whose time was measured."""

    step: str
    label: str
    timed: int
    seconds: float

    @property
    def mean(self) -> float:
        return self.seconds / self.timed if self.timed else 0.0


@dataclass(frozen=True)
class MisconceptionStats:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class TrendPoint(Counted):
    day: str  # YYYY-MM-DD, UTC
    answered: int
    full_marks: int


@dataclass
class Stats:
    answers: int = 0
    scenarios: list[ScenarioStats] = field(default_factory=list)
    steps: list[StepStats] = field(default_factory=list)  # in the order a court walks the steps
    misconceptions: list[MisconceptionStats] = field(default_factory=list)  # most hit first, the top few
    misconceptions_hit: int = 0  # how many misconceptions were hit in all, so a cut list can say "5 of 7"
    trend: list[TrendPoint] = field(default_factory=list)  # the last active days, oldest first
    times: list[StepTime] = field(default_factory=list)  # in the order a court walks the steps
    unanswered: int = 0  # questions timed exams left open when their time ran out
    timed_out: int = 0  # timed exams whose time ran out

    @property
    def empty(self) -> bool:
        return self.answers == 0

    def weakest(self) -> StepStats | None:
        """The step missed most often (ties: the one answered more), among steps with a miss."""
        missed = [s for s in self.steps if s.full_marks < s.answered]
        return max(missed, key=lambda s: (s.miss_rate, s.answered), default=None)

    def slowest(self) -> StepTime | None:
        """The step whose questions take longest on average (ties: the one timed more)."""
        return max(self.times, key=lambda t: (t.mean, t.timed), default=None)

    def misconceptions_cut(self) -> str | None:
        """ "5 of 7" when the list keeps only the most hit misconceptions; None when it shows them all."""
        shown = len(self.misconceptions)
        return f"{shown} of {self.misconceptions_hit}" if shown < self.misconceptions_hit else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for row, time in zip(data["times"], self.times, strict=True):
            row["mean_seconds"] = round(time.mean, 1)
        for row, step in zip(data["steps"], self.steps, strict=True):
            row["accuracy"] = round(step.accuracy, 4)
        for row, point in zip(data["trend"], self.trend, strict=True):
            row["accuracy"] = round(point.accuracy, 4)
        return data


def _scenarios(store: ProgressStore) -> list[ScenarioStats]:
    # Scores come from each attempt's running total: no pass over the answers table.
    scored = "purpose = 'play' AND finished_at IS NOT NULL AND possible > 0"
    rows = store.rows(
        f"SELECT scenario_id, SUM(purpose = 'play') AS attempts, SUM({scored}) AS finished,"
        f" MAX(CASE WHEN {scored} THEN earned / possible END) AS best, MAX(last_answered_at) AS last"
        " FROM attempts GROUP BY scenario_id ORDER BY scenario_id"
    )
    latest = {
        r["scenario_id"]: r["score"]
        for r in store.rows(
            "SELECT scenario_id, earned / possible AS score FROM attempts WHERE id IN"
            f" (SELECT MAX(id) FROM attempts WHERE {scored} GROUP BY scenario_id)"
        )
    }
    return [
        ScenarioStats(
            r["scenario_id"], r["attempts"], r["finished"], r["best"], latest.get(r["scenario_id"]), r["last"]
        )
        for r in rows
    ]


def _steps(store: ProgressStore) -> list[StepStats]:
    # Grouped by the points themselves (the covering index answer_steps_by_step hands the groups over in
    # order), so `tutor.store.steps` judges full marks and an export's rows are counted the same way.
    rows = store.rows("SELECT step, earned, possible, COUNT(*) AS n FROM answer_steps GROUP BY step, earned, possible")
    return tally((r["step"], r["earned"], r["possible"], r["n"]) for r in rows)


def _times(store: ProgressStore) -> list[StepTime]:
    from tutor.scenario.model import STEP_LABELS, step_rank

    rows = store.rows(
        "SELECT step, COUNT(*) AS timed, SUM(seconds) AS seconds FROM answers WHERE seconds IS NOT NULL GROUP BY step"
    )
    rows = sorted(rows, key=lambda r: (step_rank(r["step"]), r["step"]))
    return [StepTime(r["step"], STEP_LABELS.get(r["step"], r["step"]), r["timed"], r["seconds"]) for r in rows]


def _trend(store: ProgressStore) -> list[Any]:
    """Answers and full marks per day over the last TREND_DAYS days with answers.

    The days are found by index seeks, newest first, so only their answers are read,
    however long the history (answered_at is UTC ISO, so its first ten characters are the day).
    """
    oldest = None
    for _ in range(TREND_DAYS):
        before = store.rows(
            "SELECT MAX(answered_at) AS at FROM answers" + (" WHERE answered_at < ?" if oldest else ""),
            (oldest,) if oldest else (),
        )
        if not before or before[0]["at"] is None:
            break
        oldest = before[0]["at"][:10]
    return store.rows(
        "SELECT substr(answered_at, 1, 10) AS day, COUNT(*) AS n, SUM(full_marks) AS full FROM answers"
        " WHERE answered_at >= ? AND possible > 0 GROUP BY day ORDER BY day",
        (oldest or "",),
    )


def compute(store: ProgressStore, labels: Mapping[str, str] | None = None) -> Stats:
    """Everything the stats screen shows. `labels` maps misconception keys to their labels."""
    labels = labels or {}
    total = store.rows("SELECT COUNT(*) AS n FROM answers")
    if not total or total[0]["n"] == 0:
        return Stats()
    hits = store.rows(
        "SELECT j.value AS key, COUNT(*) AS n FROM answers AS a, json_each(a.misconceptions) AS j"
        " WHERE a.misconceptions != '[]' AND json_valid(a.misconceptions)"  # one bad value must not stop stats
        " GROUP BY j.value ORDER BY n DESC, key LIMIT ?",
        (TOP_MISCONCEPTIONS,),
    )
    hit = store.rows(
        "SELECT COUNT(DISTINCT j.value) AS n FROM answers AS a, json_each(a.misconceptions) AS j"
        " WHERE a.misconceptions != '[]' AND json_valid(a.misconceptions)"
    )
    for bad in store.rows(  # the partial index answers_missed holds every row this reads
        "SELECT attempt_id, seq FROM answers WHERE misconceptions != '[]' AND NOT json_valid(misconceptions)"
    ):
        store.warn(
            BadValue(f"{answer_place(bad['attempt_id'], bad['seq'])}: its misconceptions is not JSON"),
            "that answer's misconceptions are not counted",
        )
    days = _trend(store)
    closed = store.rows(
        "SELECT (SELECT COUNT(*) FROM unanswered) AS unanswered,"
        " (SELECT COUNT(*) FROM attempts WHERE timed_out_at IS NOT NULL) AS timed_out"
    )[0]
    return Stats(
        answers=total[0]["n"],
        scenarios=_scenarios(store),
        steps=_steps(store),
        misconceptions=[MisconceptionStats(h["key"], labels.get(h["key"], h["key"]), h["n"]) for h in hits],
        misconceptions_hit=hit[0]["n"] if hit else 0,
        trend=[TrendPoint(d["day"], d["n"], d["full"]) for d in days],
        times=_times(store),
        unanswered=closed["unanswered"],
        timed_out=closed["timed_out"],
    )
