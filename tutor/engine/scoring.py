"""The scoring rules. The engine owns them; the UI, stats and review only read results.

- `choice`, select one: the chosen choice's `points` if set, else all the node's
  points when it is correct and none when it is not.
- `choice`, select many: each correct pick earns points / (number of correct
  choices); each wrong pick costs the same; never below zero. Full marks means every
  correct choice and no wrong one.
- `factors`: only rows the court weighed score, each an equal share of the node's
  points; rows marked `court_weighed: false` are practice and score nothing. A node
  with no weighed row is practice only (0 of 0).
- `short`: each rubric item is met when the answer contains any of its phrases in
  the item's polarity (`tutor.engine.rubric`); the node earns the share of rubric
  points met. An answer meeting a contradiction, or longer than the node's
  `max_words`, earns no automatic marks and carries a note: the student marks it.
  The student may then correct the mark; both marks are kept.
- Hints never cost points: they are recorded, and spaced review treats a hinted
  answer as Hard at best.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tutor import marks
from tutor.engine.rubric import mark
from tutor.scenario.model import ChoiceNode, FactorsNode, ShortNode


@dataclass(frozen=True)
class NodeScore:
    earned: float
    possible: float
    # Per choice / row / rubric item: was the student right on it?
    detail: Mapping[str, bool]
    # Per step, for factor rows that count under their own Graham step: (earned, possible).
    by_step: Mapping[str, tuple[float, float]]
    # Short answers: why the automatic mark is none and the student marks it (a contradiction, the length).
    note: str | None = None

    @property
    def full_marks(self) -> bool:
        return marks.full(self.earned, self.possible)


def _choice(node: ChoiceNode, selected: Sequence[str]) -> NodeScore:
    chosen = set(selected)
    if node.select == "one":
        (pick,) = (c for c in node.choices if c.id in chosen)
        earned = pick.points if pick.points is not None else (node.points if pick.correct else 0.0)
        earned = min(earned, node.points)
    else:
        correct = [c for c in node.choices if c.correct]
        share = node.points / len(correct)
        hits = sum(1 for c in correct if c.id in chosen)
        wrong = sum(1 for c in node.choices if c.id in chosen and not c.correct)
        earned = max(0.0, share * (hits - wrong))
    detail = {c.id: (c.id in chosen) == c.correct for c in node.choices}
    return NodeScore(earned, node.points, detail, {node.step: (earned, node.points)})


def _factors(node: FactorsNode, answers: Mapping[str, str]) -> NodeScore:
    weighed = [f for f in node.factors if f.court_weighed]
    share = node.points / len(weighed) if weighed else 0.0
    detail = {f.id: answers.get(f.id) == f.answer for f in node.factors}
    by_step: dict[str, tuple[float, float]] = {}
    for factor in weighed:
        step = factor.step or node.step
        earned, possible = by_step.get(step, (0.0, 0.0))
        by_step[step] = (earned + (share if detail[factor.id] else 0.0), possible + share)
    earned = sum(e for e, _ in by_step.values())
    return NodeScore(earned, share * len(weighed), detail, by_step)


def short_earned(node: ShortNode, met: Mapping[str, bool]) -> float:
    """The node's points in proportion to the rubric points met."""
    total = sum(item.points for item in node.rubric)
    got = sum(item.points for item in node.rubric if met.get(item.id))
    return node.points * got / total


def _short(node: ShortNode, text: str) -> NodeScore:
    marking = mark(node, text)
    earned = short_earned(node, marking.met) if marking.markable else 0.0
    return NodeScore(earned, node.points, marking.met, {node.step: (earned, node.points)}, marking.note)


def score_node(node: ChoiceNode | FactorsNode | ShortNode, response: object) -> NodeScore:
    """Score a response already checked by `Session.answer` for its shape."""
    if isinstance(node, ChoiceNode):
        return _choice(node, response)  # type: ignore[arg-type]
    if isinstance(node, FactorsNode):
        return _factors(node, response)  # type: ignore[arg-type]
    return _short(node, response)  # type: ignore[arg-type]
