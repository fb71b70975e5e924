"""Marking a short answer against its rubric: phrases as whole words, negation, and what cannot be marked.

An answer is read as words (case, punctuation and apostrophes ignored, so "Floyd's"
is "floyds") grouped in clauses: a clause ends at `, ; : . ! ?` or before "but". A
phrase is found when its words stand together in the answer, whatever the clauses.

A negator ("not", "no", "never", "nor", "neither", "without", "cannot", or a word
ending in "n't") governs the rest of its clause. An `affirm` item (the default) is met
by a phrase that no negator before it in its clause governs ("Floyd was unarmed", not
"Floyd was not unarmed"); a phrase may carry its own negation ("not to be shot"). A
`deny` item is met only by a phrase that is negated: by a negator before it in its
clause ("Reynoso saw no muzzle flash"), or by one inside the phrase itself.

Two kinds of answer get no automatic marks and go to the student's own marking, with a
note saying why: one that meets a `contradiction` (a statement against the holding,
"an honest mistake is enough"), and one longer than the node's `max_words` (a pasted
fact tab meets keywords without saying anything).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.scenario.model import RubricItem, ShortNode

# A word (apostrophes inside it kept, so "n't" can be seen), a clause break, or anything else.
_TOKEN = re.compile(r"[0-9A-Za-z]+(?:['\u2019][0-9A-Za-z]+)*|[,;:.!?]")
_CLAUSE_BREAKS = frozenset(",;:.!?")
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "cannot"})


@dataclass(frozen=True)
class Words:
    """An answer as words: each with its clause number and whether it is a negator."""

    words: tuple[str, ...]
    clauses: tuple[int, ...]
    negators: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.words)


def _plain(word: str) -> str:
    return word.lower().replace("'", "").replace("\u2019", "")


def _is_negator(word: str) -> bool:
    lower = word.lower().replace("\u2019", "'")
    return lower in NEGATORS or lower.endswith("n't")


def read(text: str) -> Words:
    """`text` as words in clauses (the one reading both answers and phrases get)."""
    words: list[str] = []
    clauses: list[int] = []
    negators: list[bool] = []
    clause = 0
    for token in _TOKEN.findall(text):
        if token in _CLAUSE_BREAKS:
            clause += 1
            continue
        if token.lower() == "but":
            clause += 1
        words.append(_plain(token))
        clauses.append(clause)
        negators.append(_is_negator(token))
    return Words(tuple(words), tuple(clauses), tuple(negators))


def normalise(text: str) -> str:
    """The words of `text`, lower case, apostrophes dropped, one space apart (and at each end)."""
    return " " + " ".join(read(text).words) + " "


def _occurrences(answer: Words, phrase: Words) -> list[int]:
    size = len(phrase)
    if size == 0:
        return []
    first = phrase.words[0]
    return [
        start
        for start in range(len(answer) - size + 1)
        if answer.words[start] == first and answer.words[start : start + size] == phrase.words
    ]


def _negated_before(answer: Words, start: int) -> bool:
    clause = answer.clauses[start]
    at = start - 1
    while at >= 0 and answer.clauses[at] == clause:
        if answer.negators[at]:
            return True
        at -= 1
    return False


def phrase_met(answer: Words, phrase: str, polarity: str = "affirm") -> bool:
    """Whether `phrase` is found in `answer` with the sense `polarity` asks for."""
    wanted = read(phrase)
    inside = any(wanted.negators)
    for start in _occurrences(answer, wanted):
        outside = _negated_before(answer, start)
        if polarity == "affirm" and not outside:
            return True
        if polarity == "deny" and (inside != outside):
            return True
    return False


def uses_words(answer: Words, phrase: str) -> bool:
    """Whether the phrase's words stand in the answer, in any sense: the rubric's words are used."""
    return bool(_occurrences(answer, read(phrase)))


def item_met(answer: Words, item: RubricItem) -> bool:
    return any(phrase_met(answer, p, item.polarity) for p in item.any)


def rubric_marks(text: str, rubric: Sequence[RubricItem]) -> dict[str, bool]:
    """Which rubric items `text` meets, each in its polarity."""
    answer = read(text)
    return {item.id: item_met(answer, item) for item in rubric}


@dataclass(frozen=True)
class Marking:
    """What the automatic marking found in one answer."""

    met: dict[str, bool]  # per rubric item
    contradictions: tuple[str, ...]  # the contradiction ids the answer meets
    words: int
    max_words: int
    note: str | None  # why the automatic mark is none and the student marks the answer; None when it stands

    @property
    def markable(self) -> bool:
        return self.note is None


def mark(node: ShortNode, text: str) -> Marking:
    """The automatic marking of `text` at `node`: items met, contradictions, length, and the note."""
    answer = read(text)
    met = {item.id: item_met(answer, item) for item in node.rubric}
    contradicted = [c for c in node.contradictions if any(phrase_met(answer, p) for p in c.any)]
    note = None
    if contradicted:
        labels = "; ".join(f"“{c.label}”" for c in contradicted)
        note = (
            f"No automatic mark: the answer says {labels}, which contradicts the holding. "
            "Mark it yourself against the rubric."
        )
    elif len(answer) > node.max_words:
        note = (
            f"No automatic mark: the answer has {len(answer)} words, more than the {node.max_words} "
            "this question marks automatically. Mark it yourself against the rubric."
        )
    return Marking(met, tuple(c.id for c in contradicted), len(answer), node.max_words, note)
