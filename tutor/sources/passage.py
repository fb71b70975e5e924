"""A quote opened in its opinion: where it stands, its paragraph and the source's known damage.

Both front ends show a quote in the shipped opinion (the full-screen opinion view
highlights it, plain mode prints its paragraph with the court's words marked), so what
they show is worked out here, once, without Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tutor.scenario.load import load_model
from tutor.scenario.model import DoctrineFile, ErrataFile, Quote, Scenario
from tutor.scenario.problems import ScenarioError
from tutor.sources.errata import errata_path
from tutor.sources.quotes import QuoteLocation, locate_quote
from tutor.sources.text import UnreadableSource, source_text


def known_damage(source: Path) -> str | None:
    """The errata file's account of the source's damage; None when the source has no errata file."""
    path = errata_path(source)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        errata, _ = load_model(path, ErrataFile)
    except ScenarioError as error:
        return f"The errata file could not be read: {error}"
    return errata.damage


def where(location: QuoteLocation | None) -> str:
    """Where the quote was found, in words: its pages or its heading, and its paragraph."""
    if location is None:
        return "Not found in the shipped text (its damage may hide it); the opinion opens at the top."
    if location.pages is not None:
        first, last = location.pages
        note = f", footnote {location.footnote}" if location.footnote is not None else ""
        return (
            f"Found on page *{first}"
            + (f"-*{last}" if last != first else "")
            + f"{note}, paragraph {location.paragraph + 1}."
        )
    found = f"Found in paragraph {location.paragraph + 1}"
    return found + (f", under the heading “{location.heading}”." if location.heading else ".")


WINDOW = 30
"""Paragraphs shown on each side of the quote's (or from the top), and added per "more":
the view's cost must not grow with the source (100,000 lines once took 46 s to open)."""


@dataclass(frozen=True)
class Passage:
    """One quote in its source. `text` is None when the source cannot be read (`missing` says why).

    The pin shown with it is the quote's own: the checker has matched it to where the words
    stand (`pins.pin_of`), and where the copy's heading is damaged it names the heading as
    the opinion prints it ("Standard of review", not the seed's "qualified.standard of review").
    """

    quote: Quote
    path: Path
    title: str
    text: str | None
    location: QuoteLocation | None
    damage: str | None
    missing: str = "is missing"

    @cached_property
    def line_starts(self) -> list[int]:
        """The offset where each line begins, found once: a line is then read without splitting the text."""
        if self.text is None:
            return []
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, number: int) -> str:
        assert self.text is not None
        start = self.line_starts[number]
        end = self.line_starts[number + 1] - 1 if number + 1 < self.line_count else len(self.text)
        return self.text[start:end]

    def window(self, shown: int = WINDOW) -> range:
        """The lines to show: `shown` on each side of the quote's paragraph, or the first 2 x `shown` lines."""
        centre = self.location.paragraph if self.location is not None else 0
        first = max(0, centre - shown)
        return range(first, min(self.line_count, max(centre + shown + 1, first + 2 * shown)))

    def spans_in(self, number: int) -> list[tuple[int, int]]:
        """The quote's character spans within line `number`, relative to that line (none elsewhere)."""
        if self.location is None or number != self.location.paragraph or self.text is None:
            return []
        offset = self.line_starts[number]
        return [(start - offset, end - offset) for start, end in self.location.spans]

    def marked_paragraph(self, before: str = "»", after: str = "«") -> str | None:
        """The quote's paragraph with each quoted span between `before` and `after`; None when not found."""
        if self.location is None or self.text is None:
            return None
        line = self.line(self.location.paragraph)
        out, done = [], 0
        for start, end in self.spans_in(self.location.paragraph):
            out += [line[done:start], before, line[start:end], after]
            done = end
        return "".join(out) + line[done:]


def source_title(scenario: Scenario, source_id: str | None) -> str:
    source = scenario.source(source_id)
    return source.title or f"{scenario.case.name} ({source.role})"


def open_passage(scenario: Scenario, folder: Path, quote: Quote) -> Passage:
    """Find `quote` in its source, a path relative to `folder` (the scenario file's folder)."""
    return _opened(quote, folder / scenario.source(quote.source).path, source_title(scenario, quote.source))


def open_doctrine_passage(doctrine: DoctrineFile, folder: Path, quote: Quote) -> Passage:
    """Find a doctrine entry's `quote` in the doctrine file's source, a path relative to `folder` (that file's)."""
    source = doctrine.source(quote.source)
    return _opened(quote, folder / source.path, source.title or source.id)


def _opened(quote: Quote, path: Path, title: str) -> Passage:
    try:
        text = source_text(path)  # refuses a FIFO or a device before opening it: nothing here can block
    except (OSError, UnreadableSource) as error:
        if isinstance(error, FileNotFoundError):
            why = "is missing"
        elif isinstance(error, OSError):
            why = f"cannot be read ({error.strerror or error})"
        else:
            why = str(error)
        return Passage(quote, path, title, None, None, None, missing=why)
    return Passage(
        quote=quote,
        path=path,
        title=title,
        text=text.text,
        location=locate_quote(quote.text, path),
        damage=known_damage(path),
    )
