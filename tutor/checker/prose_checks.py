"""Words in double quotes inside an author's prose are a text's words, so the checker finds them there.

What counts as such a span is `tutor.sources.spans`'s rule. Each must stand word for word
(under the rules of `tutor.sources.quotes`) in a text the bank ships: the scenario's own
sources, then the doctrine file's (the Supreme Court texts and the later-law snippets).
This proves the words exist; who said them is for the sentence to say. Play shows the
page or heading each span stands under (`tutor.study.quoted`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tutor.checker.text_checks import loaded_strings
from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario, Source
from tutor.scenario.problems import LoadedFile, Problem
from tutor.sources.cost import TooCostly
from tutor.sources.quotes import search_quote
from tutor.sources.spans import quoted_spans
from tutor.sources.text import SourceText, UnreadableSource, source_text
from tutor.terminal_text import shown

# Keys whose strings are not the author's prose: proved quotes, sample answers, file paths and ids.
NOT_PROSE = frozenset({"quotes", "examples", "sources", "path", "id", "reviewed", "schema"})


def _found(span: str, texts: Sequence[SourceText]) -> bool:
    for text in texts:
        try:
            if search_quote(span, text).location is not None:
                return True
        except TooCostly:
            continue  # too costly in this text is not found in it; the next may find it cheaply
    return False


def unfound_quotes(loaded: LoadedFile, texts: Sequence[SourceText], names: str) -> Iterator[Problem]:
    """A warning for each quoted span of the file's prose that none of `texts` holds."""
    for at, text in loaded_strings(loaded.data, (), NOT_PROSE, keys=False):
        for span in quoted_spans(text):
            if not _found(span, texts):
                short = " ".join(span.split())
                short = short if len(short) <= 70 else short[:69] + "…"
                yield loaded.problem(
                    at,
                    "prose-quote-unfound",
                    f'the words in double quotes, "{shown(short)}", are in none of {names}',
                    "copy them exactly from a text; for a label, a position or a term use single quotes (‘…’)",
                    "warning",
                )


def readable(sources: Iterable[Source], folder: Path) -> list[SourceText]:
    """The texts of `sources` that can be read; the quote checks report those that cannot."""
    texts = []
    for source in sources:
        try:
            texts.append(source_text((folder / source.path).resolve()))
        except (UnreadableSource, OSError, RuntimeError):
            continue
    return texts


def _inside(texts: list[SourceText], roots: Sequence[Path]) -> list[SourceText]:
    return [t for t in texts if any(t.path.is_relative_to(root) for root in roots)]


def prose_quotes(scenario: Scenario, loaded: LoadedFile, context: BankContext) -> Iterator[Problem]:
    own = loaded.path.resolve().parent
    bank = context.doctrine_file.path.resolve().parent
    roots = [own, bank] if own.is_relative_to(bank) else [own]
    texts = readable(scenario.case.sources, own) + readable(context.doctrine.sources, bank)
    yield from unfound_quotes(loaded, _inside(texts, roots), "the scenario's sources and the doctrine file's")
