"""Cues a student can score on without knowing the law, in a scenario's one-answer questions.

Measured the way a test-wise student plays: the right choice is the longest, or the
shortest, in more than half the questions; it sits in one place in the file in more
than half (file order is what an attempt saved before shuffling, or `--no-shuffle`,
shows); or absolute words ("always", "never", "automatically", "any") mark the wrong
choices in more than half of the questions that use them. Each is a warning (an error
under `--strict`), judged only when the scenario has at least `MIN_QUESTIONS`
one-answer questions: on fewer, "more than half" is chance. A node that keeps file
order (`shuffle: false`) is fine where order carries meaning, but when more than a
quarter of the questions opt out, the shuffle no longer hides the places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from tutor.scenario.context import BankContext
from tutor.scenario.model import ChoiceNode, Scenario
from tutor.scenario.problems import LoadedFile, Problem

MIN_QUESTIONS = 4
ABSOLUTE = re.compile(r"\b(always|never|automatically|any)\b", re.IGNORECASE)


def _one_answer(scenario: Scenario) -> list[tuple[str, ChoiceNode]]:
    return [
        (node_id, node)
        for node_id, node in scenario.nodes.items()
        if isinstance(node, ChoiceNode) and node.select == "one" and sum(c.correct for c in node.choices) == 1
    ]


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _longest(node: ChoiceNode) -> bool:
    right = next(c for c in node.choices if c.correct)
    return all(_length(right.text) > _length(c.text) for c in node.choices if not c.correct)


def _shortest(node: ChoiceNode) -> bool:
    right = next(c for c in node.choices if c.correct)
    return all(_length(right.text) < _length(c.text) for c in node.choices if not c.correct)


def _place(node: ChoiceNode) -> int:
    return [c.correct for c in node.choices].index(True) + 1


def _share(found: list[str], total: int) -> str:
    return f"{len(found)} of {total} one-answer questions ({', '.join(found[:4])}{', ...' if len(found) > 4 else ''})"


def _warn(loaded: LoadedFile, node_id: str, code: str, message: str, hint: str) -> Problem:
    return loaded.problem(("nodes", node_id, "choices"), code, message, hint, "warning")


def cue_checks(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """The length, place and absolute-word cues, each over the scenario's one-answer questions."""
    questions = _one_answer(scenario)
    if len(questions) < MIN_QUESTIONS:
        return
    total = len(questions)
    rules: list[tuple[str, Callable[[ChoiceNode], bool], str]] = [
        ("cue-longest", _longest, "the right choice is the longest"),
        ("cue-shortest", _shortest, "the right choice is the shortest"),
    ]
    for code, test, says in rules:
        found = [node_id for node_id, node in questions if test(node)]
        if len(found) * 2 > total:
            yield _warn(
                loaded,
                found[0],
                code,
                f"{says} in {_share(found, total)}: a student who knows no law can pick by length",
                "make the distractors as full and specific as the right answer (each a real misconception), "
                "never by padding or cutting the court's reasoning",
            )
    places = [(node_id, _place(node)) for node_id, node in questions]
    for place in sorted({p for _, p in places}):
        found = [node_id for node_id, p in places if p == place]
        if len(found) * 2 > total:
            yield _warn(
                loaded,
                found[0],
                "cue-position",
                f"the right choice is option {place} in the file in {_share(found, total)}",
                "vary where the right choice stands in the file: file order is what --no-shuffle and "
                "attempts saved before shuffling show",
            )
    using = [(node_id, node) for node_id, node in questions if any(ABSOLUTE.search(c.text) for c in node.choices)]
    only_wrong = [
        node_id for node_id, node in using if not any(ABSOLUTE.search(c.text) for c in node.choices if c.correct)
    ]
    if len(using) >= 2 and len(only_wrong) * 2 > len(using):
        yield _warn(
            loaded,
            only_wrong[0],
            "cue-absolute",
            "absolute words (always, never, automatically, any) stand only in wrong choices in "
            f"{_share(only_wrong, len(using))} that use them",
            "state each misconception as its holder would, without the absolute word, or use one where the law "
            "itself is absolute",
        )


def shuffle_opt_out(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """`shuffle: false` where order carries meaning; more than a quarter of the questions and the places show."""
    questions = _one_answer(scenario)
    pinned = [node_id for node_id, node in questions if not node.shuffle]
    if pinned and len(pinned) * 4 > len(questions):
        yield loaded.problem(
            ("nodes", pinned[0], "shuffle"),
            "shuffle-opt-out",
            f"{len(pinned)} of {len(questions)} one-answer questions keep file order (shuffle: false)",
            "keep `shuffle: false` for choices whose order carries meaning (a scale, a sequence) and let the rest "
            "shuffle",
            "warning",
        )
