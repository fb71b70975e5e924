"""The Sigley scenarios cannot be passed by test-taking: length and position carry no answer.

Two measures over the one-answer questions of both Sigley scenarios (issue 10): how often
the right choice is the longest, and the median of its length over the mean length of
its distractors; no position holds the right answer in more than half. Strategies that
know no law are played for every scenario of the bank in `tests/scenario/test_strategies.py`.
The grids are the one place a constant answer can be right: Sigley's court found the
threat disputed on both halves, so "every row disputed" meets the two scored rows. That
is the law of this posture (the court decides genuineness on a final judgment), and no
row is changed to beat the strategy; the strategy still earns under 40% overall.
"""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO, walk_courts_path
from tests.scenario.test_strategies import disputed, play
from tutor.engine.session import court_path
from tutor.scenario.load import load_scenario
from tutor.scenario.model import Choice, ChoiceNode, EndNode, Scenario

SIGLEY = [REPO / "scenarios" / "sigley-mockler.yaml", REPO / "scenarios" / "sigley-city.yaml"]


def _length(choice: Choice) -> int:
    return len(" ".join(choice.text.split()))


def one_answer_nodes() -> list[ChoiceNode]:
    nodes = []
    for path in SIGLEY:
        scenario = load_scenario(path)[0]
        nodes += [n for n in scenario.nodes.values() if isinstance(n, ChoiceNode) and n.select == "one"]
    return nodes


def _right_index(node: ChoiceNode) -> int:
    return next(i for i, c in enumerate(node.choices) if c.correct)


def test_the_right_choice_is_the_longest_in_at_most_35_percent_of_questions() -> None:
    nodes = one_answer_nodes()
    longest = [n for n in nodes if _length(n.choices[_right_index(n)]) >= max(_length(c) for c in n.choices)]
    assert len(longest) / len(nodes) <= 0.35, [n.title for n in longest]


def test_the_right_choice_is_at_most_1_2_times_its_distractors_at_the_median() -> None:
    ratios = []
    for node in one_answer_nodes():
        right = _right_index(node)
        others = [_length(c) for i, c in enumerate(node.choices) if i != right]
        ratios.append(_length(node.choices[right]) / statistics.mean(others))
    assert statistics.median(ratios) <= 1.2


def test_no_position_holds_the_right_choice_in_more_than_half_of_questions() -> None:
    nodes = one_answer_nodes()
    positions = Counter(_right_index(n) + 1 for n in nodes)
    last = sum(1 for n in nodes if _right_index(n) == len(n.choices) - 1)
    assert max(positions.values()) <= len(nodes) / 2, positions
    assert last <= len(nodes) / 2


# --- a constant grid answer the law makes right (the strategies: tests/scenario/test_strategies.py)


def court_score(scenario: Scenario) -> float:
    questions = [scenario.nodes[n] for n in court_path(scenario)]
    return sum(node.points for node in questions if not isinstance(node, EndNode))


def test_every_scored_sigley_grid_row_is_disputed_because_the_court_found_it_so() -> None:
    """With the right choices, "every row disputed" earns the court's score on Mockler's grid.

    That is the law of this posture, not a cue: on de novo review of a final judgment the
    court decides whether the disputes are genuine, and it found the threat disputed on
    both halves. No row is changed to beat the strategy, which still earns under 40%.
    """

    def right(node: ChoiceNode, _seen: list[int]) -> list[str]:
        return [c.id for c in node.choices if c.correct]

    s = load_scenario(SIGLEY[0])[0]
    session = walk_courts_path(s)
    short_points = sum(o.earned for o in session.history if o.kind == "short")
    assert play(s, right, disputed) == pytest.approx(court_score(s) - short_points)


@pytest.mark.parametrize("path", SIGLEY, ids=lambda p: p.stem)
def test_the_courts_path_earns_everything(path: Path) -> None:
    """The baseline the strategies are measured against is reachable by the court's answers."""
    scenario = load_scenario(path)[0]
    assert walk_courts_path(scenario).summary().earned == pytest.approx(court_score(scenario))
