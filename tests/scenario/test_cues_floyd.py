"""The Floyd scenarios cannot be passed by test-taking: length and position do not tell.

Issue 10 measured the shipped bank: the right choice was the longest in 45 of 50
one-answer questions, and "always the longest" earned 71-86% of the court's-path score.
These tests hold the Floyd scenarios to the targets its distractor rewrite set: over
their one-answer `choice` nodes, the right choice is the longest in at most 35% and the
median of (right length / mean distractor length, in characters) is at most 1.2; no
position holds the right choice in more than half of a scenario's one-answer nodes; and
strategies that know no law, played through the real engine with choices in file order,
earn under 40% of the court's-path score (for every scenario of the bank, in
`tests/scenario/test_strategies.py`); here, why "every row the scale's first option"
is the law in Floyd rather than a cue.
"""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from tests.conftest import REPO, walk_courts_path
from tests.scenario.test_strategies import court_score, play, scale_first
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode, Scenario

FLOYD = ["floyd-city", "floyd-quaine", "floyd-reynoso"]


def scenario(name: str) -> Scenario:
    loaded, _ = load_scenario(REPO / "scenarios" / f"{name}.yaml")
    assert loaded is not None
    return loaded


def one_answer(s: Scenario) -> list[ChoiceNode]:
    return [n for n in s.nodes.values() if isinstance(n, ChoiceNode) and n.select == "one"]


def right_is_longest(node: ChoiceNode) -> bool:
    """The right choice is strictly the longest (a tie tells a student nothing)."""
    right = next(c for c in node.choices if c.correct)
    return all(len(right.text) > len(c.text) for c in node.choices if not c.correct)


def length_ratio(node: ChoiceNode) -> float:
    right = next(c for c in node.choices if c.correct)
    return len(right.text) / statistics.mean(len(c.text) for c in node.choices if not c.correct)


def right_position(node: ChoiceNode) -> int:
    return [c.correct for c in node.choices].index(True) + 1


def test_the_right_choice_is_seldom_the_longest_and_not_much_longer() -> None:
    nodes = [n for name in FLOYD for n in one_answer(scenario(name))]
    assert len(nodes) >= 30
    longest = sum(right_is_longest(n) for n in nodes) / len(nodes)
    median = statistics.median(length_ratio(n) for n in nodes)
    assert longest <= 0.35, f"the right choice is the longest in {longest:.0%} of one-answer questions"
    assert median <= 1.2, f"median length ratio {median:.2f}"


@pytest.mark.parametrize("name", FLOYD)
def test_no_position_holds_the_right_choice_in_more_than_half(name: str) -> None:
    places = Counter(right_position(n) for n in one_answer(scenario(name)))
    total = sum(places.values())
    assert max(places.values()) / total <= 0.5, f"{name}: right answers by position {dict(places)}"
    assert len(places) >= 3, f"{name}: the right choice sits in only {sorted(places)}"


# --- a constant grid answer the law makes right (the strategies: tests/scenario/test_strategies.py)


def test_every_scored_floyd_grid_row_favours_the_plaintiff_because_the_posture_says_so() -> None:
    """With the right choices, "every row the scale's first option" earns the court's score.

    That is the law, not a cue: on an interlocutory appeal the court takes Floyd's facts
    (Johnson v. Jones; "this requires that we adopt the plaintiff's version of the
    facts"), so every row it weighed favours the plaintiff. The rows that would answer
    otherwise (severity: the officers') are practice. The test also shows the player
    reaches full marks when its choices are right, so the strategies' low scores come
    from their choices alone.
    """

    def right(node: ChoiceNode, _seen: list[int]) -> list[str]:
        return [c.id for c in node.choices if c.correct]

    for name in FLOYD:
        s = scenario(name)
        session = walk_courts_path(s)
        short_points = sum(o.earned for o in session.history if o.kind == "short")
        assert play(s, right, scale_first) == pytest.approx(court_score(s) - short_points)
