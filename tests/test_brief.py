"""The case brief: one for every shipped scenario, its quotes proved, every voice where it belongs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.checker.quote_checks import quote_problems
from tutor.cli import main
from tutor.scenario.bank import bank_files
from tutor.scenario.graph import court_path
from tutor.scenario.load import load_context, load_scenario
from tutor.scenario.model import EndNode, Scenario
from tutor.scenario.problems import LoadedFile
from tutor.sources.text import source_text
from tutor.study.brief import SEPARATE_HEADING, brief, render
from tutor.study.playable import load_playable
from tutor.study.quoted import NO_QUOTED
from tutor.study.said import COURT_HEADING, Block
from tutor.terminal_text import UNSAFE

REPO = Path(__file__).resolve().parent.parent
SHIPPED = bank_files(REPO / "scenarios")
HEADINGS = ("title", "section", "decision", "heading")


def built(path: Path) -> tuple[list[Block], Scenario, LoadedFile]:
    scenario, loaded = load_scenario(path)
    return brief(scenario, load_context(path), load_playable(path).quoted), scenario, loaded


def test_every_shipped_scenario_is_briefed() -> None:
    assert len(SHIPPED) >= 10 and not any(p.name == "glossary.yaml" for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_brief_proves_every_quote_it_gives_against_its_source(path: Path) -> None:
    blocks, scenario, loaded = built(path)
    quoted = [b.quote for b in blocks if b.quote is not None]
    assert quoted, "a brief with no words of the court"
    text = render(blocks, "txt")
    doctrine = load_context(path).doctrine
    own = {s.id for s in scenario.case.sources}
    for quote in quoted:
        citation = scenario.case.citation
        if quote.source is None or quote.source in own:
            source = scenario.source(quote.source)
        else:  # a later note marked `quoted` gives its doctrine entry's words, from the doctrine's sources
            assert doctrine is not None, quote.text[:60]
            entry = next(e for e in doctrine.entries.values() if quote.text in [q.text for q in e.quotes])
            source, citation = doctrine.source(quote.source), entry.citation
        opened = source_text(loaded.path.parent / source.path)  # a doctrine source's path is absolute
        found = list(quote_problems(quote, ("brief",), loaded, source, opened, citation))
        assert found == [], f"{quote.text[:60]}: {[p.message for p in found]}"
        assert f"“{' '.join(quote.text.split())}”" in " ".join(text.split())  # word for word, as proved


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_under_the_courts_heading_only_the_court_speaks(path: Path) -> None:
    blocks, _scenario, _loaded = built(path)
    under = None
    for b in blocks:
        if b.kind in HEADINGS:
            under = b.lines[0]
            continue
        if under == COURT_HEADING:
            assert b.kind in ("status", "court-text", "note", "quote"), f"{b.kind} under the court's heading"
            if b.quote is not None:
                assert b.quote.speaker not in ("concurrence", "dissent")
        if b.kind == "analysis":
            assert under is not None and under.startswith("The tutor's analysis")
        if b.quote is not None and b.quote.speaker in ("concurrence", "dissent"):
            assert under == SEPARATE_HEADING


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_courts_answer_only_where_a_court_decided(path: Path) -> None:
    blocks, scenario, _loaded = built(path)
    points = [n for n in court_path(scenario) if not isinstance(scenario.nodes[n], EndNode)]
    answers: list[list[str]] = []
    for b in blocks:
        if b.kind == "decision":
            answers.append([])
        elif b.kind == "answer" and answers:
            answers[-1].append(b.lines[0])
    assert len(answers) == len(points)
    for node_id, said in zip(points, answers, strict=True):
        held = scenario.nodes[node_id].court
        decided = held is not None and held.status == "decided"
        assert all(line.startswith("The court's answer") == decided for line in said if "model answer" not in line)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_the_brief_says_its_parts_in_both_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["brief", "floyd-quaine", "--format", fmt])
    out, _err = capsys.readouterr()
    assert code == 0
    for part in ("Floyd v. City of Detroit", "Posture", "Facts", "Floyd's account", "The decision points", "Outcome"):
        assert part in out
    assert "Since this decision" in out and "The court's answer" in out
    assert out.startswith("# Floyd v. City of Detroit\n") == (fmt == "md")


def test_a_separate_opinion_stands_under_its_own_heading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "scott", "--format", "txt"]) == 0
    out = capsys.readouterr().out
    separate = out.index(SEPARATE_HEADING)
    assert "Dissent (Stevens" in out[separate:]


def test_text_that_a_terminal_would_obey_never_reaches_the_brief() -> None:
    path = REPO / "scenarios" / "floyd-quaine.yaml"
    scenario, _loaded = load_scenario(path)
    # model_copy skips validation: the model refuses these, and the brief must not rely on that alone.
    hostile = scenario.model_copy(
        update={"case": scenario.case.model_copy(update={"posture": "Appeal \x1b]0;owned\x07 \u202eevil"})}
    )
    for fmt in ("md", "txt"):
        text = render(brief(hostile, load_context(path), NO_QUOTED), fmt)
        assert "Appeal" in text and not UNSAFE.search(text.replace("\n", ""))


def test_an_unknown_scenario_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "no-such-case"]) == 2
    assert "no scenario with id no-such-case" in capsys.readouterr().err


def test_the_brief_can_be_written_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "brief.md"
    assert main(["brief", "garner", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Tennessee v. Garner")
    assert "wrote" in capsys.readouterr().err


async def test_b_on_the_summary_saves_a_brief_in_the_profile_folder(isolated_data_dir: Path) -> None:
    from tests.ui.conftest import wait_for
    from tests.ui.driver import answer
    from tutor.engine.session import court_response
    from tutor.paths import Locations
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.scenario import ScenarioScreen
    from tutor.ui.screens.summary import SummaryScreen

    locations = Locations(data_dir=isolated_data_dir)
    app = TutorApp(locations, REPO / "scenarios" / "brosseau.yaml", "tutor")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        while not screen.session.finished:
            node = screen.session.question()
            await answer(pilot, node, court_response(node))
            await pilot.press("n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.press("b")
        await pilot.pause()
        saved = locations.briefs / "brosseau-brief.md"
        assert saved.is_file() and saved.read_text(encoding="utf-8").startswith("# Brosseau v. Haugen")
        assert any(str(saved) in str(n.message) for n in app._notifications)
