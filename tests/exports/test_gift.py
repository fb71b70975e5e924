"""GIFT for Moodle, read back by a real GIFT parser (pygiftparser): every question, every answer, every character."""

from __future__ import annotations

import io
from pathlib import Path

from pygiftparser import parser as gift_parser
from pygiftparser.utils import transformSpecials

from tests.exports.conftest import SPECIALS, all_items, lines_shown, shown_text
from tutor.cli import main
from tutor.exports.gift import MATCHING_ROWS, gift
from tutor.exports.items import Item
from tutor.study.playable import Playable


def parsed(text: str) -> list:
    return gift_parser.parseFile(io.StringIO(text))


def shown(gift_text: str) -> str:
    """What Moodle shows of a GIFT [html] text: GIFT's escapes undone, then the HTML rendered."""
    return shown_text(transformSpecials(gift_text))


def expected_questions(items: list[Item]) -> list[tuple[Item, str | None]]:
    """(item, the grid row it asks about or None), in the order the file holds them."""
    out: list[tuple[Item, str | None]] = []
    for item in items:
        if item.kind == "matching" and len(item.answers) < MATCHING_ROWS:
            out += [(item, row.text) for row in item.answers]
        else:
            out.append((item, None))
    return out


def check_question(question, item: Item, row: str | None) -> None:
    assert question.valid
    body = shown(question.text)
    assert item.prompt in body and item.title in body
    for label, fact in item.facts:
        assert f"{label}: {fact}" in " ".join(body.split("\n"))
    assert lines_shown(transformSpecials(question.generalFeedback)) == [
        " ".join(line.split()) for _, line in item.answer_lines
    ]
    kind = type(question.answers).__name__
    if item.kind == "essay":
        assert kind == "Essay"
        return
    answers = question.answers.answers
    if item.kind == "matching" and row is None:
        assert kind == "MatchingSet"
        assert [(shown(a.question).strip(), shown(a.answer).strip()) for a in answers] == [
            (r.text, r.match) for r in item.answers
        ]
        return
    if row is not None:  # a small grid: one multiple-choice question per row, the scale as its choices
        assert row in body
        match = next(r.match for r in item.answers if r.text == row)
        assert kind == "SelectSet"
        assert [(shown(a.answer), a.fraction) for a in answers] == [(s, 100 if s == match else 0) for s in item.scale]
        return
    assert kind == ("SelectSet" if item.kind == "one" else "MultipleChoicesSet")
    assert [shown(a.answer) for a in answers] == [a.text for a in item.answers]
    assert [shown(a.feedback) for a in answers] == [a.feedback for a in item.answers]
    assert [round(a.fraction / 100, 4) for a in answers] == [round(a.fraction, 4) for a in item.answers]
    right = [shown(a.answer) for a in answers if a.fraction > 0]
    assert right == list(item.correct)


def test_every_question_and_answer_of_the_specials_fixture_reads_back_with_its_characters(
    specials: Playable, tmp_path: Path
) -> None:
    out = tmp_path / "specials.gift"
    assert main(["export", "--format", "gift", "--scenario", str(SPECIALS), "-o", str(out)]) == 0
    questions = parsed(out.read_text(encoding="utf-8"))
    items = all_items([specials])
    expected = expected_questions(items)
    # The court's path (whose-facts, what-follows, the 3-row grid as matching, the 2-row grid as a question
    # per row, the short answer as an essay, today), then the wrong turn's branch.
    assert len(questions) == len(expected) == 8
    assert [type(q.answers).__name__ for q in questions] == [
        "SelectSet",
        "MultipleChoicesSet",
        "MatchingSet",
        "SelectSet",
        "SelectSet",
        "Essay",
        "SelectSet",
        "SelectSet",
    ]
    for question, (item, row) in zip(questions, expected, strict=True):
        check_question(question, item, row)
    first = questions[0]
    # The characters GIFT, HTML and Markdown treat as syntax, and both kinds of quotes, as written.
    assert transformSpecials(first.title) == "lms-specials 01 Whose facts: {which} ~ = #"
    assert "Roe's: \"the plaintiff's\" {version} ~ = # : 'yes' *[x](y)* <i>i</i> & $1 `c` \\ |" in [
        shown(a.answer) for a in first.answers.answers
    ]
    assert "Roe's yard: {a fence} ~ = # and \"quotes\", 'single', <b>not bold</b>" in shown(first.text)


def test_practice_rows_are_left_out_and_the_header_names_what_is_lost(specials: Playable) -> None:
    text = gift(all_items([specials]))
    assert "Severity" not in text  # the row the court did not weigh
    header = [line for line in text.splitlines() if line.startswith("//")]
    assert any("branching" in line for line in header) and any("practice" in line for line in header)


def test_the_whole_bank_reads_back_question_for_question(bank: list[Playable]) -> None:
    items = all_items(bank)
    questions = parsed(gift(items))
    expected = expected_questions(items)
    assert len(questions) == len(expected)
    for question, (item, row) in zip(questions, expected, strict=True):
        check_question(question, item, row)
