"""An opinion as instructors get it, turned into a source text in the documented form.

Nothing is fetched: the input is a saved CourtListener page (its HTML, in either
star-pagination form: `<span class="star-pagination">*103</span>`, or the Caselaw
Access Project-derived `<span ... class="star-pagination" label="627">`), a Caselaw
Access Project case (its HTML, `<a ... class="page-label" data-label="494">*494</a>`
and `<aside class="footnote">`, or its JSON, whose text has no page breaks), or plain
text with star pages. The output is one text per opinion (a page that holds several
`<opinion>` or `<article class="opinion">` elements gives one each), one paragraph to
a line, with:

- a header naming where it came from and declaring `MARKERS: [*N]`, so that a star
  page quoted in the opinion stays text;
- each page marker as `[*N]` where the page begins;
- footnote calls (`<sup>[1]</sup>`, `<a class="footnote">1</a>`, `<a class="footnotemark">1</a>`)
  as `[fn N]`, and the
  footnotes after the text under a `FOOTNOTES` line, each opening `[fn N]`.

The words are the page's own; markup, links and whitespace runs are all that go.
What cannot be placed (a call with no footnote, a footnote with no call, a star page
in plain text out of sequence, left as text) is listed for the instructor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tutor.sources.words import BARE_PAGE

RULE = "=" * 66
_BLOCKS = {
    "p",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "center",
    "div",
    "author",
    "br",
    "li",
    "tr",
    "section",
}
_DIGITS = re.compile(r"\d+")


@dataclass
class Opinion:
    """One opinion's text: paragraphs with inline `[*N]` and `[fn N]`, and its footnotes."""

    kind: str = "opinion"
    paragraphs: list[str] = field(default_factory=list)
    footnotes: dict[int, list[str]] = field(default_factory=dict)
    calls: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Imported:
    """What `import_text` made: the opinions, and what it could not place."""

    opinions: list[Opinion]
    unplaced: list[str]
    case: str | None = None


class _CourtListenerPage(HTMLParser):
    """The page after `_page_spans`: paragraphs, footnotes and calls; a marker is `\\0N\\0` where it stands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.opinions: list[Opinion] = [Opinion()]
        self.line: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (tag, role): what an end tag closes
        self.footnote: int | None = None  # the footnote whose text is being read
        self.case: list[str] = []

    @property
    def opinion(self) -> Opinion:
        return self.opinions[-1]

    def flush(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if not text:
            return
        if self.footnote is not None:
            self.opinion.footnotes.setdefault(self.footnote, []).append(text)
        else:
            self.opinion.paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        role = "case" if tag == "h1" or (tag == "h4" and "parties" in classes) else ""
        if tag == "opinion" or (tag == "article" and "opinion" in classes):
            self.flush()
            # The caption before the first opinion stays with it; each later opinion is its own.
            if self.opinion.kind != "opinion" and (self.opinion.paragraphs or self.opinion.footnotes):
                self.opinions.append(Opinion())
            self.opinion.kind = attr.get("type") or attr.get("data-type") or "opinion"
        elif tag in ("div", "aside") and "footnote" in classes:
            self.flush()
            number = _DIGITS.search(attr.get("label", "") or attr.get("data-label", "") or attr.get("id", ""))
            self.footnote = int(number.group()) if number else None
            role = "footnote"
        elif tag == "a" and ("footnote" in classes or "footnotemark" in classes):
            # In the footnote, its number links back to the call: a label, not text.
            role = "label" if any(r == "footnote" for _, r in self.stack) else "call"
        elif tag == "a" and attr.get("href", "").startswith("#ref") and any(r == "footnote" for _, r in self.stack):
            role = "label"
        elif tag == "sup":
            role = "sup"
        elif tag in _BLOCKS:
            self.flush()
        if tag != "br":
            self.stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, role = self.stack.pop()
            if role == "footnote":
                self.flush()
                self.footnote = None
            if open_tag == tag:
                break
        if tag in _BLOCKS and tag != "div":
            self.flush()

    def _page(self, page: str) -> None:
        self.line.append(f"[*{page}]")  # where the page puts it: inside a word, it stays inside
        self.opinion.pages.append(int(page))

    def _call(self, data: str) -> None:
        number = _DIGITS.search(data)
        if number:
            self.line[:] = ["".join(self.line).rstrip(), f"[fn {number.group()}]"]
            self.opinion.calls.append(int(number.group()))

    def handle_data(self, data: str) -> None:
        roles = {r for _, r in self.stack}
        if "case" in roles:
            self.case.append(data)
        if "label" in roles:
            return
        if "call" in roles or ("sup" in roles and re.fullmatch(r"\s*\[\d+\]\s*", data)):
            self._call(data)
            return
        for k, part in enumerate(data.split("\x00")):
            if k % 2:
                self._page(part)
            elif part:
                self.line.append(part)


def _page_spans(html: str) -> str:
    """Each star-pagination span as one sentinel, `\\0N\\0`, whichever form it takes (its label, else its text)."""

    def one(span: re.Match[str]) -> str:
        label = re.search(r'label="(\d+)"', span["open"]) or _DIGITS.search(span["body"])
        return f"\x00{label.group(1) if label.re.groups else label.group()}\x00" if label else span.group()

    html = re.sub(
        r'(?P<open><span[^>]*class="star-pagination"[^>]*>)(?P<body>[^<]*)</span>', one, html, flags=re.DOTALL
    )

    def cap(anchor: re.Match[str]) -> str:
        label = re.search(r'data-label="(\d+)"', anchor["open"]) or _DIGITS.search(anchor["body"])
        return f"\x00{label.group(1) if label.re.groups else label.group()}\x00" if label else anchor.group()

    return re.sub(r'(?P<open><a[^>]*class="page-label"[^>]*>)(?P<body>[^<]*)</a>', cap, html, flags=re.DOTALL)


def import_html(html: str) -> Imported:
    """A saved CourtListener page's opinions."""
    parser = _CourtListenerPage()
    parser.feed(_page_spans(html.replace("\x00", "")))
    parser.close()
    parser.flush()
    opinions = [o for o in parser.opinions if o.paragraphs]
    unplaced = []
    for opinion in opinions:
        for number in opinion.calls:
            if number not in opinion.footnotes:
                unplaced.append(f"footnote {number} is called in the text, but the page does not hold its text")
        for number in opinion.footnotes:
            if number not in opinion.calls:
                unplaced.append(f"footnote {number} has no call in the text: its page is unknown")
    case = " ".join("".join(parser.case).split()) or None
    return Imported(opinions, unplaced, case)


def import_cap_json(data: dict[str, object]) -> Imported:
    """A Caselaw Access Project case's JSON: its opinions' text, which carries no page breaks.

    The pages are only the case's first and last (`first_page`, `last_page`), so the
    imported text has no markers: pin quotes by heading, or import the case's CAP HTML.
    """
    body = data.get("casebody")
    opinions_data = body.get("opinions") if isinstance(body, dict) else None
    if not isinstance(opinions_data, list):
        return Imported([], ["the JSON has no casebody.opinions"])
    opinions = []
    for number, entry in enumerate(opinions_data):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            continue
        opinion = Opinion(kind=str(entry.get("type") or "opinion"))
        head = body.get("head_matter") if number == 0 and isinstance(body, dict) else None
        lines = (head.split("\n") if isinstance(head, str) else []) + entry["text"].split("\n")
        opinion.paragraphs = [" ".join(line.split()) for line in lines if line.strip()]
        opinions.append(opinion)
    first, last = data.get("first_page"), data.get("last_page")
    unplaced = [
        f"the JSON gives only the case's pages ({first}-{last}), no page breaks: pin by heading, or import the CAP HTML"
    ]
    name = data.get("name")
    return Imported(opinions, unplaced, name if isinstance(name, str) else None)


def import_plain(text: str) -> Imported:
    """Plain text with bare star pages: a marker that follows the page before it is a page; any other is text."""
    opinion, previous = Opinion(), None
    unplaced: list[str] = []

    def bracket(marker: re.Match[str]) -> str:
        nonlocal previous
        page = int(marker["page"])
        if previous is None or page == previous + 1:
            previous = page
            opinion.pages.append(page)
            return f"[*{page}]"
        unplaced.append(f"{marker.group()} does not follow page {previous}: kept as text, not a page marker")
        return marker.group()

    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=\s)", text) if p.strip()]
    opinion.paragraphs = [BARE_PAGE.sub(bracket, p) for p in paragraphs]
    return Imported([opinion], unplaced)


def source_file(opinion: Opinion, origin: str, case: str | None) -> str:
    """The text of a source file for one opinion, header first."""
    pages = opinion.pages
    span = f"{pages[0]}-{pages[-1]}" if pages else "none"
    header = [
        f"CASE: {case or 'Replace with the case name'}",
        "CITATION: Replace with the citation, e.g. 380 U.S. 102 (1965)",
        f"OPINION: {opinion.kind}",
        f"SOURCE: {origin}, imported by qi-tutor source import; markup removed, words as published there",
        "MARKERS: [*N]",
        f"PAGES: markers [*{span}] as the page marks them; text before the first is on the page before it",
        "KNOWN DAMAGE: not yet checked against print",
    ]
    out = "\n".join(header) + f"\n{RULE}\n" + "\n".join(opinion.paragraphs) + "\n"
    if opinion.footnotes:
        out += "\nFOOTNOTES\n"
        for number, paragraphs in sorted(opinion.footnotes.items()):
            out += f"[fn {number}] " + paragraphs[0] + "\n" + "".join(p + "\n" for p in paragraphs[1:])
    return out


ERRATA_SKELETON = """format: 1
damage: >-
  Not yet checked against print. Describe here the copy's known damage (OCR misreadings,
  lost dashes, missing passages), for the opinion view.
errata: []
# errata:
#   - damaged: Gamer            # the span as the copy has it
#     reading: Garner           # what the opinion says
#     note: OCR misreading.
"""
