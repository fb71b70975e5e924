"""Scott v. Harris, played along the Court's path, reaches the Court's judgment.

The expected judgment comes from the opinion of the Court itself (127 S. Ct. at 1779):
no Fourth Amendment violation, Scott entitled to summary judgment, the Eleventh Circuit
reversed; clearly established law never reached. Scott's shipped copy carries only
127 S. Ct. pages, so every pin is a 127 S. Ct. pin.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.scenario.load import load_scenario
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote
from tutor.sources.text import source_text

SCENARIO = REPO / "scenarios" / "scott.yaml"
DISPOSITION = "The Court of Appeals' decision to the contrary is reversed."


def test_the_courts_path_ends_in_no_violation_and_reversal() -> None:
    scenario, _ = load_scenario(SCENARIO)
    session = walk_courts_path(scenario)
    summary = session.summary()
    assert summary.end is not None
    assert summary.end.outcome.disposition == "Reversed"
    assert "no fourth amendment violation" in summary.end.outcome.result.lower()
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    assert summary.path == summary.court_path


def test_the_end_node_quotes_the_courts_disposition_at_its_page() -> None:
    scenario, _ = load_scenario(SCENARIO)
    court = scenario.nodes["end"].court
    assert court is not None
    quote = next(q for q in court.quotes if q.text == DISPOSITION)
    assert quote.speaker == "court"
    source = SCENARIO.parent / scenario.source(quote.source).path
    assert source.name == "scott-v-harris-court.txt"
    location = locate_quote(DISPOSITION, source)
    assert location is not None
    # The copy's markers are 127 S. Ct. pages, which its header declares; a 550 U.S. pin is refused.
    reporter = source_text(source).markers.reporter
    assert reporter == "127 S. Ct."
    assert pin_of(location, scenario.case.citation, reporter) == quote.pin == "127 S. Ct. at 1779"


def test_there_is_no_question_on_the_conceded_seizure() -> None:
    scenario, _ = load_scenario(SCENARIO)
    assert all(getattr(node, "step", None) != "seizure" for node in scenario.nodes.values())


def test_clearly_established_law_is_not_reached() -> None:
    scenario, _ = load_scenario(SCENARIO)
    node = scenario.nodes["clearly-established"]
    assert node.court is not None and node.court.status == "not-reached"


def test_every_pin_is_a_supreme_court_reporter_pin_and_separate_opinions_are_labelled() -> None:
    scenario, _ = load_scenario(SCENARIO)
    roles = {s.id: s.role for s in scenario.case.sources}
    judges: dict[str, set[str]] = {"concurrence": set(), "dissent": set()}
    for node in scenario.nodes.values():
        for quote in node.court.quotes if node.court else []:
            assert quote.pin.startswith("127 S. Ct. at "), quote.pin
            role = roles[quote.source or scenario.case.sources[0].id]
            if quote.speaker in ("court", "court-quoting", "lower-court"):
                assert role == "majority", (quote.text, role)
            if quote.speaker in judges:
                assert role == quote.speaker and quote.judge
                judges[quote.speaker].add(quote.judge)
    assert judges == {"concurrence": {"Breyer, J.", "Ginsburg, J."}, "dissent": {"Stevens, J."}}
