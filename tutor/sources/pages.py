"""Which page each part of an opinion text is on: markers, omissions and footnotes printed after the text.

A page marker (in the form the source declares, `tutor.sources.words.MarkerForm`)
starts a page; text before the first marker is on the page before it. Three more
forms keep pages right where a copy is not the whole opinion in print order:

- an omission, a line of its own that opens with an ellipsis (`[...]`, `[… two pages
  omitted]`): the pages after it are unknown until the next marker, so a quote there
  cannot be pinned to the page before the gap;
- footnotes printed after the text: a line `FOOTNOTES` starts them, and a paragraph
  opening `[fn N]` starts footnote N (its later paragraphs belong to it). Footnote N
  is on the page of its call, `[fn N]` in the text, and a marker inside it moves that
  footnote alone onto the next page;
- markers that go backwards, or skip pages with no omission between, are warned of:
  they are usually a reporter's page taken for a marker, or a marker lost.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.scenario.problems import Problem
from tutor.sources.words import FOOTNOTE_CALL, MarkerForm

_OMISSION = re.compile(r"^[ \t]*\[[ \t]*(?:\.[ \t]*\.[ \t]*\.|…)[^\]\n]*\][ \t]*$", re.MULTILINE)
_FOOTNOTES_LINE = re.compile(r"^FOOTNOTES\b[^:\n]*$", re.MULTILINE)
_FOOTNOTE_START = re.compile(r"^[ \t]*\[fn\s(?P<number>\d+)\]", re.MULTILINE)


@dataclass(frozen=True)
class PageMap:
    """Pages by character offset: page `numbers[k]` (None: unknown) runs from `starts[k]` to the next start."""

    starts: list[int] = field(default_factory=list)
    numbers: list[int | None] = field(default_factory=list)
    before: int | None = None  # the page of text before the first marker
    footnotes: dict[int, int] = field(default_factory=dict)  # line -> footnote number, after the text

    @property
    def paged(self) -> bool:
        return any(n is not None for n in self.numbers)

    def page_at(self, offset: int) -> int | None:
        if not self.paged:
            return None
        at = bisect.bisect_right(self.starts, offset) - 1
        return self.before if at < 0 else self.numbers[at]


@dataclass(frozen=True)
class PagesRead:
    readable: str  # the text with the FOOTNOTES line blanked too
    map: PageMap
    problems: list[Problem]


class _Reader:
    def __init__(self, path: Path, text: str, form: MarkerForm) -> None:
        self.path, self.text, self.form = path, text, form
        self.starts: list[int] = []
        self.numbers: list[int | None] = []
        self.problems: list[Problem] = []

    def warn(self, offset: int, code: str, message: str, hint: str) -> None:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        self.problems.append(Problem(self.path, line, column, "warning", code, message, hint))

    def follow(self, marker: re.Match[str], page: int, previous: int | None, gap: bool, where: str) -> None:
        """Start `page` after `marker`, warning when it does not follow `previous`."""
        self.starts.append(marker.end())
        self.numbers.append(page)
        if previous is None or page == previous + 1 or (gap and page > previous):
            return
        went = "goes back" if page <= previous else "skips pages"
        self.warn(
            marker.start(),
            "page-marker-order",
            f"the page marker {marker.group()} {went} after page {previous}{where}",
            f"a reporter's page quoted in the text is not a marker: declare MARKERS: [*N] and bracket the real ones"
            f" ({self.form.describe()} now); mark a gap in the text with a line [...] before the next marker",
        )


def read_pages(path: Path, text: str, readable: str, form: MarkerForm, header_end: int = 0) -> PagesRead:
    """The pages of `readable` (the text with the copyist's notes blanked; `text` is the original, same offsets)."""
    section = _FOOTNOTES_LINE.search(readable)
    end_of_text = section.start() if section else len(readable)
    if section:
        readable = readable[: section.start()] + " " * len(section.group()) + readable[section.end() :]
    reader = _Reader(path, text, form)
    events: list[tuple[int, re.Match[str] | None]] = [
        (m.start(), m) for m in form.pattern.finditer(readable, 0, end_of_text)
    ]
    events += [(m.start(), None) for m in _OMISSION.finditer(text, header_end, end_of_text)]
    previous, gap, before = None, False, None
    for offset, marker in sorted(events, key=lambda e: e[0]):
        if marker is None:
            reader.starts.append(offset)
            reader.numbers.append(None)
            gap = True
            continue
        page = int(marker["page"])
        if before is None and previous is None:
            before = page - 1
        reader.follow(marker, page, previous, gap, "")
        previous, gap = page, False
    main = PageMap(list(reader.starts), list(reader.numbers), before)
    footnotes = _footnote_pages(reader, readable, end_of_text, main) if section else {}
    pages = PageMap(reader.starts, reader.numbers, before, footnotes)
    return PagesRead(readable, pages, reader.problems)


def _footnote_pages(reader: _Reader, readable: str, end_of_text: int, main: PageMap) -> dict[int, int]:
    """Each footnote after the text on the page of its call; its own markers move only it."""
    calls: dict[int, int] = {}
    for call in FOOTNOTE_CALL.finditer(readable, 0, end_of_text):
        calls.setdefault(int(call["number"]), call.start())
    heads = list(_FOOTNOTE_START.finditer(readable, end_of_text))
    lines: dict[int, int] = {}
    for k, head in enumerate(heads):
        number = int(head["number"])
        stop = heads[k + 1].start() if k + 1 < len(heads) else len(readable)
        page = main.page_at(calls[number]) if number in calls else None
        if number not in calls:
            reader.warn(
                head.start(),
                "footnote-no-call",
                f"footnote {number} has no call [fn {number}] in the text, so its page is unknown",
                f"put [fn {number}] in the text where the opinion prints the footnote's number",
            )
        reader.starts.append(head.start())
        reader.numbers.append(page)
        for marker in reader.form.pattern.finditer(readable, head.end(), stop):
            moved = int(marker["page"])
            reader.follow(marker, moved, page, False, f" in footnote {number}")
            page = moved
        first_line = readable.count("\n", 0, head.start())
        for line in range(first_line, first_line + readable.count("\n", head.start(), stop) + 1):
            lines[line] = number
    return lines
