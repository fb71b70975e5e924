"""The glossary: its file checked like any vocabulary, terms found in what a student reads, entries reached."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tutor.checker.glossary_checks import check_glossary
from tutor.checker.verify import check_vocabulary
from tutor.cli import main
from tutor.paths import Locations
from tutor.scenario.glossary import lookup, terms_in
from tutor.scenario.load import load_context, load_model
from tutor.scenario.model import DoctrineFile, GlossaryFile
from tutor.study.glossary import DEFINITION
from tutor.ui.app import TutorApp
from tutor.ui.screens.glossary import GlossaryScreen

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "scenarios"
GLOSSARY = BANK / "glossary.yaml"


def shipped() -> GlossaryFile:
    return load_model(GLOSSARY, GlossaryFile)[0]


def test_the_shipped_glossary_is_clean_and_has_at_least_forty_terms() -> None:
    glossary, loaded = load_model(GLOSSARY, GlossaryFile)
    doctrine = load_model(BANK / "doctrine.yaml", DoctrineFile)[0]
    assert check_glossary(glossary, loaded, doctrine) == []
    assert len(glossary.terms) >= 40
    assert sum(bool(entry.quotes) for entry in glossary.terms.values()) >= 10  # where a court defines the term


def test_every_term_is_used_by_the_shipped_bank() -> None:
    from tutor.scenario.bank import scenario_files
    from tutor.scenario.load import load_scenario
    from tutor.study.glossary import scenario_texts

    glossary = shipped()
    used: set[str] = set()
    for path in scenario_files(Locations(data_dir=Path("/nonexistent"))):
        scenario = load_scenario(path)[0]
        texts = [t for node_id in scenario.nodes for t in scenario_texts(scenario, node_id)]
        texts += [c.feedback for n in scenario.nodes.values() for c in getattr(n, "choices", [])]
        used |= set(terms_in(glossary, texts))
    assert set(glossary.terms) - used == set()


def test_terms_are_found_by_name_or_alias_case_and_spacing_ignored_longest_first() -> None:
    glossary = shipped()
    text = "The Officer's SEIZURE was shown in  Summary\nJudgment; clearly established law, not seizures-ish."
    assert terms_in(glossary, [text]) == ["seizure", "summary judgment", "clearly established"]
    assert terms_in(glossary, ["unseizured words"]) == []  # whole words only
    assert lookup(glossary, "Seized") is not None and lookup(glossary, "Seized")[0] == "seizure"  # type: ignore[index]


def _bank_with(tmp_path: Path, glossary_text: str) -> Path:
    shutil.copytree(BANK / "sources", tmp_path / "sources")
    shutil.copy(BANK / "doctrine.yaml", tmp_path / "doctrine.yaml")
    path = tmp_path / "glossary.yaml"
    path.write_text(glossary_text, encoding="utf-8")
    return path


BROKEN = """\
format: 1
sources:
  - id: garner
    path: sources/tennessee-v-garner-court.txt
    role: majority
    citation: 471 U.S. 1 (1985)
terms:
  seizure:
    definition: A restraint of freedom to walk away.
    doctrine: [garnr]
    quotes:
      - text: Whenever an officer restrains the freedom of a person to walk away, he has seized that person.
        pin: 471 U.S. at 8
        speaker: court
  Seizure of the person:
    definition: Another entry.
    aliases: [SEIZURE]
"""


def test_the_checker_names_the_line_of_each_glossary_problem(tmp_path: Path) -> None:
    path = _bank_with(tmp_path, BROKEN)
    found = {(p.line, p.code, p.severity) for p in check_vocabulary(path)}
    assert found == {
        (10, "unknown-doctrine", "error"),
        (13, "pin-mismatch", "error"),
        (17, "duplicate-term", "error"),
    }


def test_validate_reports_a_glossary_like_any_vocabulary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bank_with(tmp_path, BROKEN)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:10:" in err and "did you mean garner?" in err and "'SEIZURE' is already the term 'seizure'" in err


def test_the_command_lists_the_terms_and_prints_an_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary"]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith(f"Glossary: {len(shipped().terms)} terms") and "- de novo" in listing
    assert main(["glossary", "interlocutory"]) == 0
    entry = capsys.readouterr().out
    assert entry.startswith("interlocutory appeal\n") and DEFINITION in entry
    assert "The court in Floyd v. City of Detroit" in entry and '(518 F.3d 398, "Standard of review")' in entry


def test_an_unknown_term_fails_with_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "seizur"]) == 1
    assert "Did you mean: seizure?" in capsys.readouterr().out


def test_a_bank_glossary_adds_to_the_shipped_one(tmp_path: Path) -> None:
    scenario = tmp_path / "case.yaml"
    scenario.write_text("", encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(
        "format: 1\nterms:\n  Monell:\n    definition: Our own words.\n"
        "  stop-and-frisk:\n    definition: A Terry stop.\n",
        encoding="utf-8",
    )
    glossary = load_context(scenario).glossary
    assert glossary is not None and "stop-and-frisk" in glossary.terms and "de novo" in glossary.terms
    assert check_glossary(*load_model(tmp_path / "glossary.yaml", GlossaryFile), None) == []


# --- reaching an entry from a marked term -----------------------------------------------------


async def test_g_opens_the_entry_of_a_term_in_the_question(data_dir: Path) -> None:
    app = TutorApp(Locations(data_dir=data_dir), BANK / "floyd-quaine.yaml", "tutor")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        terms = screen.terms
        assert terms[:3] == ["summary judgment", "genuine dispute of material fact", "qualified immunity"]
        assert "section 1983" in terms  # the facts' terms follow the question's
        options = screen.query_one(OptionList)
        options.highlighted = terms.index("qualified immunity")
        await pilot.pause()
        blocks = screen.query_one("#glossary-blocks")
        text = "\n".join(line for b in blocks.blocks for line in b.lines)  # type: ignore[attr-defined]
        assert text.startswith("qualified immunity\n") and DEFINITION in text and "Brosseau v. Haugen" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GlossaryScreen)


@pytest.fixture
def data_dir(isolated_data_dir: Path) -> Path:
    return isolated_data_dir


def test_plain_mode_reaches_an_entry_from_a_marked_term(data_dir: Path) -> None:
    from tests.test_plain import play

    done = play(data_dir, ["g", "g 1", "glossary de novo", "q"], str(BANK / "floyd-quaine.yaml"))
    out = done.stdout
    assert done.returncode == 0, done.stderr
    listed = out.index("Glossary terms here:")
    assert "  1. summary judgment" in out[listed:]
    entry = out.index("\nsummary judgment\n", listed)
    assert out.index(DEFINITION, entry) > entry
    assert "The court in Sigley v. City of Parma Heights" in out
