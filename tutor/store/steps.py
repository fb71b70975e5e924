"""Per step: how many answers reached it and how many had full marks on it, the one definition.

An answer is scored step by step (`Outcome.by_step`: a factors grid can weigh rows of
several steps), so a step is *answered* by every answer whose breakdown gives it points
to win (possible > 0), and has *full marks* there when the points won on that step are
full marks out of that step's points (`tutor.marks.full`). The stats screen, `qi-tutor
stats` and the Markdown export all count through `StepTally`, so they cannot disagree:
the stats feed it grouped rows from the store, an export its rows' `by_step`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tutor import marks


class Counted:
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
class StepStats(Counted):
    step: str
    label: str
    answered: int
    full_marks: int
    earned: float
    possible: float


class StepTally:
    """Answers and full marks per step, from (step, earned, possible) parts of answers."""

    def __init__(self) -> None:
        self._counts: dict[str, list[float]] = {}  # step -> [answered, full marks, earned, possible]

    def add(self, step: str, earned: float, possible: float, answers: int = 1) -> None:
        """`answers` answers that each earned `earned` of `possible` on `step`."""
        if possible <= 0:
            return  # nothing to win on this step: not an answer to it
        count = self._counts.setdefault(step, [0, 0, 0.0, 0.0])
        count[0] += answers
        count[1] += answers if marks.full(earned, possible) else 0
        count[2] += earned * answers
        count[3] += possible * answers

    def add_answer(self, by_step: Mapping[str, Sequence[float]]) -> None:
        """One answer's breakdown, {step: (earned, possible)}."""
        for step, (earned, possible) in by_step.items():
            self.add(step, earned, possible)

    def steps(self) -> list[StepStats]:
        """The steps answered, in the order a court walks them."""
        from tutor.scenario.model import STEP_LABELS, step_rank

        return [
            StepStats(step, STEP_LABELS.get(step, step), int(n), int(full), earned, possible)
            for step, (n, full, earned, possible) in sorted(
                self._counts.items(), key=lambda item: (step_rank(item[0]), item[0])
            )
        ]


def tally(parts: Iterable[tuple[str, float, float, int]]) -> list[StepStats]:
    """The steps from (step, earned, possible, answers) groups."""
    counted = StepTally()
    for step, earned, possible, answers in parts:
        counted.add(step, earned, possible, answers)
    return counted.steps()
