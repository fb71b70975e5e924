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
