"""The tutor's own words: who is speaking in a quote, the court's status, the verdict."""

from __future__ import annotations

import pytest

from tests.ui.conftest import MINI
from tutor.engine.session import Session, court_response
from tutor.scenario.load import load_scenario
from tutor.scenario.model import Quote
from tutor.study.words import STATUS_WORDS, speaker, verdict


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"speaker": "court"}, None),
        ({"speaker": "lower-court", "who": "The district court"}, "The district court:"),
        ({"speaker": "party", "who": "Quaine's brief"}, "Quaine's brief (party):"),
        ({"speaker": "dissent", "judge": "Batchelder, J."}, "Dissent (Batchelder, J.):"),
        ({"speaker": "court-quoting", "quoting": "Garner"}, "The court, quoting Garner:"),
    ],
)
def test_only_the_court_stands_bare(fields: dict[str, str], label: str | None) -> None:
    assert speaker(Quote(text="words", pin="437 F.3d at 535", **fields)) == label  # type: ignore[arg-type]


def test_every_court_status_has_words() -> None:
    assert STATUS_WORDS["not-reached"] == "The court did not reach this"
    assert STATUS_WORDS["text-missing"] == "Our text of the opinion stops before this"
    assert STATUS_WORDS["outcome-only"] == "The opinion gives only the outcome"
    assert STATUS_WORDS["lower-court"] == "A lower court's ruling"


def test_a_verdict_is_a_symbol_and_words() -> None:
    scenario, _ = load_scenario(MINI)
    right = Session(scenario).answer(court_response(scenario.nodes["whose-facts"]))  # type: ignore[arg-type]
    wrong = Session(scenario).answer(["officer"])
    assert verdict(right) == ("✓", "Right (1 of 1)")
    assert verdict(wrong) == ("✗", "Wrong (0 of 1)")


def test_where_the_walk_stands() -> None:
    from tests.ui.conftest import SHIPPED
    from tutor.study.words import progress

    scenario, _ = load_scenario(MINI)
    walk = Session(scenario, seed=None)
    assert progress(walk) == "Question 1 of about 5"  # five on the court's path; a wrong turn adds one
    walk.answer(court_response(scenario.nodes["whose-facts"]))  # type: ignore[arg-type]
    assert progress(walk) == "Question 2 of about 5"
    retry = Session(scenario, nodes=["whose-facts", "today"], seed=None)
    assert progress(retry) == "Retry: 1 of 2" and progress(retry, "review") == "Review: 1 of 2"
    fixed, _ = load_scenario(SHIPPED / "floyd-quaine.yaml")
    assert progress(Session(fixed, seed=None)) == "Question 1 of 19"  # every walk asks the same number


def test_a_tick_only_for_full_marks_in_the_summary() -> None:
    from tutor.study import said

    scenario, _ = load_scenario(MINI)
    session = Session(scenario, nodes=["whose-facts", "claims", "today"], seed=None)
    session.answer(["officer"])  # wrong
    session.answer(["no-threat"])  # one of the two right choices: partly right
    session.answer(court_response(scenario.nodes["today"]))  # type: ignore[arg-type]
    rows = {b.lines[0][2:].split(":")[0]: b.lines[0][0] for b in said.step_rows(session.summary())}
    assert set(rows.values()) == {"✗", "◐", "✓"}, rows
    tree = Session(scenario, seed=None)
    tree.answer(["officer"])
    while not tree.finished:
        tree.answer(court_response(tree.question()))
    path = [b.lines[0] for b in said.paths(tree, tree.summary())]
    assert path[0].startswith("Your path: ✗ Whose facts count → ✓ Where the officer's account leads"), path
    assert path[1] == "The court's path left yours after Whose facts count: it went to The Graham factors."
    court = Session(scenario, seed=None)
    while not court.finished:
        court.answer(court_response(court.question()))
    assert [b.lines[0] for b in said.paths(court, court.summary())][1] == "You took the court's path."
