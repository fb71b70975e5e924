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
from tutor.sources.words import words_of

Occurrence = tuple[int, int]  # first word index, one past the last


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


def _occurrences(damaged: list[str], keys: list[str], index: dict[str, list[int]]) -> list[Occurrence]:
    return [(at, at + len(damaged)) for at in index.get(damaged[0], ()) if keys[at : at + len(damaged)] == damaged]


def _footnotes(
    source: Path, errata: ErrataFile, loaded: LoadedFile, keys: list[str], index: dict[str, list[int]], lines: list[int]
) -> tuple[dict[int, tuple[int, int]], list[Problem]]:
    """Each footnote's paragraph, and the word where its reference stands in the text."""
    placed, problems = {}, []
    for number, note in enumerate(errata.footnotes):
        reference = _occurrences(words_of(note.reference), keys, index) if words_of(note.reference) else []
        begins = words_of(note.begins)
        body = (
            [at for at, _ in _occurrences(begins, keys, index) if at == 0 or lines[at - 1] != lines[at]]
            if begins
            else []
        )
        for field_name, found, what in (("reference", reference, "reference"), ("begins", body, "paragraph start")):
            if len(found) != 1:
                problems.append(
                    loaded.problem(
                        ("footnotes", number, field_name),
                        "footnote-not-found",
                        f"footnote {note.number}'s {what} is found {len(found)} times in {source.name}",
                        "quote enough words to find it exactly once (a paragraph start must begin its line)",
                    )
                )
        if len(reference) == 1 and len(body) == 1:
            placed[lines[body[0]]] = (note.number, reference[0][1] - 1)
    return placed, problems


def load_errata(source: Path, keys: list[str], index: dict[str, list[int]], lines: list[int]) -> SourceErrata:
    """Read the errata beside `source` (none is fine), find each damaged span in its words and place its footnotes."""
    path = errata_path(source)
    if not path.is_file():
        return SourceErrata()
    try:
        errata, loaded = load_model(path, ErrataFile)
    except ScenarioError as error:
        return SourceErrata(file=path, problems=tuple(error.problems))
    starting_at: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    spans, problems, readings = [], list(loaded.warnings), {}
    for number, erratum in enumerate(errata.errata):
        damaged = words_of(erratum.damaged)
        found = _occurrences(damaged, keys, index) if damaged else []
        if not found:
            problems.append(
                loaded.problem(
                    ("errata", number, "damaged"),
                    "errata-not-found",
                    f'the damaged span "{erratum.damaged}" is not in {source.name}',
                    "copy the span exactly as the source has it (case and punctuation do not matter)",
                )
            )
        for start, stop in found:
            starting_at.setdefault(start, []).append((stop - start, tuple(words_of(erratum.reading))))
            spans.append((start, stop))
            readings[(start, stop)] = erratum.reading
    ending_at: dict[int, list[int]] = {}
    for start, stop in spans:
        ending_at.setdefault(stop, []).append(stop - start)
    longest = max((stop - start for start, stop in spans), default=0)
    footnotes, footnote_problems = _footnotes(source, errata, loaded, keys, index, lines)
    problems += footnote_problems
    return SourceErrata(
        path, errata.damage, starting_at, tuple(spans), tuple(problems), longest, ending_at, readings, footnotes
    )
