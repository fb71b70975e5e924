"""The scoring rules, one behaviour per test (see tutor/engine/scoring.py for the rules)."""

from __future__ import annotations

import pytest

from tutor.engine.rubric import normalise, rubric_marks
from tutor.engine.scoring import score_node
from tutor.scenario.model import ChoiceNode, FactorsNode, Scenario, ShortNode


def node(scenario: Scenario, node_id: str):
    return scenario.nodes[node_id]


def test_select_one_correct_earns_all_points(mini: Scenario) -> None:
    scored = score_node(node(mini, "whose-facts"), ["plaintiff"])
    assert (scored.earned, scored.possible, scored.full_marks) == (1.0, 1.0, True)


def test_select_one_wrong_earns_nothing(mini: Scenario) -> None:
    scored = score_node(node(mini, "whose-facts"), ["both"])
    assert (scored.earned, scored.full_marks) == (0.0, False)
    assert scored.detail == {"plaintiff": False, "officer": True, "both": False}


def test_select_one_partial_credit_is_capped_at_the_node_points(mini: Scenario) -> None:
    q = node(mini, "whose-facts").model_copy(deep=True)
    q.choices[2].points = 0.5
    assert score_node(q, ["both"]).earned == 0.5
    q.choices[2].points = 7
    assert score_node(q, ["both"]).earned == q.points


@pytest.mark.parametrize(
    ("picks", "earned", "full"),
    [
        (["no-threat", "right"], 1.0, True),
        (["no-threat"], 0.5, False),
        (["no-threat", "right", "liable"], 0.5, False),  # a wrong pick costs one share
        (["no-threat", "liable"], 0.0, False),
        (["liable"], 0.0, False),  # never below zero
    ],
)
def test_select_many_partial_credit(mini: Scenario, picks: list[str], earned: float, full: bool) -> None:
    scored = score_node(node(mini, "claims"), picks)
    assert isinstance(node(mini, "claims"), ChoiceNode)
    assert scored.earned == pytest.approx(earned)
    assert scored.full_marks is full


def test_factors_score_only_rows_the_court_weighed(mini: Scenario) -> None:
    graham = node(mini, "graham")
    assert isinstance(graham, FactorsNode)
    all_right_but_practice = {"severity": "officer", "threat": "plaintiff", "flight": "plaintiff"}
    scored = score_node(graham, all_right_but_practice)
    assert scored.full_marks and scored.earned == pytest.approx(1.0)
    assert scored.detail["severity"] is False  # shown as wrong, but practice scores nothing


def test_factors_split_points_by_their_graham_step(mini: Scenario) -> None:
    scored = score_node(node(mini, "graham"), {"severity": "neutral", "threat": "plaintiff", "flight": "disputed"})
    assert dict(scored.by_step) == {"graham-threat": (0.5, 0.5), "graham-flight": (0.0, 0.5)}
    assert "graham-severity" not in scored.by_step


def test_factors_with_no_weighed_row_are_practice_only(mini: Scenario) -> None:
    graham = node(mini, "graham").model_copy(deep=True)
    for factor in graham.factors:
        factor.court_weighed = False
    scored = score_node(graham, {"severity": "neutral", "threat": "plaintiff", "flight": "plaintiff"})
    assert (scored.earned, scored.possible) == (0.0, 0.0)


def test_rubric_matches_whole_words_ignoring_case_and_punctuation(mini: Scenario) -> None:
    rubric = node(mini, "state-right").rubric
    assert rubric_marks("He was UNARMED, non-dangerous; and SHOT.", rubric) == {
        "unarmed": True,
        "no-threat": True,
        "shot": True,
    }
    # "shot" inside "shotgun" is not the word "shot"; "armed" is not "unarmed".
    assert rubric_marks("He had a shotgun and was armed", rubric) == {
        "unarmed": False,
        "no-threat": False,
        "shot": False,
    }


def test_short_answer_earns_the_share_of_rubric_points_met(mini: Scenario) -> None:
    short = node(mini, "state-right")
    assert isinstance(short, ShortNode)
    assert score_node(short, "unarmed and shot").earned == pytest.approx(2 / 3)
    assert score_node(short, short.model_answer).full_marks


def test_normalise_drops_apostrophes_so_possessives_match() -> None:
    assert normalise("Floyd's  hands") == normalise("floyds hands") == " floyds hands "
