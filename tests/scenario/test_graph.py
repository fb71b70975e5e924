"""The graph rules and the walk: score ranges by dynamic programming, checked against brute force."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import DATA
from tutor.checker.walk import walk, ways_out
from tutor.engine.scoring import score_node
from tutor.scenario import graph
from tutor.scenario.load import load_scenario
from tutor.scenario.model import Scenario

COURT = {"status": "outcome-only", "note": "fixture"}


def build(nodes: dict[str, dict[str, Any]], start: str = "n0") -> Scenario:
    return Scenario.model_validate(
        {
            "format": 1,
            "id": "g",
            "title": "graph",
            "summary": "graph",
            "case": {
                "name": "Doe v. Roe",
                "citation": "1 F.4th 1 (6th Cir. 2020)",
                "court": "Sixth Circuit",
                "decided": "2020-01-01",
                "conduct_date": "2019-01-01",
                "posture": "appeal",
                "sources": [{"id": "s", "path": "s.txt", "role": "majority"}],
            },
            "facts": {"background": "b", "undisputed": ["u"], "versions": [{"id": "p", "label": "P", "text": "t"}]},
            "start": start,
            "nodes": nodes,
        }
    )


def choice(
    *ways: tuple[bool, str | None], points: float = 1.0, nxt: str | None = None, select: str = "one"
) -> dict[str, Any]:
    return {
        "type": "choice",
        "step": "violation",
        "prompt": "?",
        "select": select,
        "points": points,
        "court": COURT,
        "next": nxt,
        "choices": [
            {"id": f"c{i}", "text": "c", "correct": ok, "feedback": "f", "next": to} for i, (ok, to) in enumerate(ways)
        ],
    }


def end() -> dict[str, Any]:
    return {"type": "end", "outcome": {"result": "r", "disposition": "d"}, "court": COURT}


def test_the_clean_fixture_walks_to_its_end_with_the_court_earning_full_marks() -> None:
    scenario, _ = load_scenario(DATA / "checks" / "clean.yaml")
    result = walk(scenario)
    (reach,) = result.ends.values()
    assert (reach.low, reach.high, reach.fewest, reach.most, reach.paths) == (0.0, 4.0, 4, 5, 2)
    assert result.court_path == ("whose-facts", "threat", "which-facts", "prong-two", "outcome")
    assert result.court_full_marks and result.court_earned == 4.0
    assert result.paths[0] == result.court_path and len(result.paths) == 2 and not result.truncated


def test_partial_credit_on_the_courts_own_answer_is_visible() -> None:
    nodes = {"n0": choice((True, "e"), (False, "e"), points=2), "e": end()}
    nodes["n0"]["choices"][0]["points"] = 1.5
    result = walk(build(nodes))
    assert (result.court_earned, result.court_possible, result.court_full_marks) == (1.5, 2.0, False)


def test_a_wrong_pick_under_select_many_branches_and_costs_a_share() -> None:
    nodes = {
        "n0": choice((True, None), (True, None), (False, "aside"), select="many", points=2, nxt="e"),
        "aside": choice((True, "e"), (False, "e")),
        "e": end(),
    }
    reach = walk(build(nodes)).ends["e"]
    # Through the branch: at most one correct pick of two (1.0) plus the aside (1.0).
    assert (reach.low, reach.high, reach.fewest, reach.most) == (0.0, 2.0, 1, 2)


def test_a_ladder_of_sixty_forks_is_walked_without_enumerating_its_paths() -> None:
    nodes: dict[str, dict[str, Any]] = {}
    for i in range(60):
        nodes[f"n{i}"] = choice((True, f"a{i}"), (False, f"b{i}"))
        nodes[f"a{i}"] = choice((True, f"n{i + 1}"), (False, f"n{i + 1}"), points=2)
        nodes[f"b{i}"] = choice((True, f"n{i + 1}"), (False, f"n{i + 1}"), points=3)
    nodes["n60"] = end()
    started = time.perf_counter()
    result = walk(build(nodes), max_paths=5)
    assert time.perf_counter() - started < 1.0
    reach = result.ends["n60"]
    assert reach.paths == 2**60 and result.total_paths == 2**60
    assert (reach.low, reach.high) == (0.0, 60 * 3.0)  # a wrong turn into the richer branch, then all right
    assert len(result.paths) == 5 and result.truncated
    assert result.court_earned == 60 * 3.0 and result.court_full_marks


def test_walk_refuses_a_cycle() -> None:
    nodes = {"n0": choice((True, "n1"), (False, "e")), "n1": choice((True, "n0"), (False, "e")), "e": end()}
    scenario = build(nodes)
    assert [around for _, around in graph.cycles(scenario)] == [["n0", "n1", "n0"]]
    with pytest.raises(ValueError, match="cycle"):
        walk(scenario)


def test_dead_ends_and_reachability() -> None:
    nodes = {"n0": choice((True, "e"), (False, None)), "lost": choice((True, "e"), (False, "e")), "e": end()}
    scenario = build(nodes)
    assert graph.reachable(scenario) == {"n0", "e"}
    assert [(node, loc) for node, loc, _ in graph.dead_ends(scenario)] == [("n0", ("nodes", "n0", "choices", 1))]


def brute_force(scenario: Scenario) -> dict[str, tuple[float, float, int, int]]:
    """Every path enumerated: the reference the DP must agree with."""
    found: dict[str, list[tuple[float, int]]] = {}
    stack = [(scenario.start, 0.0, 0)]
    while stack:
        node_id, score, questions = stack.pop()
        node = scenario.nodes[node_id]
        if node.type == "end":
            found.setdefault(node_id, []).append((score, questions))
            continue
        for way in ways_out(node):
            for earned in {way.low, way.high}:
                stack.append((way.target, score + earned, questions + 1))
    return {
        e: (min(s for s, _ in v), max(s for s, _ in v), min(q for _, q in v), max(q for _, q in v))
        for e, v in found.items()
    }


@st.composite
def dags(draw: st.DrawFn) -> Scenario:
    size = draw(st.integers(2, 9))
    nodes: dict[str, dict[str, Any]] = {}
    for i in range(size):
        later = [f"n{j}" for j in range(i + 1, size)] + ["e1", "e2"]
        ways = draw(st.lists(st.sampled_from(later), min_size=2, max_size=3))
        correct = draw(st.integers(0, len(ways) - 1))
        nodes[f"n{i}"] = choice(
            *((k == correct, to) for k, to in enumerate(ways)), points=draw(st.sampled_from([1.0, 2.0, 5.0]))
        )
    nodes["e1"], nodes["e2"] = end(), end()
    return build(nodes)


@given(dags())
def test_the_dp_agrees_with_enumerating_every_path(scenario: Scenario) -> None:
    result = walk(scenario, max_paths=1000)
    expected = brute_force(scenario)
    assert {e: (r.low, r.high, r.fewest, r.most) for e, r in result.ends.items()} == expected
    assert result.total_paths == len(set(result.paths)) == len(result.paths)
    assert result.court_path[-1] in expected


def test_every_listed_path_starts_at_start_and_ends_at_an_end() -> None:
    nodes = {f"n{i}": choice((True, f"n{i + 1}"), (False, "e")) for i in range(4)}
    nodes["n4"], nodes["e"] = end(), end()
    result = walk(build(nodes))
    expected = [(*tuple(f"n{k}" for k in range(i + 1)), "e") for i in range(4)] + [("n0", "n1", "n2", "n3", "n4")]
    assert sorted(result.paths) == sorted(expected)


def test_each_way_out_scores_what_the_engine_scores() -> None:
    node_data = choice((True, "e"), (False, "e"), (False, "e"), points=3)
    node_data["choices"][1]["points"] = 1
    scenario = build({"n0": node_data, "e": end()})
    node = scenario.nodes["n0"]
    ways = ways_out(node)  # type: ignore[arg-type]
    engine = [score_node(node, [c.id]).earned for c in node.choices]  # type: ignore[arg-type, union-attr]
    assert [w.high for w in ways] == [w.low for w in ways] == engine == [3.0, 1.0, 0.0]
