"""Each shipped scenario, played through the engine along the court's path, reaches the
outcome the court actually reached, with full marks and full agreement.

The expected outcomes come from the opinions, not from the scenario files: Floyd's
opening paragraph (denial of qualified immunity affirmed for Quaine and Reynoso; the
City's appeal dismissed as premature) and Sigley's parts III.B-D and IV (Mockler not
entitled to qualified immunity, summary judgment reversed and remanded; the
failure-to-train dismissal reversed and remanded; the state-law dismissal affirmed).
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, walk_courts_path
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_scenario

EXPECTED = {
    "brosseau": ["qualified immunity granted", "constitutional question not decided", "reversed and remanded"],
    "scott": ["no fourth amendment violation", "summary judgment", "reversed"],
    "floyd-quaine": ["qualified immunity denied", "affirmed", "dismissed as premature"],
    "floyd-reynoso": ["qualified immunity denied", "affirmed", "dismissed as premature"],
    "floyd-city": ["dismissed as premature", "affirmed as to quaine and reynoso"],
    "sigley-mockler": ["qualified immunity denied", "reversed and remanded for trial"],
    "sigley-city": ["failure-to-train dismissal reversed and remanded", "not held liable", "state-law claims affirmed"],
    "garner": ["statute invalid as applied", "affirmed and remanded"],
    "graham": ["fourth amendment objective reasonableness governs", "vacated and remanded"],
    "saucier": ["qualified immunity granted", "reversed and remanded"],
    "pearson": ["qualified immunity granted", "constitutional question not decided", "reversed"],
}


def shipped() -> list[str]:
    return sorted(p.stem for p in bank_files(REPO / "scenarios"))


def test_every_shipped_scenario_has_an_expected_outcome() -> None:
    assert shipped() == sorted(EXPECTED)


@pytest.mark.parametrize("scenario_id", sorted(EXPECTED))
def test_the_court_path_reaches_the_courts_outcome_with_full_marks(scenario_id: str) -> None:
    scenario, _ = load_scenario(REPO / "scenarios" / f"{scenario_id}.yaml")
    assert scenario.id == scenario_id
    session = walk_courts_path(scenario)
    summary = session.summary()
    assert summary.end is not None
    said = f"{summary.end.outcome.result} {summary.end.outcome.disposition}".lower()
    said = " ".join(said.replace(";", " ").split())
    for words in EXPECTED[scenario_id]:
        assert words in said, f"{scenario_id}: expected {words!r} in {said!r}"
    assert summary.earned == pytest.approx(summary.possible) and summary.possible > 0
    assert summary.agreed == summary.agreement_counted
    assert summary.path == summary.court_path


@pytest.mark.parametrize("scenario_id", sorted(EXPECTED))
def test_the_right_answer_does_not_always_sit_in_one_place(scenario_id: str) -> None:
    """Choices are shown in file order: a student pressing 1 every time must not score."""
    scenario, _ = load_scenario(REPO / "scenarios" / f"{scenario_id}.yaml")
    places = [
        [c.correct for c in node.choices].index(True) + 1
        for node in scenario.nodes.values()
        if node.type == "choice" and node.select == "one"
    ]
    assert len(places) >= 3
    most = max(places.count(p) for p in set(places))
    assert most / len(places) <= 0.5, f"{scenario_id}: right answers at {places}"
