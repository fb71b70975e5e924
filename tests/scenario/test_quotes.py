"""The quote rules on the shipped opinion texts: what matches, what does not, and where it stands."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REPO
from tutor.sources.pins import HeadingPin, PagePin, find_heading, page_range, parse_pin, pin_of
from tutor.sources.quotes import locate_quote, search_quote
from tutor.sources.text import source_text
from tutor.sources.words import words_of

SOURCES = REPO / "scenarios" / "sources"
FLOYD = SOURCES / "floyd-v-city-of-detroit.txt"
FLOYD_OPENING = SOURCES / "floyd-opening-excerpt.txt"
SIGLEY = SOURCES / "sigley-v-city-of-parma-heights.txt"
DISSENT = SOURCES / "sigley-dissent-excerpt.txt"


def found(quote: str, source: Path) -> str:
    """The source text a located quote covers."""
    location = locate_quote(quote, source)
    assert location is not None, quote
    return source_text(source).text[location.start : location.end]


def test_case_punctuation_and_brackets_are_formatting() -> None:
    assert found("[T]he district court denied the motion; finding that genuine issues", FLOYD).startswith(
        "the district court denied the motion,finding"
    )


def test_a_star_page_between_words_is_dropped_and_inside_a_word_joins_it() -> None:
    assert found("regarding where the meeting should take place, Davis finally agreed", SIGLEY).endswith(
        "*530place, Davis finally agreed"
    )
    assert found("Plaintiff alleged that the Defendants, acting under", SIGLEY).startswith("Plaintiff al*532leged")


def test_a_possessive_the_seed_dropped_still_matches() -> None:
    assert found("Quaine's reliance on Adams and Cameron, however, is misplaced.", FLOYD).startswith("quaine reliance")
    assert locate_quote("Quaines reliance on Adams and Cameron", FLOYD) is None, "only 's is formatting"


@pytest.mark.parametrize("ellipsis", ["...", ". . .", "…"])
def test_an_ellipsis_joins_fragments_of_one_paragraph_in_order(ellipsis: str) -> None:
    quote = (
        f"Floyd, who was unarmed, claims {ellipsis} the officers violated his constitutional rights by "
        "using excessive force"
    )
    location = locate_quote(quote, FLOYD_OPENING)
    assert location is not None and len(location.spans) == 2
    text = source_text(FLOYD_OPENING).text
    assert [text[a:b] for a, b in location.spans] == [
        "Floyd, who was unarmed, claims",
        "the officers violated his constitutional rights by using excessive force",
    ]


def test_fragments_out_of_order_or_in_two_paragraphs_are_apart() -> None:
    src = source_text(FLOYD_OPENING)
    backwards = search_quote("the officers violated his constitutional rights ... Floyd, who was unarmed, claims", src)
    assert backwards.location is None and backwards.apart
    two_paragraphs = search_quote(
        "All three defendants filed a joint motion ... The district court denied the motion", src
    )
    assert two_paragraphs.location is None and two_paragraphs.apart


def test_a_quote_running_across_a_paragraph_break_is_not_found() -> None:
    result = search_quote(
        "filed a joint motion for summary judgment. The district court denied the motion", source_text(FLOYD_OPENING)
    )
    assert result.location is None
    assert "paragraph" in result.missing[0][1]


def test_the_courts_own_sic_may_be_quoted_with_or_without_it() -> None:
    assert found("the car into Detective Mocker’s [sic] path either knowingly or recklessly", SIGLEY).endswith(
        "recklessly"
    )
    assert locate_quote("turned the car into Detective Mocker’s path", SIGLEY) is not None


def test_short_fragments_are_reported() -> None:
    result = search_quote("Floyd ... claims that the officers fired on him", source_text(FLOYD_OPENING))
    assert result.short == ("Floyd",)


def test_a_miss_says_where_the_words_part() -> None:
    result = search_quote("Floyd, who was unarmed, claims that the officers shot him", source_text(FLOYD_OPENING))
    ((_fragment, why),) = result.missing
    assert 'the source has "fired" where the quote has "shot"' in why


def test_an_errata_reading_matches_and_the_damaged_span_needs_sic() -> None:
    src = source_text(FLOYD)
    corrected = search_quote("i don't have a gun", src)
    assert corrected.location is not None and not corrected.location.damaged
    damaged = search_quote("began yelling, I do have a gun.", src)
    assert damaged.location is not None and damaged.location.damaged and not damaged.sic
    marked = search_quote("began yelling, I do [sic] have a gun.", src)
    assert marked.location is not None and marked.sic


def test_garners_lost_not_is_restored_by_the_errata_and_refused_without_it() -> None:
    src = source_text(SIGLEY)
    right = search_quote(
        "the harm resulting from failing to apprehend his does not justify the use of deadly force", src
    )
    wrong = search_quote("the harm resulting from failing to apprehend his does justify the use of deadly force", src)
    assert right.location is not None and not right.location.damaged
    assert wrong.location is not None and wrong.location.damaged


def test_ocr_names_may_be_corrected() -> None:
    location = locate_quote(
        "the district court entered summary judgment in favor of the Defendants holding that Mockler acted reasonably",
        SIGLEY,
    )
    assert location is not None and not location.damaged


def test_pages_come_from_the_markers_and_text_before_the_first_is_on_the_page_before() -> None:
    assert locate_quote("Davis, who was thought to be a high-level ecstasy dealer", SIGLEY).pages == (529, 529)  # type: ignore[union-attr]
    assert locate_quote("regarding where the meeting should take place", SIGLEY).pages == (529, 530)  # type: ignore[union-attr]
    assert locate_quote("I respectfully dissent. I would affirm summary judgment", DISSENT).pages == (538, 538)  # type: ignore[union-attr]
    assert locate_quote("Floyd, who was unarmed, claims that the officers fired on him", FLOYD_OPENING).pages == (  # type: ignore[union-attr]
        401,
        401,
    )


def test_the_copyists_notes_are_not_opinion_text() -> None:
    assert locate_quote("This is NOT the full opinion", FLOYD_OPENING) is None
    assert [n for n in source_text(DISSENT).pages.numbers if n is not None] == [539]


def test_the_floyd_seeds_headings() -> None:
    assert [h.text for h in source_text(FLOYD).headings] == [
        "background",
        "factual background",
        "procedural background",
        "ii.analysis",
        "qualified.standard of review",
        "whether floyd has asserted a constitutional violation",
        "whether the asserted constitutional right was clearly established",
    ]


def test_a_heading_pin_matches_by_words_or_final_words() -> None:
    src = source_text(FLOYD)
    assert find_heading(src, "Standard of review").text == "qualified.standard of review"  # type: ignore[union-attr]
    assert find_heading(src, "II. Analysis").text == "ii.analysis"  # type: ignore[union-attr]
    assert find_heading(src, "Review") is None, "one final word is not enough"


@pytest.mark.parametrize(
    ("pin", "parsed"),
    [
        ("437 F.3d at 535", PagePin("437 F.3d", 535, 535)),
        ("at 534-35", PagePin(None, 534, 535)),
        ("at 534-535", PagePin(None, 534, 535)),
        ("437 F.3d at 538 (Batchelder, J., dissenting)", PagePin("437 F.3d", 538, 538)),
        ('518 F.3d 398, "Standard of review"', HeadingPin("518 F.3d 398", "Standard of review")),
        ("518 F.3d 398, “Background”", HeadingPin("518 F.3d 398", "Background")),
        ("page 535", None),
        ("at 535-34", None),
    ],
)
def test_pins_are_read(pin: str, parsed: object) -> None:
    assert parse_pin(pin) == parsed


def test_pin_of_gives_the_pin_a_quote_should_carry() -> None:
    sigley = locate_quote("regarding where the meeting should take place", SIGLEY)
    floyd = locate_quote("Quaine's reliance on Adams and Cameron, however, is misplaced.", FLOYD)
    assert pin_of(sigley, "437 F.3d 527 (6th Cir. 2006)") == "437 F.3d at 529-30"  # type: ignore[arg-type]
    assert (
        pin_of(floyd, "518 F.3d 398 (6th Cir. 2008)")  # type: ignore[arg-type]
        == '518 F.3d 398, "whether floyd has asserted a constitutional violation"'
    )
    assert page_range(998, 1002) == "998-1002"


def test_only_a_line_that_is_one_bracketed_note_is_the_copyists(tmp_path: Path) -> None:
    path = tmp_path / "opinion.txt"
    path.write_text(
        "[Segment A - verbatim from a copy of page *120]\n[T]he officer fired at the car [sic]\n", encoding="utf-8"
    )
    src = source_text(path)
    assert locate_quote("the officer fired at the car", path) is not None
    assert locate_quote("verbatim from a copy of page", path) is None
    assert not src.paged


@given(st.data())
def test_any_run_of_words_copied_from_a_paragraph_is_found_where_its_words_are(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from([FLOYD, SIGLEY, DISSENT, FLOYD_OPENING]))
    src = source_text(path)
    first = data.draw(st.integers(0, len(src.keys) - 1))
    last = data.draw(st.integers(first, min(first + 40, len(src.keys) - 1)))
    last = max(k for k in range(first, last + 1) if src.lines[k] == src.lines[first])
    quote = src.text[src.starts[first] : src.ends[last]]  # markers, punctuation and all
    location = locate_quote(quote, path)
    assert location is not None, quote
    assert words_of(src.text[location.start : location.end]) == src.keys[first : last + 1]
    assert location.pages is None or location.pages[0] <= location.pages[1]


def test_errata_on_every_common_word_cannot_make_matching_explode(tmp_path: Path) -> None:
    path = tmp_path / "opinion.txt"
    path.write_text(" ".join(["the officer saw the car and the driver"] * 100) + "\n", encoding="utf-8")
    path.with_name("opinion.errata.yaml").write_text(
        "format: 1\ndamage: hostile\nerrata:\n  - {damaged: the, reading: the}\n  - {damaged: the, reading: a}\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    location = locate_quote(" ".join(["the officer saw the car and the driver"] * 10), path)
    assert time.perf_counter() - started < 2.0
    assert location is not None and location.start == 0 and not location.damaged


def test_a_displaced_footnote_is_on_the_page_of_its_reference() -> None:
    # Sigley's copy prints footnote 1 after the conclusion, below *538; its reference
    # ("between those two events.1") stands on page 535.
    quote = "we would reach the same conclusion even absent the expert evidence"
    location = locate_quote(quote, SIGLEY)
    assert location is not None and (location.pages, location.footnote) == ((535, 535), 1)
    assert pin_of(location, "437 F.3d 527 (6th Cir. 2006)") == "437 F.3d at 535 n.1"
    in_text = locate_quote("The whole event only lasted approximately 4.5 seconds.", SIGLEY)
    assert in_text is not None and in_text.footnote is None


@pytest.mark.parametrize(
    ("pin", "parsed"),
    [
        ("437 F.3d at 535 n.1", PagePin("437 F.3d", 535, 535, 1)),
        ("at 535 & n. 1", PagePin(None, 535, 535, 1)),
    ],
)
def test_footnote_pins_are_read(pin: str, parsed: PagePin) -> None:
    assert parse_pin(pin) == parsed


def test_a_footnote_quote_needs_its_footnote_in_the_pin(tmp_path: Path) -> None:
    from tutor.checker.quote_checks import quote_problems
    from tutor.scenario.model import Quote, Source
    from tutor.scenario.problems import LoadedFile

    loaded = LoadedFile(tmp_path / "x.yaml", "", {})
    source = Source(id="majority", path="sigley.txt", role="majority")
    text = "However, the material was filed and it has not been stricken from the record"
    for pin, problem in [
        ("437 F.3d at 535 n.1", None),
        ("437 F.3d at 535", "in footnote 1"),
        ("437 F.3d at 538", "at 535"),
    ]:
        quote = Quote(text=text, pin=pin, speaker="court")
        found = list(quote_problems(quote, (), loaded, source, source_text(SIGLEY), "437 F.3d 527 (6th Cir. 2006)"))
        if problem is None:
            assert found == []
        else:
            assert [p.code for p in found] == ["pin-mismatch"] and problem in found[0].message
