"""`qi-tutor source import` on real saved pages: the words kept, pages and footnotes placed, the text quotable.

Each fixture in tests/data/import is a saved public opinion page (or a cut from one);
its first line names the CourtListener opinion or Caselaw Access Project case it is.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.sources.importer import import_plain
from tutor.sources.pins import pin_of
from tutor.sources.quotes import locate_quote
from tutor.sources.text import source_text
from tutor.sources.words import MarkerForm, words_of

BRACKETED = MarkerForm(bracketed=True)

REPO = Path(__file__).resolve().parent.parent
IMPORT = REPO / "tests" / "data" / "import"
KAUPP = IMPORT / "kaupp-courtlistener-cap.html"
VENTRESCA = IMPORT / "ventresca-courtlistener.html"
MACINTOSH = IMPORT / "macintosh-cap.html"
OLIVER = IMPORT / "oliver-cap.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _words(text: str) -> list[str]:
    """The page's words as the checker compares them, markup, page markers and footnote calls taken out."""
    text = re.sub(
        r'<span[^>]*class="star-pagination"[^>]*>[^<]*</span>|<a[^>]*class="page-label"[^>]*>[^<]*</a>', "", text
    )
    text = re.sub(r'<a class="footnote(mark)?"[^>]*>[^<]*</a>|<a href="#ref[^>]*>[^<]*</a>', " ", text)
    text = re.sub(r"<sup>\[\d+\]</sup>|<!--.*?-->|<[^>]+>", " ", text, flags=re.S)
    return words_of(html.unescape(text), BRACKETED)


@pytest.mark.parametrize("page", [KAUPP, VENTRESCA, MACINTOSH, OLIVER], ids=lambda p: p.name)
def test_the_first_line_names_the_courtlistener_opinion_or_cap_case(page: Path) -> None:
    first = page.read_text(encoding="utf-8").split("\n", 1)[0]
    assert re.match(r'<!-- (CourtListener opinion|Caselaw Access Project case) \d+ \(|\{"id": \d+,$', first), first


def test_a_cap_derived_page_becomes_a_quotable_source_with_its_footnote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "source", "import", str(KAUPP), "--output", str(tmp_path))
    assert code == 0
    made = tmp_path / "kaupp-courtlistener-cap.txt"
    assert f"{made}: majority, 3 paragraphs, pages 627-628, 1 footnotes" in out
    assert "not placed" not in out
    assert (tmp_path / "kaupp-courtlistener-cap.errata.yaml").is_file()
    src = source_text(made)
    assert src.problems == () and src.markers.bracketed
    assert src.keys == _words(KAUPP.read_text(encoding="utf-8").split("\n", 1)[1])
    for quote, pin in [
        ("This case turns on the Fourth Amendment rule", "538 U.S. at 627"),
        ("but the brother failed a polygraph examination", "538 U.S. at 627-28"),
        ("to obtain a warrant to question Kaupp. Detective Gregory Pinkins", "538 U.S. at 628"),
        ("The detectives applied to the district attorney’s office", "538 U.S. at 628 n.1"),
    ]:
        location = locate_quote(quote, made)
        assert location is not None, quote
        assert pin_of(location, "538 U.S. 626 (2003)") == pin


def test_a_lawbox_page_keeps_its_words_and_says_what_it_could_not_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "source", "import", str(VENTRESCA), "--output", str(tmp_path))
    assert code == 0 and "pages 103-105" in out
    assert "not placed: footnote 1 is called in the text, but the page does not hold its text" in out
    made = tmp_path / "ventresca-courtlistener.txt"
    assert made.read_text(encoding="utf-8").startswith("CASE: UNITED STATES v. VENTRESCA.\n")
    assert source_text(made).keys == _words(VENTRESCA.read_text(encoding="utf-8").split("\n", 1)[1])
    location = locate_quote("The Court of Appeals reasoned that all of the information", made)
    assert location is not None and pin_of(location, "380 U.S. 102 (1965)") == "380 U.S. at 104-05"
    location = locate_quote("shall not be violated, and no Warrants shall issue", made)
    assert location is not None and location.pages == (105, 105)


def test_import_refuses_to_overwrite_and_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "source", "import", str(KAUPP), "--output", str(tmp_path))[0] == 0
    code, _, err = run(capsys, "source", "import", str(KAUPP), "--output", str(tmp_path))
    assert code == 2 and "--force" in err
    assert run(capsys, "source", "import", str(KAUPP), "--output", str(tmp_path), "--force")[0] == 0
    code, _, err = run(capsys, "source", "import", str(tmp_path / "none.html"))
    assert code == 2 and "no such file" in err


def test_plain_text_star_pages_out_of_sequence_stay_text() -> None:
    """The shipped Garner text with its markers bare again, as a plain copy has them."""
    shipped = (REPO / "scenarios" / "sources" / "tennessee-v-garner-court.txt").read_text(encoding="utf-8")
    body = shipped.split("=" * 66, 3)[2].split("=" * 66)[0]
    result = import_plain(re.sub(r"\[\*(\d+)\]", r"*\1", body))
    (opinion,) = result.opinions
    assert opinion.pages == list(range(3, 23))
    assert result.unplaced == ["*289 does not follow page 12: kept as text, not a page marker"]
    assert any("Commentaries *289." in p for p in opinion.paragraphs)


def test_a_cap_page_keeps_words_split_by_a_page_and_pins_its_footnote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "source", "import", str(MACINTOSH), "--output", str(tmp_path))
    assert code == 0 and "majority, 22 paragraphs, pages 493-496, 1 footnotes" in out and "not placed" not in out
    made = tmp_path / "macintosh-cap.txt"
    src = source_text(made)
    assert src.problems == ()
    assert src.keys == _words(MACINTOSH.read_text(encoding="utf-8").split("\n", 1)[1])
    # "there*496on": the page breaks inside the word, and the word stays whole.
    assert "thereon" in src.keys
    for quote, pin in [
        ("The intrusion of the defendant thereon was, therefore, a trespass", "1 Alaska at 495-96"),
        ("U. S. Comp. St. 1901, p. 1467.", "1 Alaska at 494 n.1"),
    ]:
        location = locate_quote(quote, made)
        assert location is not None, quote
        assert pin_of(location, "1 Alaska 492 (1902)") == pin


def test_a_cap_json_case_keeps_its_words_and_says_it_has_no_page_breaks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "source", "import", str(OLIVER), "--output", str(tmp_path))
    assert code == 0 and "oliver-cap.txt: majority, " in out and "no page markers" in out
    assert "not placed: the JSON gives only the case's pages (1-4), no page breaks" in out
    made = tmp_path / "oliver-cap.txt"
    data = json.loads(OLIVER.read_text(encoding="utf-8"))
    expected = words_of(data["casebody"]["head_matter"] + "\n" + data["casebody"]["opinions"][0]["text"], BRACKETED)
    assert source_text(made).keys == expected
    assert not source_text(made).paged
