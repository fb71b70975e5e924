"""The Sigley scenarios cannot be passed by test-taking: length and position carry no answer.

Two measures over the one-answer questions of both Sigley scenarios (issue 10): how often
the right choice is the longest, and the median of its length over the mean length of
its distractors. Then strategies that know no law are played through the real engine,
with choices in file order (no seed: the position strategies measure the file's own
order), and each must earn under 40% of what the court's path earns.
The grids are the one place a constant answer can be right: Sigley's court found the
threat disputed on both halves, so "every row disputed" meets the two scored rows. That
is the law of this posture (the court decides genuineness on a final judgment), and no
row is changed to beat the strategy; the strategy still earns under 40% overall.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.engine.session import Session, court_path, court_response
from tutor.scenario.load import load_scenario
from tutor.scenario.model import Choice, ChoiceNode, EndNode, FactorsNode, Scenario, ShortNode

SIGLEY = [REPO / "scenarios" / "sigley-mockler.yaml", REPO / "scenarios" / "sigley-city.yaml"]
LIMIT = 0.40  # a strategy that knows no law earns less than this share of the court's path


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


# --- strategies that know no law -----------------------------------------------------

Pick = Callable[[ChoiceNode], list[str]]
Grid = Callable[[FactorsNode], dict[str, str]]


def longest(node: ChoiceNode) -> list[str]:
    """One answer: the longest choice. Many: the longer half of the choices."""
    ranked = sorted(node.choices, key=_length, reverse=True)
    keep = 1 if node.select == "one" else (len(ranked) + 1) // 2
    return [c.id for c in ranked[:keep]]


def first(node: ChoiceNode) -> list[str]:
    return [node.choices[0].id]


def last(node: ChoiceNode) -> list[str]:
    return [node.choices[-1].id]


def scale_first(node: FactorsNode) -> dict[str, str]:
    return {f.id: node.scale[0].id for f in node.factors}


def all_disputed(node: FactorsNode) -> dict[str, str]:
    return {f.id: "disputed" for f in node.factors}


def play(scenario: Scenario, pick: Pick, grid: Grid) -> float:
    """What the strategy earns walking the real engine from start to an end, choices in file order."""
    session = Session(scenario, seed=None)
    while not session.finished:
        node = session.question()
        if isinstance(node, ChoiceNode):
            session.answer(pick(node))
        elif isinstance(node, FactorsNode):
            session.answer(grid(node))
        else:
            assert isinstance(node, ShortNode)
            session.answer("")  # the written-answer strategies belong to the rubric tests
    return session.summary().earned


def court_score(scenario: Scenario) -> float:
    questions = [scenario.nodes[n] for n in court_path(scenario)]
    return sum(node.points for node in questions if not isinstance(node, EndNode))


STRATEGIES = [
    pytest.param(longest, scale_first, id="longest+grid-first"),
    pytest.param(longest, all_disputed, id="longest+grid-disputed"),
    pytest.param(first, scale_first, id="option-1+grid-first"),
    pytest.param(first, all_disputed, id="option-1+grid-disputed"),
    pytest.param(last, scale_first, id="last+grid-first"),
    pytest.param(last, all_disputed, id="last+grid-disputed"),
]


@pytest.mark.parametrize("path", SIGLEY, ids=lambda p: p.stem)
@pytest.mark.parametrize(("pick", "grid"), STRATEGIES)
def test_a_strategy_that_knows_no_law_earns_under_40_percent(path: Path, pick: Pick, grid: Grid) -> None:
    scenario = load_scenario(path)[0]
    earned, possible = play(scenario, pick, grid), court_score(scenario)
    assert earned / possible < LIMIT, f"{earned:.2f} of {possible:.0f}"


@pytest.mark.parametrize("path", SIGLEY, ids=lambda p: p.stem)
def test_the_courts_path_earns_everything(path: Path) -> None:
    """The baseline the strategies are measured against is reachable by the court's answers."""
    scenario = load_scenario(path)[0]
    session = Session(scenario, seed=None)
    while not session.finished:
        session.answer(court_response(session.question()))
    assert session.summary().earned == pytest.approx(court_score(scenario))
