"""The six shipped Supreme Court texts: one file per opinion, pages right in every marker form.

The fixture scenarios in tests/data/supreme-court quote the shipped Garner and Scott
texts; each pin below is the page read off the markers by hand (the first page is 3,
the break before "feasible" is 11-12, footnote 7 runs from 6 onto 7, and Blackstone's
"Commentaries *289" is text on page 12).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote
from tutor.sources.text import source_text

REPO = Path(__file__).resolve().parent.parent.parent
SOURCES = REPO / "scenarios" / "sources"
FIXTURES = REPO / "tests" / "data" / "supreme-court"
GARNER = SOURCES / "tennessee-v-garner-court.txt"
CASES = ("tennessee-v-garner", "scott-v-harris", "graham-v-connor", "brosseau-v-haugen", "pearson-v-callahan")
SHIPPED = sorted(p for p in SOURCES.glob("*.txt") if p.name.startswith((*CASES, "saucier-v-katz")))

GARNER_PINS = [
    ("This case requires us to determine the constitutionality of the use of deadly force", "471 U.S. at 3"),
    ("In fact, Garner, an eighth-grader, was 15.", "471 U.S. at 4 n.2"),
    ("The State of Tennessee, which had intervened to defend the statute", "471 U.S. at 7"),
    ("Where the officer has probable cause to believe that the suspect poses a threat", "471 U.S. at 11"),
    ("deadly force may be used if necessary to prevent escape, and if, where feasible", "471 U.S. at 11-12"),
    ("See also 4 W. Blackstone, Commentaries *289", "471 U.S. at 12"),
    ("The Court of Appeals concluded that the rule set out in the Model Penal Code", "471 U.S. at 6 n.7"),
    ("that (1) the crime for which the arrest is made involved conduct", "471 U.S. at 7 n.7"),
    ("The roots of the concept of a “felony” lie not in capital punishment", "471 U.S. at 13 n.11"),
    ("4 W. Blackstone, Commentaries *98", "471 U.S. at 13 n.11"),
]


@pytest.mark.parametrize(("quote", "pin"), GARNER_PINS)
def test_each_garner_quote_is_on_the_page_the_markers_give(quote: str, pin: str) -> None:
    location = locate_quote(quote, GARNER)
    assert location is not None
    assert pin_of(location, "471 U.S. 1 (1985)") == pin


def _bank(tmp_path: Path, fixture: str, prefix: str, edits: tuple[tuple[str, str], ...] = ()) -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    for path in SOURCES.glob(prefix + "*"):
        shutil.copy(path, tmp_path / "sources")
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    scenario = tmp_path / fixture
    scenario.write_text(text, encoding="utf-8")
    return scenario


@pytest.mark.parametrize(
    ("fixture", "prefix"), [("garner.yaml", "tennessee-v-garner"), ("scott.yaml", "scott-v-harris")]
)
def test_the_fixture_scenarios_validate_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, prefix: str
) -> None:
    code = main(["validate", "--strict", str(_bank(tmp_path, fixture, prefix))])
    assert code == 0, capsys.readouterr().err


def _errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], *edits: tuple[str, str]) -> str:
    capsys.readouterr()
    code = main(["validate", str(_bank(tmp_path, "scott.yaml", "scott-v-harris", edits))])
    err = capsys.readouterr().err
    assert code != 0
    return err


def test_scott_quotes_take_supreme_court_reporter_pins_and_refuse_us_reports_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _errors(tmp_path, capsys, ("pin: 127 S. Ct. at 1776", "pin: 550 U.S. at 1776"))
    assert "the pin cites 550 U.S., but the source's pages are 127 S. Ct. pages [pin-mismatch]" in err
    assert "write: 127 S. Ct. at 1776" in err
    err = _errors(tmp_path, capsys, ("pin: 127 S. Ct. at 1776", "pin: at 1776"))
    assert "must name 127 S. Ct." in err


def test_a_quote_labelled_the_courts_must_stand_in_the_courts_opinion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _errors(
        tmp_path,
        capsys,
        ("          speaker: concurrence\n          judge: Breyer\n", "          speaker: court\n"),
    )
    assert "a court quote from the concurrence (breyer) [speaker-source]" in err
    err = _errors(
        tmp_path,
        capsys,
        (
            "          judge: Stevens\n          source: stevens\n",
            "          judge: Stevens\n          source: breyer\n",
        ),
    )
    assert "a dissent quote from source breyer, which is the concurrence [speaker-source]" in err


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_opinion_has_its_header_errata_and_pages_in_order(path: Path) -> None:
    header = path.read_text(encoding="utf-8").split("=" * 66)[0]
    for key in ("CASE", "CITATION", "COURT", "DATE", "OPINION", "SOURCE", "U.S. REPORTS PAGE NUMBERS", "KNOWN DAMAGE"):
        assert re.search(rf"^{re.escape(key)}[ (:]", header, re.MULTILINE), key
    src = source_text(path)
    assert src.errata.file is not None and not src.errata.problems
    assert src.problems == ()
    assert src.paged == (not path.name.startswith("saucier-v-katz")), "Saucier's copy has no pages"


def test_one_file_per_opinion() -> None:
    assert [p.name.removesuffix(".txt") for p in SHIPPED] == [
        "brosseau-v-haugen-breyer-concurring",
        "brosseau-v-haugen-per-curiam",
        "brosseau-v-haugen-stevens-dissenting",
        "graham-v-connor-blackmun-concurring",
        "graham-v-connor-court",
        "pearson-v-callahan-court",
        "saucier-v-katz-court",
        "saucier-v-katz-ginsburg-concurring",
        "saucier-v-katz-souter-concurring-dissenting",
        "scott-v-harris-breyer-concurring",
        "scott-v-harris-court",
        "scott-v-harris-ginsburg-concurring",
        "scott-v-harris-stevens-dissenting",
        "tennessee-v-garner-court",
    ]


def test_the_guides_supreme_court_example_is_the_garner_fixture() -> None:
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- supreme-court-example[^>]*-->\n```yaml\n(.*?)\n```", guide, re.DOTALL)
    assert found, "docs/authoring.md lost its Supreme Court worked example"
    assert found.group(1) + "\n" == (FIXTURES / "garner.yaml").read_text(encoding="utf-8")


def test_the_opinion_view_says_a_quote_stands_in_a_footnote() -> None:
    from tutor.sources.passage import where

    location = locate_quote("In fact, Garner, an eighth-grader, was 15.", GARNER)
    assert where(location).startswith("Found on page *4, footnote 2, paragraph ")
