"""Rubric items read negation; contradictions and over-long answers go to the student's own marking."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tutor.engine import Session
from tutor.engine.rubric import phrase_met, read
from tutor.engine.scoring import score_node
from tutor.engine.session import court_response
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ShortNode


def shipped_short(scenario_id: str, node_id: str) -> ShortNode:
    scenario, _ = load_scenario(REPO / "scenarios" / f"{scenario_id}.yaml")
    node = scenario.nodes[node_id]
    assert isinstance(node, ShortNode)
    return node


@pytest.mark.parametrize(
    ("answer", "met"),
    [
        ("Floyd was unarmed.", True),
        ("Floyd was not unarmed.", False),
        ("Floyd wasn't unarmed.", False),
        ("Floyd was never unarmed.", False),
        # The negator governs only the rest of its own clause.
        ("Floyd was not armed, he was unarmed.", True),
        ("He had no gun but was unarmed anyway.", True),
        ("Floyd was unarmed and not dangerous.", True),
    ],
)
def test_an_affirm_phrase_is_not_met_under_a_negator_in_its_clause(answer: str, met: bool) -> None:
    assert phrase_met(read(answer), "unarmed") is met


@pytest.mark.parametrize(
    ("answer", "met"),
    [
        ("Reynoso saw no muzzle flash.", True),
        ("Reynoso didn't see a muzzle flash.", True),
        ("Reynoso saw a muzzle flash.", False),
        ("Reynoso saw a muzzle flash, and no gun.", False),
    ],
)
def test_a_deny_phrase_is_met_only_when_negated(answer: str, met: bool) -> None:
    assert phrase_met(read(answer), "muzzle flash", "deny") is met


def test_a_phrase_may_carry_its_own_negation_and_a_second_negator_undoes_it() -> None:
    assert phrase_met(read("He had a right not to be shot."), "not to be shot")
    assert not phrase_met(read("He had no right not to be shot."), "not to be shot")
    assert phrase_met(read("An honest belief is not enough."), "not enough", "deny")


def test_phrases_match_across_punctuation_but_negation_stops_at_it() -> None:
    answer = read("Garner and Smith v. Cupp")
    assert phrase_met(answer, "smith v cupp")
    assert not phrase_met(read("Floyd's"), "floyd")
    assert phrase_met(read("Floyd\u2019s version"), "floyds version")


def test_reynoso_the_honest_mistake_answer_earns_nothing_automatically() -> None:
    node = shipped_short("floyd-reynoso", "state-the-test")
    answer = (
        "An honest mistake is enough: Reynoso saw Quaine take cover, and a reasonable officer could think Floyd "
        "fired; no muzzle flash was needed, and Floyd was unarmed only in hindsight."
    )
    scored = score_node(node, answer)
    assert scored.earned < node.points / 2
    assert scored.earned == 0 and scored.note is not None and "An honest mistake is enough" in scored.note


def test_quaine_denying_every_point_is_not_partly_right() -> None:
    node = shipped_short("floyd-quaine", "stated-proposition")
    scored = score_node(node, "not unarmed, not nondangerous, no right not to be shot")
    assert scored.earned == 0 and scored.note is None
    assert score_node(node, node.model_answer).full_marks


def test_mockler_garner_and_smith_v_cupp_meets_the_sixth_circuit_item() -> None:
    node = shipped_short("sigley-mockler", "specificity")
    assert score_node(node, "Garner and Smith v. Cupp").detail["sample"]


def test_an_over_long_answer_goes_to_the_students_marking_with_a_note_and_the_students_mark_counts() -> None:
    scenario, _ = load_scenario(REPO / "scenarios" / "floyd-quaine.yaml")
    session = Session(scenario)
    while not isinstance(session.question(), ShortNode):
        session.answer(court_response(session.question()))
    node = session.question()
    assert isinstance(node, ShortNode)
    long_answer = " ".join([node.model_answer] * 3)
    outcome = session.answer(long_answer)
    assert (outcome.auto_earned, outcome.earned) == (0, 0)
    assert outcome.marking_note is not None and f"more than the {node.max_words}" in outcome.marking_note
    # The items it did meet are still shown ticked, for the student to confirm.
    assert all(f.chosen for f in outcome.feedback)
    fixed = session.correct_short(outcome.node_id, [i.id for i in node.rubric])
    assert fixed.full_marks and fixed.auto_earned == 0 and fixed.marking_note == outcome.marking_note
    assert fixed.agreed is False


def test_an_answer_the_engine_can_mark_has_no_note() -> None:
    node = shipped_short("floyd-reynoso", "state-the-test")
    scored = score_node(node, node.model_answer)
    assert scored.full_marks and scored.note is None
