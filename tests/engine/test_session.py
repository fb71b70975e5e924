"""Walking a scenario: branching, agreement, hints, corrections, node lists, saved state."""

from __future__ import annotations

import json

import pytest

from tutor.engine import AnswerError, Session
from tutor.engine.session import court_path, court_response
from tutor.scenario.model import Scenario

COURT_PATH = ["whose-facts", "graham", "claims", "state-right", "today", "end"]


def play_court_path(session: Session) -> None:
    while not session.finished:
        session.answer(court_response(session.question()))


def test_the_court_path_follows_every_correct_choice(mini: Scenario) -> None:
    assert court_path(mini) == COURT_PATH


def test_the_court_path_earns_full_marks_and_full_agreement(mini: Scenario) -> None:
    session = Session(mini)
    play_court_path(session)
    summary = session.summary()
    assert summary.earned == summary.possible == 5.0
    assert summary.path == COURT_PATH
    assert (summary.agreed, summary.agreement_counted) == (4, 4)
    assert summary.end is not None and summary.end.outcome.result == "Qualified immunity denied"


def test_a_wrong_choice_with_next_branches_then_rejoins(mini: Scenario) -> None:
    session = Session(mini)
    outcome = session.answer(["officer"])
    assert outcome.next_id == "officer-branch" and session.current_id == "officer-branch"
    assert outcome.misconceptions == ("officer-version-controls",)
    branch = session.answer(["credibility"])
    assert branch.analysis and branch.court is None
    assert branch.agreed is None  # the tutor's own analysis never counts as agreement with the court
    assert session.current_id == "graham"


def test_a_wrong_choice_without_next_continues_on_the_court_path(mini: Scenario) -> None:
    session = Session(mini)
    assert session.answer(["both"]).next_id == "graham"


def test_today_questions_are_scored_but_not_agreement(mini: Scenario) -> None:
    session = Session(mini, nodes=["today"])
    outcome = session.answer(["either"])
    assert outcome.earned == 1.0 and outcome.agreed is None
    assert outcome.later[0].doctrine == "pearson"


def test_a_point_the_court_did_not_decide_is_not_agreement(mini: Scenario) -> None:
    scenario = mini.model_copy(deep=True)
    court = scenario.nodes["whose-facts"].court
    court.status, court.note = "not-reached", "The court did not reach this."  # type: ignore[union-attr]
    outcome = Session(scenario).answer(["plaintiff"])
    assert outcome.earned == 1.0 and outcome.agreed is None


def test_feedback_shows_the_chosen_and_the_correct_choice(mini: Scenario) -> None:
    outcome = Session(mini).answer(["both"])
    shown = {(f.item_id, f.chosen, f.correct) for f in outcome.feedback}
    assert shown == {("both", True, False), ("plaintiff", False, False)}


def test_hints_are_revealed_one_at_a_time_and_recorded(mini: Scenario) -> None:
    session = Session(mini)
    hints = mini.nodes["whose-facts"].hints  # type: ignore[union-attr]
    assert session.next_hint() == hints[0]
    assert session.next_hint() == hints[1]
    assert session.next_hint() is None
    outcome = session.answer(["plaintiff"])
    assert outcome.hints_used == 2 and outcome.earned == 1.0  # hints cost no points
    assert session.next_hint() is None  # graham has no hints; the count starts again


def test_short_correction_keeps_the_automatic_mark_for_agreement(mini: Scenario) -> None:
    session = Session(mini, nodes=["state-right"])
    auto = session.answer("He was unarmed and shot")
    assert auto.earned == pytest.approx(2 / 3) and auto.agreed is False
    fixed = session.correct_short("state-right", ["unarmed", "no-threat", "shot"])
    assert fixed.earned == 1.0 and fixed.auto_earned == pytest.approx(2 / 3)
    assert fixed.agreed is False and fixed.corrected == ("no-threat", "shot", "unarmed")
    assert session.history[-1] is fixed


def test_a_node_list_walks_only_those_nodes_in_order(mini: Scenario) -> None:
    session = Session(mini, nodes=["claims", "whose-facts"])
    session.answer(["no-threat", "right"])
    assert session.current_id == "whose-facts"
    session.answer(["officer"])  # its branch is not followed in a node list
    assert session.finished and session.current is None


@pytest.mark.parametrize(
    ("node_id", "response"),
    [
        ("whose-facts", ["nope"]),
        ("whose-facts", ["plaintiff", "both"]),
        ("whose-facts", []),
        ("claims", ["right", "right"]),
        ("graham", {"threat": "plaintiff"}),
        ("graham", {"severity": "neutral", "threat": "maybe", "flight": "plaintiff"}),
        ("graham", ["threat"]),
        ("state-right", ["not", "text"]),
    ],
)
def test_malformed_responses_are_refused_and_change_nothing(mini: Scenario, node_id: str, response: object) -> None:
    session = Session(mini, nodes=[node_id])
    with pytest.raises(AnswerError):
        session.answer(response)
    assert session.current_id == node_id and session.history == []


def test_answering_after_the_end_is_refused(mini: Scenario) -> None:
    session = Session(mini)
    play_court_path(session)
    with pytest.raises(AnswerError):
        session.answer(["plaintiff"])


def test_state_round_trips_through_json(mini: Scenario) -> None:
    session = Session(mini, mode="exam", content_hash="abc")
    session.answer(["officer"])
    session.answer(["law"])
    session.answer({"severity": "neutral", "threat": "plaintiff", "flight": "disputed"})
    state = json.loads(json.dumps(session.to_dict()))
    restored = Session.from_dict(mini, state)
    assert restored.current_id == session.current_id == "claims"
    assert restored.mode == "exam" and restored.content_hash == "abc"
    assert [o.answered_at for o in restored.history] == [o.answered_at for o in session.history]
    assert restored.summary() == session.summary()


def test_a_saved_correction_is_restored(mini: Scenario) -> None:
    session = Session(mini, nodes=["state-right"])
    session.answer("nothing useful")
    session.correct_short("state-right", ["shot"])
    restored = Session.from_dict(mini, session.to_dict())
    assert restored.history[0].corrected == ("shot",)
    assert restored.history[0].earned == session.history[0].earned


def test_state_from_a_changed_tree_is_refused(mini: Scenario) -> None:
    state = Session(mini).to_dict()
    state["answers"] = [{"node": "claims", "response": ["right"], "hints_used": 0}]
    with pytest.raises(AnswerError):
        Session.from_dict(mini, state)
    with pytest.raises(AnswerError):
        Session.from_dict(mini, {**state, "scenario": "another"})
