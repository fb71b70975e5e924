"""An opinion text normalised once for quote checking: words, paragraphs, pages, headings.

Words are compared ignoring case, punctuation (brackets too: `[T]he` is `the`), page
markers and footnote calls (`tutor.sources.words`): `*535` between words is dropped,
and inside a word, `dan*535ger`, it joins the word. Each word keeps its character span
in the original text, so the opinion view can highlight a located quote.

Pages (`tutor.sources.pages`) come from the markers in the form the header's `MARKERS:`
line declares; footnotes printed after the text and omissions are placed there too.
A heading is a short line
that does not end a sentence (the Floyd seed's "ii.analysis"), for pinning quotes in
a source without pages.

The copyist's notes are not opinion text: the shipped excerpts open with SOURCE and
STATUS lines above a rule of `=` that mention star pages (`*399 *400 *401`), and mark
their seams with whole-line brackets ("[... excerpt ends here; remainder (rest of *539
and *540) not retrievable ...]"). Both are blanked before reading words, markers and
headings, so no quote can match them and their markers start no page.

Each source is built once per run (cached by path, size and mtime) with a word
index, so a quote is found by looking up its rarest word, not by scanning the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.regular_files import NotRegularFile, read_regular, why_not_regular
from tutor.scenario.problems import Problem
from tutor.sources.errata import SourceErrata, load_errata
from tutor.sources.pages import PageMap, read_pages
from tutor.sources.words import (
    BARE,
    BRACKETED_PAGE,
    FOOTNOTE_CALL,
    WORD,
    MarkerForm,
    parse_marker_form,
    word_key,
    words_of,
)

if TYPE_CHECKING:
    from tutor.sources.quotes import QuoteSearch

# The longest opinion is a few hundred KB; a far bigger file is not an opinion text, and
# tokenising it would cost seconds and memory for nothing.
MAX_SOURCE_BYTES = 4_000_000
# A heading is a short line that does not end a sentence ("ii.analysis").
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 160
_SENTENCE_END = ".?!:;,"


@dataclass(frozen=True)
class Heading:
    line: int
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class SourceText:
    """One source, normalised once: its words, where each was written, its pages and headings."""

    path: Path
    text: str
    keys: list[str]
    starts: list[int]  # character offsets in `text`
    ends: list[int]
    lines: list[int]  # the paragraph (line) of each word
    index: dict[str, list[int]]
    pages: PageMap
    headings: list[Heading]
    errata: SourceErrata
    markers: MarkerForm = BARE
    problems: tuple[Problem, ...] = ()  # the source's own: a bad MARKERS line, markers out of order
    heading_lines: list[int] = field(default_factory=list)  # each heading's line, for bisection
    # Each quote already searched for here (`tutor.sources.quotes.search_quote`): the checker and
    # the restored-reading flags ask for the same quotes, and a changed file is a new SourceText.
    searched: dict[str, QuoteSearch] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once per source: a pin check per quote must not rebuild it.
        object.__setattr__(self, "heading_lines", [h.line for h in self.headings])

    @property
    def paged(self) -> bool:
        return self.pages.paged

    def page_at(self, offset: int) -> int | None:
        """The page the character at `offset` is on; None after an omission, until the next marker."""
        return self.pages.page_at(offset)

    def footnote_at(self, line: int) -> int | None:
        """The number of the footnote printed after the text that line `line` belongs to."""
        return self.pages.footnotes.get(line)

    def heading_above(self, line: int) -> Heading | None:
        at = bisect.bisect_left(self.heading_lines, line) - 1
        return self.headings[at] if at >= 0 else None


_HEADER_RULE = re.compile(r"^={10,}[ \t]*$", re.MULTILINE)
_MARKERS_LINE = re.compile(r"^MARKERS:[ \t]*(?P<form>.*?)[ \t]*$", re.MULTILINE)
# One bracketed note filling its line; "[T]he court ... [sic]" has two brackets and is text.
_EDITORIAL_LINE = re.compile(r"^[ \t]*\[[^\]\n]*\][ \t]*$", re.MULTILINE)
_PLACING = re.compile(f"{BRACKETED_PAGE.pattern}|{FOOTNOTE_CALL.pattern}")


def _header_end(text: str) -> int:
    rule = _HEADER_RULE.search(text)
    return rule.end() if rule else 0


def _marker_form(path: Path, text: str, header_end: int) -> tuple[MarkerForm, list[Problem]]:
    """The form the header's `MARKERS:` line declares (bare `*N` without one)."""
    line = _MARKERS_LINE.search(text, 0, header_end)
    if line is None:
        return BARE, []
    form = parse_marker_form(line["form"])
    if form is not None:
        return form, []
    number = text.count("\n", 0, line.start()) + 1
    return BARE, [
        Problem(
            path,
            number,
            1,
            "error",
            "source-markers",
            f"cannot read the marker form {line['form']!r}",
            "write MARKERS: *N (bare, *535), [*N] (bracketed, [*7]) or [127 S. Ct. *N] (another reporter's pages)",
        )
    ]


def _blank_notes(text: str, header_end: int) -> str:
    """The text with the copyist's header and bracketed seam notes blanked (offsets and lines kept)."""

    def blank(part: str) -> str:
        return re.sub(r"[^\n]", " ", part)

    def note(line: re.Match[str]) -> str:
        # A page marker or footnote call alone on its line is not a note: it places the text.
        return line.group() if _PLACING.fullmatch(line.group().strip()) else blank(line.group())

    text = blank(text[:header_end]) + text[header_end:]
    return _EDITORIAL_LINE.sub(note, text)


def _strip_markers(text: str, form: MarkerForm) -> tuple[str, list[int], list[int]]:
    """The text without markers and calls, the cleaned offset of each removal, and the running length removed."""
    cleaned, removed_at, removed_total = [], [], []
    last, total = 0, 0
    for marker in form.formatting.finditer(text):
        cleaned.append(text[last : marker.start()])
        removed_at.append(marker.start() - total)
        total += len(marker.group())
        removed_total.append(total)
        last = marker.end()
    cleaned.append(text[last:])
    return "".join(cleaned), removed_at, removed_total


def _headings(cleaned: str) -> list[Heading]:
    found = []
    for number, line in enumerate(cleaned.split("\n")):
        stripped = line.strip()
        if len(stripped) > _HEADING_MAX_CHARS:
            continue
        words = tuple(words_of(stripped))
        if (
            0 < len(words) <= _HEADING_MAX_WORDS
            and stripped[-1] not in _SENTENCE_END
            and re.search(r"[^\W\d_]", stripped)
        ):
            found.append(Heading(number, stripped, words))
    return found


def _tokenise(path: Path, text: str) -> SourceText:
    header_end = _header_end(text)
    form, problems = _marker_form(path, text, header_end)
    pages = read_pages(path, text, _blank_notes(text, header_end), form, header_end)
    readable = pages.readable
    cleaned, removed_at, removed_total = _strip_markers(readable, form)

    def original(offset: int, *, end: bool) -> int:
        # A marker exactly at a word's start comes before the word; at its end, after it.
        if not removed_at:
            return offset
        count = bisect.bisect_left(removed_at, offset) if end else bisect.bisect_right(removed_at, offset)
        return offset + (removed_total[count - 1] if count else 0)

    keys: list[str] = []
    starts, ends, lines = [], [], []
    index: dict[str, list[int]] = {}
    line_start = 0
    # Line by line: markers never hold a newline, so a cleaned line is the same line of the text.
    for number, line in enumerate(cleaned.split("\n")):
        for match in WORD.finditer(line):
            key = word_key(match.group())
            if not key:
                continue
            index.setdefault(key, []).append(len(keys))
            keys.append(key)
            starts.append(original(line_start + match.start(), end=False))
            ends.append(original(line_start + match.end(), end=True))
            lines.append(number)
        line_start += len(line) + 1
    errata = load_errata(path, keys, index, lines)
    return SourceText(
        path=path,
        text=text,
        keys=keys,
        starts=starts,
        ends=ends,
        lines=lines,
        index=index,
        pages=pages.map,
        headings=_headings(cleaned),
        errata=errata,
        markers=form,
        problems=tuple(problems + pages.problems),
    )


class UnreadableSource(ValueError):
    """A source file that exists but cannot serve as an opinion text; the message says why."""


@lru_cache(maxsize=64)
def _cached(path: str, _mtime_ns: int, _size: int) -> SourceText:
    file = Path(path)
    raw = read_regular(file, MAX_SOURCE_BYTES)
    if len(raw) > MAX_SOURCE_BYTES:  # it grew since stat
        raise UnreadableSource(f"is more than {MAX_SOURCE_BYTES:,} bytes, more than any opinion text")
    return _tokenise(file, raw.decode("utf-8"))


def source_text(path: Path) -> SourceText:
    """The normalised source at `path`, built once per run (and again only if the file changes).

    Raises FileNotFoundError when there is no such file, UnreadableSource when it is
    not a regular file, a symlink loop, too large or not UTF-8 text, and OSError when it
    cannot be read.
    """
    why = why_not_regular(Path(path))
    if why is not None and Path(path).exists():
        raise UnreadableSource(why)  # a FIFO would block the read for ever
    try:
        resolved = Path(path).resolve(strict=True)
        stat = resolved.stat()
    except RuntimeError:  # Python 3.11's resolve() on a symlink loop
        raise UnreadableSource("is a symlink loop") from None
    except OSError:
        if why == "is a symlink loop":
            raise UnreadableSource(why) from None
        raise
    if stat.st_size > MAX_SOURCE_BYTES:
        raise UnreadableSource(f"is {stat.st_size:,} bytes, more than any opinion text ({MAX_SOURCE_BYTES:,})")
    try:
        return _cached(str(resolved), stat.st_mtime_ns, stat.st_size)
    except UnicodeDecodeError as error:
        raise UnreadableSource(f"is not UTF-8 text (byte {error.start:,} is not)") from None
    except NotRegularFile as error:
        raise UnreadableSource(error.strerror) from None
    except MemoryError:
        raise UnreadableSource("is too large to read in the memory available") from None
