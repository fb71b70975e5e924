"""A source's errata: damage that changes meaning, and its certain reading.

Some damage cannot be treated as formatting: the Floyd seed's "i do have a gun" is
"I don't have a gun", and Sigley's OCR reads "does justify" where the Supreme Court
wrote "does not justify". Such spans are listed in `<source>.errata.yaml` beside the
source. A quote may then use the reading where the source has the damaged span, and
a quote that reproduces the damaged span uncorrected is refused unless it says
`[sic]`: a student must never be shown a court saying the opposite of what it said.

The same file places footnotes that the copy prints away from their page (Sigley's
footnote 1 follows the conclusion): each names the words just before its reference
in the text, so its page is computed from the star pages like any other passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor.scenario.load import load_model
from tutor.scenario.model import ErrataFile
from tutor.scenario.problems import LoadedFile, Problem, ScenarioError
from tutor.sources.cost import Budget, TooCostly
from tutor.sources.words import words_of
from tutor.terminal_text import shown

Occurrence = tuple[int, int]  # first word index, one past the last

MAX_OCCURRENCES = 40
"""A damaged span found more often than this is not one damaged passage but a common phrase.

The shipped errata's most frequent span ("Moekler") occurs a handful of times; a span
such as "the" would put an erratum on every tenth word and make each quote's search
try its reading everywhere."""


@dataclass(frozen=True)
class SourceErrata:
    """The errata of one source, placed on its words."""

    file: Path | None = None
    damage: str | None = None  # the source's known damage, for the opinion view
    # word index -> (damaged length in words, the reading's words) for each damaged span starting there
    starting_at: dict[int, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    spans: tuple[Occurrence, ...] = ()
    problems: tuple[Problem, ...] = ()
    # Derived from `spans`, for matching: the most words in one span, and for the word
    # index one past a span, the lengths of the spans ending there.
    longest: int = 0
    ending_at: dict[int, list[int]] = field(default_factory=dict)
    # Each span's reading as the errata file writes it, for messages.
    readings: dict[Occurrence, str] = field(default_factory=dict)
    # paragraph (line) of a displaced footnote -> (its number, the word index of its reference)
    footnotes: dict[int, tuple[int, int]] = field(default_factory=dict)


def errata_path(source: Path) -> Path:
    """`sources/sigley.txt` -> `sources/sigley.errata.yaml`."""
    return source.with_name(source.stem + ".errata.yaml")


def _occurrences(
    damaged: list[str], keys: list[str], index: dict[str, list[int]], budget: Budget, most: int
) -> list[Occurrence]:
    """Where the words `damaged` stand, looked up by their rarest word; at most `most` + 1 of them."""
    anchor = min(range(len(damaged)), key=lambda k: len(index.get(damaged[k], ())))
    found: list[Occurrence] = []
    for at in index.get(damaged[anchor], ()):
        first = at - anchor
        if first < 0:
            continue
        budget.spend(len(damaged))
        if keys[first : first + len(damaged)] == damaged:
            found.append((first, first + len(damaged)))
            if len(found) > most:
                break
    return found


def _footnotes(
    source: Path,
    errata: ErrataFile,
    loaded: LoadedFile,
    keys: list[str],
    index: dict[str, list[int]],
    lines: list[int],
    budget: Budget,
) -> tuple[dict[int, tuple[int, int]], list[Problem]]:
    """Each footnote's paragraph, and the word where its reference stands in the text."""
    placed, problems = {}, []
    for number, note in enumerate(errata.footnotes):
        reference_words, begins = words_of(note.reference), words_of(note.begins)
        # Two places are as wrong as two thousand: stop looking after the second.
        reference = _occurrences(reference_words, keys, index, budget, 1) if reference_words else []
        body = (
            [
                at
                for at, _ in _occurrences(begins, keys, index, budget, len(keys))
                if at == 0 or lines[at - 1] != lines[at]
            ]
            if begins
            else []
        )
        for field_name, found, what in (("reference", reference, "reference"), ("begins", body, "paragraph start")):
            if len(found) != 1:
                count = "more than once" if len(found) > 1 else "nowhere"
                problems.append(
                    loaded.problem(
                        ("footnotes", number, field_name),
                        "footnote-not-found",
                        f"footnote {note.number}'s {what} is found {count} in {source.name}",
                        "quote enough words to find it exactly once (a paragraph start must begin its line)",
                    )
                )
        if len(reference) == 1 and len(body) == 1:
            placed[lines[body[0]]] = (note.number, reference[0][1] - 1)
    return placed, problems


def _too_costly(loaded: LoadedFile, loc: tuple[str | int, ...], source: Path, error: TooCostly) -> Problem:
    return loaded.problem(
        loc,
        "errata-too-costly",
        f"placing the errata in {source.name} took {error}; the rest of the file was not applied",
        "name each damaged span with enough words to be rare in the source",
    )


def load_errata(source: Path, keys: list[str], index: dict[str, list[int]], lines: list[int]) -> SourceErrata:
    """Read the errata beside `source` (none is fine), find each damaged span in its words and place its footnotes."""
    path = errata_path(source)
    if not path.exists() and not path.is_symlink():
        return SourceErrata()  # anything else there (a FIFO, a loop) is refused, located, by the loader
    try:
        errata, loaded = load_model(path, ErrataFile)
    except ScenarioError as error:
        return SourceErrata(file=path, problems=tuple(error.problems))
    starting_at: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    spans, problems, readings = [], list(loaded.warnings), {}
    budget = Budget.for_source(len(keys))
    footnotes: dict[int, tuple[int, int]] = {}
    try:
        for number, erratum in enumerate(errata.errata):
            damaged, reading = words_of(erratum.damaged), tuple(words_of(erratum.reading))  # each split once
            found = _occurrences(damaged, keys, index, budget, MAX_OCCURRENCES) if damaged else []
            at = ("errata", number, "damaged")
            if not found:
                problems.append(
                    loaded.problem(
                        at,
                        "errata-not-found",
                        f'the damaged span "{shown(erratum.damaged, 80)}" is not in {source.name}',
                        "copy the span exactly as the source has it (case and punctuation do not matter)",
                    )
                )
            elif len(found) > MAX_OCCURRENCES:
                problems.append(
                    loaded.problem(
                        at,
                        "errata-ambiguous",
                        f'the damaged span "{shown(erratum.damaged, 80)}" is found more than {MAX_OCCURRENCES} times '
                        f"in {source.name}, so it names no one passage",
                        "quote enough of the damaged passage to find it only where it is damaged",
                    )
                )
                continue
            for start, stop in found:
                starting_at.setdefault(start, []).append((stop - start, reading))
                spans.append((start, stop))
                readings[(start, stop)] = erratum.reading
        footnotes, footnote_problems = _footnotes(source, errata, loaded, keys, index, lines, budget)
        problems += footnote_problems
    except TooCostly as error:
        problems.append(_too_costly(loaded, ("errata",), source, error))
    ending_at: dict[int, list[int]] = {}
    for start, stop in spans:
        ending_at.setdefault(stop, []).append(stop - start)
    longest = max((stop - start for start, stop in spans), default=0)
    return SourceErrata(
        path, errata.damage, starting_at, tuple(spans), tuple(problems), longest, ending_at, readings, footnotes
    )
