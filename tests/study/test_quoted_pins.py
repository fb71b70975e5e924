"""Words prose puts in double quotes are shown with where they stand (`tutor.study.quoted`).

Read through the study layer, as both front ends, the brief and the exports get them:
a page pin from a paged text, the printed heading for the Floyd seed, the entry's
reporter for a Supreme Court text, and none where the author's parenthetical follows,
the words are only in a reference file, or a span is one word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.checker.prose_checks import NOT_PROSE
from tutor.checker.text_checks import loaded_strings
from tutor.engine.session import Session, court_response
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode
from tutor.sources.spans import quoted_spans_at
from tutor.study import said
from tutor.study.playable import Playable, load_playable

SCENARIOS = REPO / "scenarios"


def playable(name: str) -> Playable:
    return load_playable(SCENARIOS / f"{name}.yaml")


def shown(text: str, of: Playable) -> str:
    return said.pinned(text, of.quoted)


def test_a_paged_text_gives_the_page_and_a_heading_text_the_heading_its_pins_print() -> None:
    sigley, floyd = playable("sigley-mockler"), playable("floyd-quaine")
    assert shown('The court held it "could only come to its conclusion" there.', sigley) == (
        'The court held it "could only come to its conclusion" (437 F.3d at 536) there.'
    )
    # The seed's heading line reads "qualified.standard of review"; the checked pins print it whole.
    assert shown('It "would lack jurisdiction" if so.', floyd) == (
        'It "would lack jurisdiction" (518 F.3d 398, "Standard of review") if so.'
    )


def test_a_supreme_court_text_is_pinned_to_the_reporter_of_the_entry_quoting_it() -> None:
    assert shown('There can be "no question" about it.', playable("garner")) == (
        'There can be "no question" (471 U.S. at 7) about it.'
    )


def test_no_pin_after_the_authors_parenthetical_a_single_word_or_words_found_nowhere() -> None:
    sigley = playable("sigley-mockler")
    for text in (
        'It said "could only come to its conclusion" (437 F.3d at 536), once.',
        'A "hazy" border.',
        'Words "nobody ever wrote in this opinion" here.',
    ):
        assert shown(text, sigley) == text


def test_words_only_in_the_reference_snippets_get_no_pin() -> None:
    """Kisela's "far too general" is in the later-law snippets, copies of other pages, not an opinion."""
    assert shown('Kisela calls that "far too general" today.', playable("floyd-quaine")) == (
        'Kisela calls that "far too general" today.'
    )


def test_the_pin_is_italic_as_a_quotes_own_pin_is_in_both_front_ends() -> None:
    spans = said.prose('It "would lack jurisdiction" if so.', playable("floyd-quaine").quoted)
    assert [(s.text, s.style) for s in spans] == [
        ('It "would lack jurisdiction"', ""),
        (" (", ""),
        ('518 F.3d 398, "Standard of review"', "italic"),
        (")", ""),
        (" if so.", ""),
    ]


def test_feedback_after_an_answer_carries_the_pins() -> None:
    floyd = playable("floyd-quaine")
    node_id, node = next(
        (i, n)
        for i, n in floyd.scenario.nodes.items()
        if isinstance(n, ChoiceNode) and any('"would lack jurisdiction"' in (c.feedback or "") for c in n.choices)
    )
    wrong = next(c.id for c in node.choices if '"would lack jurisdiction"' in (c.feedback or ""))
    session = Session(floyd.scenario, nodes=[node_id], seed=None)
    response = [wrong] if node.select == "many" else wrong
    assert wrong not in (court_response(node) if node.select == "many" else [court_response(node)])
    outcome = session.answer(response)
    lines = [line for b in said.explained(floyd.scenario, outcome, floyd.context, floyd.quoted) for line in b.lines]
    assert any('"would lack jurisdiction" (518 F.3d 398, "Standard of review")' in line for line in lines), lines


@pytest.mark.parametrize("path", bank_files(SCENARIOS), ids=lambda p: p.stem)
def test_every_span_the_opinions_hold_is_shown_with_a_pin(path: Path) -> None:
    """In the shipped bank a span goes without a pin only where the author gave one or it is a reference's."""
    found = load_playable(path)
    _, loaded = load_scenario(path)
    unpinned = []
    for at, text in loaded_strings(loaded.data, (), NOT_PROSE, keys=False):
        for span in quoted_spans_at(text):
            if span.followed_by_parenthetical:
                continue
            holder, pin = found.quoted.where(span.words)
            if pin is None and not (holder is not None and holder.reference):
                unpinned.append(f"{'/'.join(map(str, at))}: {span.words!r}")
    assert not unpinned, "\n".join(unpinned)


def test_a_heading_the_lower_cased_copy_names_alone_gets_its_capital_back() -> None:
    """No checked pin names Floyd's "factual background", and no quote of floyd-city holds these words;
    the seed lost the heading's capital, not its words."""
    assert shown('He yelled "I don\'t have a gun." and stopped.', playable("floyd-city")) == (
        'He yelled "I don\'t have a gun." (518 F.3d 398, "Factual background") and stopped.'
    )


def test_words_of_a_dissent_or_concurrence_say_whose_they_are_in_the_pin() -> None:
    assert shown('She writes that Sigley "clearly has done so" here.', playable("sigley-mockler")) == (
        'She writes that Sigley "clearly has done so" (437 F.3d at 538 (Batchelder, J., dissenting)) here.'
    )
    assert shown('He joined insofar as it treats it as "the primary tool" then.', playable("graham")) == (
        'He joined insofar as it treats it as "the primary tool" (490 U.S. at 399 (Blackmun, J., concurring in part'
        " and concurring in the judgment)) then."
    )


def test_words_a_checked_quote_holds_take_its_pin_not_their_first_place() -> None:
    """Sigley's "the main issue" stands first in the district court's reasoning (at 532), then in
    the court's own "The main issue is whether Davis posed an immediate threat" (at 534), which the
    scenario quotes: the feedback that says the court called the threat "the main issue" means 534."""
    assert shown('The court called the threat "the main issue" here.', playable("sigley-mockler")) == (
        'The court called the threat "the main issue" (437 F.3d at 534) here.'
    )
