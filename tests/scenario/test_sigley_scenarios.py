"""The Sigley scenarios teach what the Sixth Circuit actually did, and say who is speaking.

The generic bank tests prove every quote is in its source; these pin down the case's
substance: the outcome on the court's path for each defendant, that the dissent is
quoted only from its excerpt and labelled as the dissent, that Enyart is never taught as
the court's rule, and that later law stays out of the court's mouth.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.engine.session import counts_for_agreement, court_path, court_response
from tutor.scenario.load import load_model, load_scenario
from tutor.scenario.model import ChoiceNode, DoctrineFile, EndNode, FactorsNode, ShortNode

MOCKLER = REPO / "scenarios" / "sigley-mockler.yaml"
CITY = REPO / "scenarios" / "sigley-city.yaml"


def court_end(path):
    scenario = load_scenario(path)[0]
    end = scenario.nodes[court_path(scenario)[-1]]
    assert isinstance(end, EndNode)
    return scenario, end


def test_mocklers_path_ends_with_immunity_denied_and_a_trial() -> None:
    _, end = court_end(MOCKLER)
    assert end.outcome.result.startswith("Qualified immunity denied")
    assert "reversed and remanded for trial" in end.outcome.disposition.lower()


def test_the_citys_path_reverses_for_causation_and_affirms_the_state_claims() -> None:
    scenario, end = court_end(CITY)
    assert "reversed and remanded for a causation determination" in end.outcome.result
    assert "not held liable" in end.outcome.result
    assert "affirmed" in end.outcome.disposition
    state = scenario.nodes["state-claims"]
    assert isinstance(state, ChoiceNode)
    assert court_response(state) == ["affirm-not-appealed"]


def test_the_officer_scenario_has_ten_decisions_and_every_node_type() -> None:
    scenario = load_scenario(MOCKLER)[0]
    questions = [n for n in court_path(scenario) if not isinstance(scenario.nodes[n], EndNode)]
    assert len(questions) >= 10
    kinds = {type(scenario.nodes[n]) for n in questions}
    assert {ChoiceNode, FactorsNode, ShortNode} <= kinds
    graham = scenario.nodes["graham-factors"]
    assert isinstance(graham, FactorsNode)
    assert {f.id for f in graham.factors if not f.court_weighed} == {"severity", "flight"}
    assert all(f.answer == "disputed" for f in graham.factors if f.court_weighed)


@pytest.mark.parametrize("path", [MOCKLER, CITY], ids=lambda p: p.stem)
def test_the_dissent_speaks_only_from_its_excerpt(path) -> None:
    scenario = load_scenario(path)[0]
    for node in scenario.nodes.values():
        for quote in node.court.quotes if node.court else []:
            from_dissent = scenario.source(quote.source).role == "dissent"
            assert from_dissent == (quote.speaker == "dissent"), quote.text
            if from_dissent:
                assert quote.judge == "Batchelder" and "(Batchelder, J., dissenting)" in quote.pin


def test_enyart_is_the_plaintiffs_authority_not_the_courts_rule() -> None:
    scenario = load_scenario(MOCKLER)[0]
    node = scenario.nodes["enyart"]
    assert isinstance(node, ChoiceNode)
    assert court_response(node) == ["recounted-jury"]
    adopts = next(c for c in node.choices if c.id == "adopts")
    assert not adopts.correct and adopts.misconception == "party-argument-is-holding"


@pytest.mark.parametrize("path", [MOCKLER, CITY], ids=lambda p: p.stem)
def test_later_law_is_never_the_courts(path) -> None:
    scenario = load_scenario(path)[0]
    later_keys = {
        "pearson",
        "scott-v-harris",
        "plumhoff",
        "mullenix",
        "kisela",
        "emmons",
        "torres",
        "barnes",
        "rivas-villegas",
        "estate-of-kirby",
    }
    for node_id, node in scenario.nodes.items():
        assert not later_keys & set(getattr(node, "doctrine", [])), node_id
        if getattr(node, "step", None) == "today":
            assert node.court is None and node.later, node_id


def test_the_undisputed_severity_and_flight_rows_are_scored_alike() -> None:
    """D25: both facts are undisputed and both meet Garner's limit, so one answer fits both."""
    graham = load_scenario(MOCKLER)[0].nodes["graham-factors"]
    assert isinstance(graham, FactorsNode)
    rows = {f.id: f for f in graham.factors}
    assert rows["severity"].answer == rows["flight"].answer == "officer"
    assert all("Garner" in rows[r].explanation for r in ("severity", "flight"))


def test_the_grid_does_not_ask_for_the_estates_facts_where_it_scores_disputed() -> None:
    """D3: the instruction asks the Rule 56 question the scored rows answer, not the immunity lens."""
    graham = load_scenario(MOCKLER)[0].nodes["graham-factors"]
    assert isinstance(graham, FactorsNode)
    instruction = " ".join(graham.prompt.split())
    assert "a jury must decide it" in instruction
    assert "reading disputed facts in the estate's favour and marking" not in instruction


# Review §7: the decision points that belong to Sigley, item -> (scenario, node id). The other
# items belong to the Floyd scenarios; item 9 is the doctrine vocabulary, checked below.
SECTION_7 = {
    1: (MOCKLER, "posture"),  # the posture contrast, Sigley's side
    5: (MOCKLER, "notice-authority"),  # Mockler's notice; the majority's answer to Brosseau follows at `brosseau`
    7: (MOCKLER, "split-second"),  # split-second judgments when the sequence is disputed
    8: (MOCKLER, "today-scott"),  # the Scott v. Harris exception
    11: (CITY, "state-claims"),  # the state-law claims, argued (*532) then not appealed (*538)
    12: (MOCKLER, "today-barnes"),  # Mockler's positioning before the shot
}
# Nodes added in the tutor's voice: they must never count as agreement with the court.
TUTORS_VOICE = {(MOCKLER, "split-second"), (MOCKLER, "today-scott"), (MOCKLER, "today-barnes")}
BACKGROUND = ["mitchell-v-forsyth", "owen-v-independence", "swint", "canton-v-harris", "bryan-county", "brower"]
BACKGROUND += ["hodari-d", "county-of-sacramento-v-lewis", "brendlin"]


@pytest.mark.parametrize("item", sorted(SECTION_7))
def test_each_missing_decision_point_has_its_node(item: int) -> None:
    path, node_id = SECTION_7[item]
    assert node_id in load_scenario(path)[0].nodes


@pytest.mark.parametrize(("path", "node_id"), sorted(TUTORS_VOICE), ids=lambda v: getattr(v, "stem", v))
def test_the_tutors_own_nodes_never_count_as_agreement(path: Path, node_id: str) -> None:
    node = load_scenario(path)[0].nodes[node_id]
    assert not counts_for_agreement(node)  # type: ignore[arg-type]
    assert node.analysis and (node.court is None or node.court.status != "decided")  # type: ignore[union-attr]


def test_the_posture_node_quotes_sigley_on_its_own_posture_and_labels_the_comparison() -> None:
    node = load_scenario(MOCKLER)[0].nodes["posture"]
    assert node.court is not None and node.court.status == "decided"
    assert any("de novo" in q.text for q in node.court.quotes)
    assert "The tutor's comparison, not the court's" in node.court.reasoning  # type: ignore[operator]


def test_the_background_entries_say_they_are_background() -> None:
    doctrine = load_model(REPO / "scenarios" / "doctrine.yaml", DoctrineFile)[0]
    for key in BACKGROUND:
        entry = doctrine.entries[key]
        assert not entry.quotes, key  # none of their texts is shipped
        assert "Background" in entry.rule or "our text" in entry.rule, key
