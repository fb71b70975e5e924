"""The shipped bank's legal fidelity: every scenario passes the checker, every quote is in its source at its pin.

This is the suite's proof that every sentence the tutor attributes to a court is the
court's own, copied from the shipped texts, and found where the pin says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.checker.checks import check_doctrine, check_misconceptions, check_scenario
from tutor.checker.walk import walk
from tutor.scenario.bank import bank_files
from tutor.scenario.load import DOCTRINE_FILE, MISCONCEPTIONS_FILE, load_context, load_model, load_scenario
from tutor.scenario.model import DoctrineFile, EndNode, MisconceptionFile
from tutor.sources.pins import HeadingPin, PagePin, heading_matches, parse_pin, pin_of
from tutor.sources.quotes import locate_quote
from tutor.sources.text import Heading
from tutor.sources.words import words_of

BANK = REPO / "scenarios"
SCENARIOS = [p for p in bank_files(BANK) if "sources" not in p.relative_to(BANK).parts]


def errors(problems: list) -> list[str]:
    return [p.render() + (f"\n    hint: {p.hint}" if p.hint else "") for p in problems if p.severity == "error"]


def test_the_bank_has_scenarios() -> None:
    assert SCENARIOS, "scenarios/ ships at least one scenario"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_passes_the_checker(path: Path) -> None:
    scenario, loaded = load_scenario(path)
    assert errors(check_scenario(scenario, loaded, load_context(path))) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_has_no_warning(path: Path) -> None:
    """No warning at all, test-taking cues included, so `validate --strict` passes and a cue added later fails here."""
    scenario, loaded = load_scenario(path)
    problems = check_scenario(scenario, loaded, load_context(path))
    assert [p.render() for p in problems if p.severity == "warning"] == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_quote_is_in_its_source_at_its_pin(path: Path) -> None:
    scenario, loaded = load_scenario(path)
    checked = 0
    for node in scenario.nodes.values():
        for quote in node.court.quotes if node.court else []:
            source = scenario.source(quote.source)
            location = locate_quote(quote.text, loaded.path.parent / source.path)
            assert location is not None, f"not in {source.path}: {quote.text}"
            assert not location.damaged or "[sic]" in quote.text, f"reproduces damage: {quote.text}"
            expected = parse_pin(pin_of(location, scenario.case.citation) or "")
            assert parse_pin(quote.pin) is not None
            assert _same_place(parse_pin(quote.pin), expected), (
                f"{quote.pin!r} should be {pin_of(location, scenario.case.citation)!r}: {quote.text}"
            )
            checked += 1
    assert checked, "a scenario quotes its court"


def _same_place(pin: object, expected: object) -> bool:
    """Page pins agree on pages; heading pins on the heading (by the checker's word rule)."""
    if isinstance(pin, PagePin) and isinstance(expected, PagePin):
        return (pin.first, pin.last) == (expected.first, expected.last)
    if isinstance(pin, HeadingPin) and isinstance(expected, HeadingPin):
        return heading_matches(pin.heading, Heading(0, expected.heading, tuple(words_of(expected.heading))))
    return False


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_the_courts_path_reaches_an_end_with_full_marks(path: Path) -> None:
    scenario, _ = load_scenario(path)
    result = walk(scenario)
    assert isinstance(scenario.nodes[result.court_path[-1]], EndNode)
    assert result.court_full_marks, f"the court earns {result.court_earned} of {result.court_possible}"


def test_the_doctrine_file_quotes_its_sources_word_for_word() -> None:
    assert errors(check_doctrine(*load_model(BANK / DOCTRINE_FILE, DoctrineFile))) == []


def test_the_misconceptions_are_distinct() -> None:
    assert check_misconceptions(*load_model(BANK / MISCONCEPTIONS_FILE, MisconceptionFile)) == []
