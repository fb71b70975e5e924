"""Pins: where in the opinion a quote stands, checked against where it really stands.

A student who looks a quote up must find it at the pin. For a source with star pages
the checker computes the page (or the range, `534-35`) from the markers, and the pin
must say exactly that: `437 F.3d at 535`, `at 534-35` or `at 534-535`, optionally
followed by a parenthetical such as `(Batchelder, J., dissenting)`; a quote from a
footnote adds its number, `437 F.3d at 535 n.1`. A source whose pages are another
reporter's (`MARKERS: [127 S. Ct. *N]`) is pinned to that reporter, `127 S. Ct. at
1776`, never to the case citation's. A source without
pages (the Floyd seed) is pinned to the heading the passage stands under,
`518 F.3d 398, "Heading"`, never to a guessed page; the heading matches a heading line
of the source by its words, or by its final two or more words ("Standard of review"
for the seed's "qualified.standard of review").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.sources.quotes import QuoteLocation
from tutor.sources.text import Heading, SourceText
from tutor.sources.words import words_of

_CITE = r"\d+\s+[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*)*"
_PAGE_PIN = re.compile(
    rf"^(?:(?P<reporter>{_CITE})\s+)?at\s+(?P<first>\d+)(?:\s*[-–]\s*(?P<last>\d+))?"
    r"(?:\s*(?:&\s*)?n\.\s*(?P<note>\d+))?\s*(?:\(.*\))?$"
)
_HEADING_PIN = re.compile(rf"^(?P<cite>{_CITE}\s+\d+),\s*[\"“](?P<heading>[^\"”]+)[\"”]$")
_CASE_CITE = re.compile(rf"^\s*(?P<reporter>{_CITE})\s+(?P<page>\d+)")


@dataclass(frozen=True)
class PagePin:
    reporter: str | None  # "437 F.3d", when the pin names it
    first: int
    last: int
    footnote: int | None = None


@dataclass(frozen=True)
class HeadingPin:
    cite: str  # "518 F.3d 398"
    heading: str


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _full_last(first: str, last: str) -> int:
    """`534-35` -> 535: a short second number keeps the first number's leading digits."""
    return int(first[: len(first) - len(last)] + last) if len(last) < len(first) else int(last)


def parse_pin(pin: str) -> PagePin | HeadingPin | None:
    """The pin's parts, or None when it is neither a page pin nor a heading pin."""
    text = " ".join(pin.split())
    if page := _PAGE_PIN.match(text):
        first = int(page["first"])
        last = _full_last(page["first"], page["last"]) if page["last"] else first
        note = int(page["note"]) if page["note"] else None
        return PagePin(page["reporter"], first, last, note) if last >= first else None
    if heading := _HEADING_PIN.match(text):
        return HeadingPin(heading["cite"], heading["heading"])
    return None


def heading_matches(pin_heading: str, heading: Heading) -> bool:
    """Same words as the heading line, or its final two or more words."""
    words = tuple(words_of(pin_heading))
    if words == heading.words:
        return True
    return len(words) >= 2 and heading.words[-len(words) :] == words


def find_heading(src: SourceText, pin_heading: str) -> Heading | None:
    return next((h for h in src.headings if heading_matches(pin_heading, h)), None)


def cite_mismatch(pin: PagePin | HeadingPin, case_citation: str, reporter: str | None = None) -> str | None:
    """What is wrong with the reporter the pin names, given the case's citation (None: nothing).

    `reporter` is the reporter whose pages the source carries when they are not the case
    citation's (Scott's text has only `127 S. Ct.` pages): then the pin must name it, and
    a pin to the case's own reporter (`550 U.S.`) is refused, since no page here is one.
    """
    case = _CASE_CITE.match(case_citation)
    if isinstance(pin, PagePin) and reporter is not None:
        if pin.reporter is not None and _squash(pin.reporter) == _squash(reporter):
            return None
        if pin.reporter is None:
            return f"the source's pages are {reporter} pages: the pin must name {reporter}"
        return f"the pin cites {pin.reporter}, but the source's pages are {reporter} pages"
    if case is None:
        return None
    if isinstance(pin, PagePin):
        if pin.reporter is None or _squash(pin.reporter) == _squash(case["reporter"]):
            return None
        return f"the pin cites {pin.reporter} but the case is {case['reporter']}"
    expected = f"{case['reporter']} {case['page']}"
    if _squash(pin.cite) == _squash(expected):
        return None
    return f"the pin cites {pin.cite} but the case is {expected}"


def page_range(first: int, last: int) -> str:
    """535, or 534-35 across a marker (the last page's final two digits when the rest agree)."""
    if first == last:
        return str(first)
    a, b = str(first), str(last)
    if len(a) == len(b) and len(a) > 2 and a[:-2] == b[:-2]:
        return f"{a}-{b[-2:]}"
    return f"{a}-{b}"


def pin_of(location: QuoteLocation, citation: str | None = None, reporter: str | None = None) -> str | None:
    """The pin a quote at `location` should carry: `437 F.3d at 534-35` or `518 F.3d 398, "heading"`.

    `citation` is the case's ("437 F.3d 527 (6th Cir. 2006)"); without it a page pin
    is bare (`at 535`). `reporter` names the reporter of the source's pages when they
    are another reporter's (`127 S. Ct.`). None when the source has neither pages nor a
    heading above the quote.
    """
    case = _CASE_CITE.match(citation) if citation else None
    if location.pages is not None:
        at = f"at {page_range(*location.pages)}"
        if location.footnote is not None:
            at += f" n.{location.footnote}"
        if reporter is not None:
            return f"{reporter} {at}"
        return f"{case['reporter']} {at}" if case else at
    if location.heading is None:
        return None
    cite = f"{case['reporter']} {case['page']}, " if case else ""
    return f'{cite}"{location.heading}"'
