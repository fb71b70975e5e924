"""Pages from every documented marker form: bracketed, another reporter's, bare; omissions; footnotes after the text."""

from __future__ import annotations

from pathlib import Path

from tutor.sources.pins import PagePin, cite_mismatch, parse_pin, pin_of
from tutor.sources.quotes import QuoteLocation, locate_quote
from tutor.sources.text import source_text

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
EXCERPT = PAGES / "excerpt.txt"


def found(quote: str, path: Path = EXCERPT) -> QuoteLocation:
    location = locate_quote(quote, path)
    assert location is not None, quote
    return location


def test_bracketed_markers_start_pages_and_a_bare_star_page_is_the_courts_text() -> None:
    assert found("The officer saw the man").pages == (7, 7)
    assert found("Blackstone wrote of this in 4 Commentaries *289 long ago").pages == (7, 7)
    assert found("runs onto page eight before it ends").pages == (7, 8)
    src = source_text(EXCERPT)
    assert 289 not in src.pages.numbers and src.problems == ()


def test_a_footnote_call_is_not_a_word() -> None:
    location = found("leave the house. She followed him down the street")
    assert location.pages == (7, 7) and location.footnote is None


def test_an_omission_leaves_the_pages_unknown_until_the_next_marker() -> None:
    assert found("Words after the gap whose page no marker gives").pages is None
    assert found("After the gap the text resumes on page eleven").pages == (11, 11)


def test_a_footnote_after_the_text_is_on_its_calls_page_and_its_own_markers_move_only_it() -> None:
    first = found("The first footnote stands on page seven")
    assert (first.pages, first.footnote) == ((7, 7), 1)
    assert pin_of(first, "9 F.5th 5 (2021)") == "9 F.5th at 7 n.1"
    later = found("onto page eight of the report")
    assert (later.pages, later.footnote) == ((8, 8), 1)
    assert found("After the gap the text resumes").footnote is None


def test_markers_that_go_back_or_skip_pages_warn_with_their_line() -> None:
    problems = source_text(PAGES / "disorder.txt").problems
    assert [(p.line, p.code, p.severity) for p in problems] == [
        (2, "page-marker-order", "warning"),
        (3, "page-marker-order", "warning"),
    ]
    assert "skips pages after page 7" in problems[0].message
    assert "goes back after page 9" in problems[1].message


def test_another_reporters_pages_take_that_reporters_pins_and_refuse_the_case_citations() -> None:
    src = source_text(PAGES / "parallel.txt")
    assert src.markers.reporter == "127 S. Ct."
    location = found("on the page after", PAGES / "parallel.txt")
    assert location.pages == (1776, 1776)
    assert pin_of(location, "550 U.S. 372 (2007)", src.markers.reporter) == "127 S. Ct. at 1776"
    right, wrong, bare = (parse_pin(p) for p in ("127 S. Ct. at 1776", "550 U.S. at 1776", "at 1776"))
    assert isinstance(right, PagePin) and isinstance(wrong, PagePin) and isinstance(bare, PagePin)
    assert cite_mismatch(right, "550 U.S. 372 (2007)", "127 S. Ct.") is None
    assert "127 S. Ct. pages" in (cite_mismatch(wrong, "550 U.S. 372 (2007)", "127 S. Ct.") or "")
    assert "must name 127 S. Ct." in (cite_mismatch(bare, "550 U.S. 372 (2007)", "127 S. Ct.") or "")


def test_bare_markers_of_any_length_are_pages_and_an_undeclared_reporter_page_warns() -> None:
    bare = PAGES / "bare.txt"
    assert found("Justice White delivered the opinion", bare).pages == (3, 3)
    assert found("The opinion goes on to page four", bare).pages == (4, 4)
    (problem,) = source_text(bare).problems
    assert problem.code == "page-marker-order" and "*289 skips pages after page 4" in problem.message
    assert "MARKERS: [*N]" in (problem.hint or "")


def test_an_unreadable_marker_form_is_an_error_on_its_line() -> None:
    (problem,) = source_text(PAGES / "bad-form.txt").problems
    assert (problem.line, problem.code, problem.severity) == (1, "source-markers", "error")
