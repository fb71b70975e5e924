"""Pearson v. Callahan, played along the Court's path, reaches the Court's judgment.

The expected judgment is read from the opinion: Part IV ends "petitioners are entitled
to qualified immunity. We therefore reverse the judgment of the Court of Appeals", and
the Court rests on clearly established law alone, leaving the entry's lawfulness open.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode, Court, Scenario
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote

SCENARIO = REPO / "scenarios" / "pearson.yaml"
COURT = REPO / "scenarios" / "sources" / "pearson-v-callahan-court.txt"
DISPOSITION = "We therefore reverse the judgment of the Court of Appeals."


def court_of(scenario: Scenario, node_id: str) -> Court:
    """The node's `court` block (every node these tests read speaks as the Court)."""
    court = scenario.nodes[node_id].court
    assert court is not None, node_id
    return court


@pytest.fixture(scope="module")
def pearson() -> Scenario:
    scenario, _ = load_scenario(SCENARIO)
    return scenario


def test_the_courts_path_reaches_immunity_and_reversal(pearson: Scenario) -> None:
    session = walk_courts_path(pearson)
    summary = session.summary()
    assert summary.end is not None
    result = summary.end.outcome.result.lower()
    assert "qualified immunity granted" in result and "constitutional question not decided" in result
    assert summary.end.outcome.disposition == "Reversed"
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    assert summary.path == summary.court_path
    assert "tenth-circuit-framing" not in summary.path  # the detour is a wrong turn's, not the Court's


def test_the_end_node_quotes_the_disposition_sentence_at_its_page(pearson: Scenario) -> None:
    quote = court_of(pearson, "end").quotes[0]
    assert quote.speaker == "court" and DISPOSITION in " ".join(quote.text.split())
    assert quote.pin == "555 U.S. at 245"
    location = locate_quote(DISPOSITION, COURT)
    assert location is not None
    assert pin_of(location, pearson.case.citation) == "555 U.S. at 245"


def test_officers_could_rely_on_the_lower_courts_at_244_45(pearson: Scenario) -> None:
    quotes = court_of(pearson, "consent-once-removed").quotes
    pins = {" ".join(q.text.split()): q.pin for q in quotes}
    assert any(
        p == "555 U.S. at 244-45" and "entitled to rely on existing lower court cases" in t for t, p in pins.items()
    )
    assert any("no court of appeals had issued a contrary decision" in t for t in pins)


def test_the_entrys_lawfulness_is_not_reached(pearson: Scenario) -> None:
    node = pearson.nodes["entry-lawful"]
    assert isinstance(node, ChoiceNode)
    assert node.step == "violation" and court_of(pearson, "entry-lawful").status == "not-reached"
    right = next(c for c in node.choices if c.correct)
    assert right.id == "left-open"


def test_the_order_questions_stand_under_the_order_of_the_inquiry(pearson: Scenario) -> None:
    steps = {node_id: node.step for node_id, node in pearson.nodes.items()}
    assert [steps[n] for n in ("stare-decisis", "mandatory", "costs", "stagnation")] == ["inquiry-order"] * 4
