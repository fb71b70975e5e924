"""Brosseau v. Haugen, played along the Court's path, reaches the Court's judgment.

The expected judgment comes from the per curiam itself (543 U.S. at 198, 201): the
Ninth Circuit reversed and the case remanded, Brosseau immune, and the constitutional
question left undecided ("We express no view").
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.engine import Session
from tutor.scenario.load import load_scenario
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote

SCENARIO = REPO / "scenarios" / "brosseau.yaml"
DISPOSITION = (
    "The judgment of the United States Court of Appeals for the Ninth Circuit is therefore reversed, "
    "and the case is remanded for further proceedings consistent with this opinion."
)


def _played() -> Session:
    scenario, _ = load_scenario(SCENARIO)
    session = walk_courts_path(scenario)
    return session


def test_the_courts_path_ends_in_immunity_reversed_and_remanded() -> None:
    summary = _played().summary()
    assert summary.end is not None
    assert summary.end.outcome.disposition == "Reversed and remanded"
    result = summary.end.outcome.result.lower()
    assert "qualified immunity granted" in result
    assert "constitutional question not decided" in result
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    assert summary.path == summary.court_path


def test_the_end_node_quotes_the_per_curiams_disposition_at_its_page() -> None:
    scenario, _ = load_scenario(SCENARIO)
    court = scenario.nodes["end"].court
    assert court is not None
    court_quotes = [q for q in court.quotes if q.speaker == "court"]
    assert [" ".join(q.text.split()) for q in court_quotes] == [DISPOSITION]
    source = SCENARIO.parent / scenario.source(court_quotes[0].source).path
    assert source.name == "brosseau-v-haugen-per-curiam.txt"
    location = locate_quote(DISPOSITION, source)
    assert location is not None
    assert pin_of(location, scenario.case.citation) == court_quotes[0].pin == "543 U.S. at 201"


def test_the_constitutional_question_is_not_reached_in_the_courts_own_words() -> None:
    scenario, _ = load_scenario(SCENARIO)
    node = scenario.nodes["constitutional-question"]
    assert node.court is not None and node.court.status == "not-reached"
    assert node.court.quotes[0].speaker == "court"
    assert node.court.quotes[0].text.startswith("We express no view")


def test_the_separate_opinions_are_labelled_and_never_the_courts() -> None:
    scenario, _ = load_scenario(SCENARIO)
    roles = {s.id: s.role for s in scenario.case.sources}
    seen: dict[str, set[str]] = {"concurrence": set(), "dissent": set()}
    for node in scenario.nodes.values():
        for quote in node.court.quotes if node.court else []:
            role = roles[quote.source or scenario.case.sources[0].id]
            if quote.speaker in ("court", "court-quoting"):
                assert role == "majority", (quote.text, role)
            if quote.speaker in seen:
                assert role == quote.speaker and quote.judge
                seen[quote.speaker].add(quote.judge)
    assert seen == {"concurrence": {"Breyer, J."}, "dissent": {"Stevens, J."}}
