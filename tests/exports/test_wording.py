"""Who holds each exported answer, across the bank: the court only where it decided the point.

Every format writes `Item.answer_lines` (the GIFT, QTI and Anki tests check each writes them
all); this checks what those lines say for every `today`, `analysis` and not-decided node.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.exports.conftest import all_items
from tutor.exports.items import Item
from tutor.scenario.model import Court, ShortNode
from tutor.study import said
from tutor.study.playable import Playable
from tutor.study.words import STATUS_WORDS

ANALYSIS_HEADING = "The tutor's analysis (the tutor's words, not the court's)"


def texts(item: Item) -> list[str]:
    return [line for _, line in item.answer_lines]


def first(item: Item) -> str:
    return item.answer_lines[0][1]


def court(item: Item) -> Court | None:
    return item.node.court


@pytest.fixture(scope="module")
def exported(bank: list[Playable], specials: Playable) -> list[Item]:
    return all_items([*bank, specials])


@pytest.fixture(scope="module")
def pinned(bank: list[Playable], specials: Playable) -> Callable[[Item, str], str]:
    """An author's prose as the export gives it: each quoted span followed by where it stands."""
    pins = {p.scenario.id: p.quoted for p in [*bank, specials]}
    return lambda item, text: said.pinned(text, pins[item.scenario.id])


def test_today_nodes_are_graded_on_later_law(exported: list[Item], pinned: Callable[[Item, str], str]) -> None:
    today = [i for i in exported if i.step == "today"]
    assert today
    for item in today:
        assert first(item).startswith("The answer under later law")
        assert not any(line.startswith("The court's answer") for line in texts(item))
        assert ANALYSIS_HEADING in texts(item) and pinned(item, item.node.analysis or "") in texts(item)
        if item.node.later:
            assert "Since this decision" in texts(item)


def test_analysis_nodes_have_the_tutors_answer_in_the_tutors_words(
    exported: list[Item], pinned: Callable[[Item, str], str]
) -> None:
    analysed = [i for i in exported if i.step != "today" and i.node.analysis]
    assert analysed
    for item in analysed:
        assert first(item).startswith("The tutor's answer:")  # a grid or several answers: a list follows
        assert ANALYSIS_HEADING in texts(item)
        assert pinned(item, item.node.analysis or "") in texts(item)
        assert not any("The court's answer" in line or line == "What the court held" for line in texts(item))


def test_points_no_court_decided_say_why_and_have_the_tutors_answer(
    exported: list[Item], pinned: Callable[[Item, str], str]
) -> None:
    undecided = [(i, held) for i in exported if (held := court(i)) is not None and held.status != "decided"]
    assert {held.status for _, held in undecided} >= {"not-reached", "text-missing"}
    for item, held in undecided:
        assert first(item).startswith("The tutor's answer")
        assert f"{STATUS_WORDS[held.status]}." in texts(item)
        assert f"Note: {pinned(item, held.note or '')}" in texts(item)
        assert not any("The court's answer" in line for line in texts(item))


def test_decided_points_have_the_courts_answer_its_holding_and_its_words(
    exported: list[Item], pinned: Callable[[Item, str], str]
) -> None:
    decided = [(i, held) for i in exported if (held := court(i)) is not None and held.status == "decided"]
    assert decided
    for item, held in decided:
        assert first(item).startswith("The court's answer")
        assert f"Holding: {pinned(item, held.holding or '')}" in texts(item)
        for quote in held.quotes:
            assert any(quote.text in line and quote.pin in line for line in texts(item))


def test_a_short_answers_model_answer_is_labelled_the_tutors_words(exported: list[Item]) -> None:
    short = [i for i in exported if i.kind == "essay"]
    assert short
    for item in short:
        assert isinstance(item.node, ShortNode)
        assert first(item).endswith(f": {item.node.model_answer}")
        assert first(item).startswith("The tutor's answer: ") or ", in the tutor's words: " in first(item)
