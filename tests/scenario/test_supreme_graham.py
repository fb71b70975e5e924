"""Graham v. Connor played along the Court's path: the Fourth Amendment governs, the
judgment is vacated and the case remanded, in the Court's own disposition sentence.

The expectations come from the opinion (490 U.S. at 388, 395, 399 and nn. 10, 12), not
from the scenario file.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote

SCENARIO = REPO / "scenarios" / "graham.yaml"
DISPOSITION = "its judgment must be vacated and the case remanded to that court for reconsideration"


def test_the_courts_path_ends_vacated_and_remanded() -> None:
    scenario, _ = load_scenario(SCENARIO)
    session = walk_courts_path(scenario)
    summary = session.summary()
    assert summary.end is not None
    assert "vacated and remanded" in summary.end.outcome.disposition.lower()
    assert "fourth amendment" in summary.end.outcome.result.lower()
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    quote = summary.end.court.quotes[0]
    assert quote.text.startswith(DISPOSITION) and quote.speaker == "court"
    assert summary.path == summary.court_path


def test_the_disposition_sentence_stands_in_the_courts_opinion_on_page_399() -> None:
    scenario, _ = load_scenario(SCENARIO)
    source = scenario.case.sources[0]
    assert source.role == "majority"
    location = locate_quote(DISPOSITION, SCENARIO.parent / source.path)
    assert location is not None
    assert pin_of(location, scenario.case.citation) == "490 U.S. at 399"


def test_the_standard_is_decided_and_the_remand_immunity_and_detention_are_not() -> None:
    scenario, _ = load_scenario(SCENARIO)
    nodes = scenario.nodes
    standard = nodes["standard"]
    assert isinstance(standard, ChoiceNode) and standard.step == "standard"
    assert standard.court is not None and standard.court.status == "decided"
    assert [c.id for c in standard.choices if c.correct] == ["fourth"]
    for node_id, step, pin in (
        ("excessive", "violation", "490 U.S. at 399"),
        ("immunity", "clearly-established", "490 U.S. at 399 n.12"),
        ("after-arrest", "standard", "490 U.S. at 395 n.10"),
    ):
        node = nodes[node_id]
        assert isinstance(node, ChoiceNode) and node.step == step
        assert node.court is not None and node.court.status == "not-reached"
        assert any(q.pin == pin for q in node.court.quotes)


def test_justice_blackmuns_words_are_labelled_his_and_come_from_his_opinion() -> None:
    scenario, _ = load_scenario(SCENARIO)
    roles = {s.id: s.role for s in scenario.case.sources}
    spoken = [q for node in scenario.nodes.values() if node.court is not None for q in node.court.quotes]
    blackmun = [q for q in spoken if q.judge == "Blackmun"]
    assert blackmun and all(q.speaker == "concurrence" and roles[q.source or ""] == "concurrence" for q in blackmun)
    court = [q for q in spoken if q.speaker == "court"]
    assert court and all(roles[q.source or scenario.case.sources[0].id] == "majority" for q in court)
