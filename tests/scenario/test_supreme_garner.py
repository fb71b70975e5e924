"""Tennessee v. Garner played along the Court's path: the statute invalid as applied, the
judgment affirmed and the case remanded, in the Court's own disposition sentence.

The expectations come from the opinion (471 U.S. at 11, 22), not from the scenario file.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.engine import Session
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote

SCENARIO = REPO / "scenarios" / "garner.yaml"
DISPOSITION = "The judgment of the Court of Appeals is affirmed, and the case is remanded for further proceedings"


def test_the_courts_path_ends_affirmed_and_remanded_with_the_statute_invalid_as_applied() -> None:
    scenario, _ = load_scenario(SCENARIO)
    session = walk_courts_path(scenario)
    summary = session.summary()
    assert summary.end is not None
    outcome = f"{summary.end.outcome.result} {summary.end.outcome.disposition}".lower()
    assert "invalid as applied" in outcome
    assert "affirmed and remanded" in outcome
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    quotes = summary.end.court.quotes
    assert quotes[0].text.startswith(DISPOSITION) and quotes[0].speaker == "court"
    assert summary.path == summary.court_path


def test_the_disposition_sentence_stands_in_the_courts_opinion_on_page_22() -> None:
    scenario, _ = load_scenario(SCENARIO)
    source = SCENARIO.parent / scenario.case.sources[0].path
    assert scenario.case.sources[0].role == "majority"
    location = locate_quote(DISPOSITION, source)
    assert location is not None
    assert pin_of(location, scenario.case.citation) == "471 U.S. at 22"


def test_the_court_decides_the_statute_and_leaves_the_policy_and_hymons_immunity_alone() -> None:
    scenario, _ = load_scenario(SCENARIO)
    on_path = [scenario.nodes[n] for n in Session(scenario).summary().court_path]
    steps = {node.step: node for node in on_path if isinstance(node, ChoiceNode)}
    assert steps["statute"].court is not None and steps["statute"].court.status == "decided"
    policy = steps["municipal"].court
    assert policy is not None and policy.status == "not-reached"
    assert any("the uncertain state of the record" in q.text for q in policy.quotes)
    immunity = steps["clearly-established"].court
    assert immunity is not None and immunity.status == "lower-court"
