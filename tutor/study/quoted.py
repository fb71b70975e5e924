"""Where the words an author's prose puts in double quotes stand: the pin a student sees after them.

A feedback line such as `the court would "not hesitate" to …` attributes words to a text.
The checker proves they are in one (`prose-quote-unfound`); play shows where, as it does for
a `quotes` entry: `"not hesitate" (437 F.3d at 534)`, or for a text without pages the heading
the words stand under (as the scenario's checked pins name it where the copy's is damaged,
with its first capital where the copy lost it). The pin is worked out from the shipped text,
never typed by an author, so it cannot drift from the words. Words that stand inside one of
the checked `quotes` take that quote's pin: the author chose that passage. Otherwise, where the
words stand more than once, it is the first place: a page of the case's own texts before a
heading of them (Floyd's opening excerpt has pages, its full copy only headings), then the
doctrine file's texts.

No pin is shown where the author gave a parenthetical of their own right after the quote,
where the words are only in a reference file (the later-law snippets are copies of other
pages, not an opinion with pages), or where no citation names the text's reporter. Words from
a concurrence or a dissent say so in the pin, as a `quotes` pin does: `(437 F.3d at 538
(Batchelder, J., dissenting))`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.model import Quote, Scenario, Source
from tutor.sources.cost import TooCostly
from tutor.sources.pins import HeadingPin, find_heading, parse_pin, pin_of
from tutor.sources.quotes import search_quote
from tutor.sources.spans import quoted_spans_at
from tutor.sources.text import SourceText, UnreadableSource, source_text
from tutor.sources.words import words_of


@dataclass(frozen=True)
class PinnedText:
    """A shipped text prose may quote, with the citation its pins name; read on first need, so a
    walk whose spans all stand in its own opinion never reads the Supreme Court texts."""

    path: Path
    citation: str | None
    reference: bool  # a reference file's words have no pin of their own
    own: bool  # one of the scenario's own texts (its opinion and excerpts), not another case's
    separate: str | None = None  # a concurrence's or dissent's name: "Batchelder, J., dissenting"
    quotes: tuple[Quote, ...] = ()  # the quotes whose checked pins name this text's headings

    @cached_property
    def text(self) -> SourceText | None:
        try:
            return source_text(self.path)
        except (UnreadableSource, OSError, RuntimeError):
            return None  # the checker reports a text that cannot be read; its words go unpinned

    @cached_property
    def printed(self) -> dict[int, str]:
        """A heading line's words as the opinion prints them, where the copy's are damaged: the Floyd
        seed's "qualified.standard of review" is "Standard of review" in the authors' checked pins."""
        return printed_headings(self.text, self.quotes) if self.text is not None else {}


def sentence_case(heading: str) -> str:
    """A lower-cased copy's heading with the capital it lost ("factual background" is printed
    "Factual background"); a heading with capitals of its own is left as the copy has it."""
    return heading[:1].upper() + heading[1:] if heading.islower() else heading


def printed_headings(text: SourceText, quotes: Iterable[Quote]) -> dict[int, str]:
    """Each heading line the checked pins of `quotes` name, with the words they name it by."""
    out: dict[int, str] = {}
    for quote in quotes:
        pin = parse_pin(quote.pin)
        if isinstance(pin, HeadingPin) and (heading := find_heading(text, pin.heading)) is not None:
            out.setdefault(heading.line, pin.heading)
    return out


def separate_opinion(source: Source) -> str | None:
    """How a pin names a concurrence or dissent, as its quotes' pins do: the source's title up to
    any note in brackets ("Batchelder, J., dissenting"), else the role alone. None for the court's."""
    if source.role not in ("concurrence", "dissent"):
        return None
    title = (source.title or "").split(" (")[0].strip()
    return title or ("concurring" if source.role == "concurrence" else "dissenting")


def _shipped(
    sources: list[Source], folder: Path, citations: dict[str, str], own: bool, quotes: tuple[Quote, ...] = ()
) -> Iterator[PinnedText]:
    root = folder.resolve()
    for source in sources:
        path = (folder / source.path).resolve()
        if path.is_relative_to(root):  # only texts shipped beside the file are read, as the checker reads them
            separate = separate_opinion(source)
            yield PinnedText(path, citations.get(source.id), source.role == "reference", own, separate, quotes)


@dataclass
class QuotedWords:
    """Each quoted span's pin, found on first use (a search in each text, in order) and kept.

    `pinned` are the checked `quotes` entries (the scenario's, then the doctrine file's), as
    (their words, their pin): words that stand inside one take its pin, for a short span such
    as Sigley's "the main issue" stands first in the district court's words (at 532) and then
    in the court's own (at 534), and the quote says which passage the author means.
    """

    texts: list[PinnedText]
    pinned: list[tuple[str, str]] = field(default_factory=list)
    found: dict[str, tuple[PinnedText | None, str | None]] = field(default_factory=dict)

    def pin(self, words: str) -> str | None:
        """Where `words` stand, as a pin; None where they get none (see the module's docstring)."""
        return self.where(words)[1]

    def where(self, words: str) -> tuple[PinnedText | None, str | None]:
        """The text that holds `words` (None if none does) and their pin there."""
        if words not in self.found:
            self.found[words] = self._find(words)
        return self.found[words]

    def _find(self, words: str) -> tuple[PinnedText | None, str | None]:
        key = f" {' '.join(words_of(words))} "
        for quoted, quote_pin in self.pinned:
            if key in quoted:
                return None, quote_pin
        holder = None
        by_heading: tuple[PinnedText, str] | None = None  # kept while the case's other texts may give a page
        for pinned in self.texts:
            if by_heading is not None and not pinned.own:
                break
            if pinned.text is None:
                continue
            try:
                found = search_quote(words, pinned.text).location
            except TooCostly:
                continue  # too costly here is not found here; the next text may find it cheaply
            if found is None:
                continue
            holder = holder or pinned
            if pinned.reference or pinned.citation is None:
                continue  # the words may also stand in a text with pages or headings
            heading = pinned.text.heading_above(found.paragraph)
            if found.pages is None and heading is not None:
                found = replace(found, heading=pinned.printed.get(heading.line) or sentence_case(heading.text))
            pin = pin_of(found, pinned.citation, pinned.text.markers.reporter)
            if pin is not None and pinned.separate is not None:
                pin += f" ({pinned.separate})"  # a dissent's words are a dissent's, on whatever page
            if pin is not None and found.pages is not None:
                return pinned, pin
            if pin is not None and by_heading is None:
                by_heading = pinned, pin
        return by_heading or (holder, None)

    def split(self, prose: str) -> list[tuple[str, str | None]]:
        """`prose` cut after each quoted span that gets a pin: (text up to there, its pin), then the rest."""
        out: list[tuple[str, str | None]] = []
        start = 0
        for span in quoted_spans_at(prose):
            pin = None if span.followed_by_parenthetical else self.pin(span.words)
            if pin is not None:
                out.append((prose[start : span.end], pin))
                start = span.end
        if start < len(prose) or not out:
            out.append((prose[start:], None))
        return out


def _keyed(quotes: Iterable[Quote]) -> list[tuple[str, str]]:
    return [(f" {' '.join(words_of(q.text))} ", q.pin) for q in quotes]


NO_QUOTED = QuotedWords([])
"""For text no scenario's sources stand behind: every span stays unpinned."""


def quoted_words(scenario: Scenario, folder: Path, context: BankContext) -> QuotedWords:
    """The texts a scenario's prose may quote: its own sources, then the doctrine file's."""
    own = {s.id: scenario.case.citation for s in scenario.case.sources}
    doctrine = context.doctrine
    first = doctrine.sources[0].id if doctrine.sources else None
    # A doctrine text's pins name the entry that quotes it: garner-court's are "471 U.S. at 11".
    cited = {q.source or first: e.citation for e in doctrine.entries.values() for q in e.quotes}
    bank = context.doctrine_file.path.resolve().parent
    quotes = tuple(q for node in scenario.nodes.values() if node.court for q in node.court.quotes)
    texts = [
        *_shipped(scenario.case.sources, folder, own, True, quotes),
        *_shipped(doctrine.sources, bank, {k: v for k, v in cited.items() if k is not None}, False),
    ]
    # A reference file's quotes carry pins no text proves (the snippets are copies of other pages).
    references = {src.id for src in doctrine.sources if src.role == "reference"}
    entries = (q for e in doctrine.entries.values() for q in e.quotes if (q.source or first) not in references)
    return QuotedWords(texts, _keyed(quotes) + _keyed(entries))
