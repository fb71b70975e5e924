"""Saucier v. Katz, played along the Court's path, reaches the Court's judgment.

The expected judgment is read from the opinion, not from the scenario: Part III ends
"petitioner was entitled to qualified immunity" and "The judgment of the Court of
Appeals is reversed, and the case is remanded". Saucier's copy has no U.S. pages, so
its pins name the Part the passage stands under.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.scenario.load import load_scenario
from tutor.scenario.model import Court, Scenario
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote

SCENARIO = REPO / "scenarios" / "saucier.yaml"
SOURCES = REPO / "scenarios" / "sources"
DISPOSITION = (
    "The judgment of the Court of Appeals is reversed, and the case is remanded for further proceedings "
    "consistent with this opinion."
)


def court_of(scenario: Scenario, node_id: str) -> Court:
    """The node's `court` block (every node these tests read speaks as the Court)."""
    court = scenario.nodes[node_id].court
    assert court is not None, node_id
    return court


@pytest.fixture(scope="module")
def saucier() -> Scenario:
    scenario, _ = load_scenario(SCENARIO)
    return scenario


def test_the_courts_path_reaches_immunity_reversed_and_remanded(saucier: Scenario) -> None:
    session = walk_courts_path(saucier)
    summary = session.summary()
    assert summary.end is not None
    assert "qualified immunity granted" in summary.end.outcome.result.lower()
    assert summary.end.outcome.disposition == "Reversed and remanded"
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    assert summary.path == summary.court_path
    # the order of the inquiry comes first, as the Court took it, and step one is left undecided
    assert summary.path[:3] == ["order", "why-first", "specific-context"]


def test_the_end_node_quotes_the_disposition_sentence_at_its_part(saucier: Scenario) -> None:
    quote = next(q for q in court_of(saucier, "end").quotes if " ".join(q.text.split()) == DISPOSITION)
    assert quote.speaker == "court" and quote.pin == '533 U.S. 194, "III"'
    location = locate_quote(DISPOSITION, SOURCES / "saucier-v-katz-court.txt")
    assert location is not None
    assert pin_of(location, saucier.case.citation) == quote.pin


def test_step_one_is_not_reached_in_the_courts_own_words(saucier: Scenario) -> None:
    court = court_of(saucier, "step-one")
    assert court.status == "not-reached"
    said = " ".join(" ".join(q.text.split()) for q in court.quotes if q.speaker == "court")
    assert "we will assume a constitutional violation could have occurred" in said
    assert "Though it is doubtful that the force used was excessive, we need not rest our conclusion" in said


def test_the_separate_opinions_are_labelled_and_never_the_courts(saucier: Scenario) -> None:
    by_source = {s.id: s.role for s in saucier.case.sources}
    quotes = [q for node in saucier.nodes.values() if node.court is not None for q in node.court.quotes]
    ginsburg = [q for q in quotes if q.source == "ginsburg"]
    souter = [q for q in quotes if q.source == "souter"]
    assert ginsburg and all(q.speaker == "concurrence" and "Ginsburg" in (q.judge or "") for q in ginsburg)
    assert all(q.joined == "Stevens and Breyer, JJ." for q in ginsburg)
    assert souter and all(q.speaker == "dissent" and "Souter" in (q.judge or "") for q in souter)
    assert all(by_source[q.source or "court"] == "majority" for q in quotes if q.speaker == "court")


def test_pearsons_change_is_later_law_not_the_courts(saucier: Scenario) -> None:
    order = saucier.nodes["order"]
    assert [item.doctrine for item in order.later] == ["pearson"]
    today = saucier.nodes["today-order"]
    assert today.step == "today" and today.court is None and today.analysis
