"""Finding a quote in its source: the proof that a court's words are its own.

A quote matches when its words appear in the source in order (compared as
`tutor.sources.text` normalises them), with one allowance and two markings for
known kinds of damage:

- the Floyd seed dropped every `'s` ("quaine reliance" for "Quaine's reliance"), so
  a quote word ending in `'s` also matches the source word without it;
- `[sic]` marks a reproduced error and is ignored for matching;
- an ellipsis (`...`, `. . .`, `…`) splits a quote into fragments of at least four
  words each, all within one paragraph (a line of the source), in order;
- an errata file beside the source lists damage that changes meaning: a quote may
  use an erratum's `reading` where the source has the `damaged` span, and one that
  reproduces the damaged span uncorrected is refused unless it says `[sic]`.

`locate_quote` is what the opinion view uses to open a source at a passage.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path

from tutor.sources.cost import Budget, TooCostly
from tutor.sources.text import SourceText, source_text
from tutor.sources.words import WORD, MarkerForm, strip_formatting, word_key

_POSSESSIVE = re.compile(r"['’ʼ]s$")
_NO_BRACKETS = str.maketrans("", "", "[]")
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…")
_SIC = re.compile(r"\[sic\]", re.IGNORECASE)
MIN_FRAGMENT_WORDS = 4
MISS_CANDIDATES = 1_000


@dataclass(frozen=True)
class QuoteWord:
    key: str
    alts: frozenset[str]  # the source words it may stand for


def quote_words(fragment: str, form: MarkerForm | None = None) -> list[QuoteWord]:
    """A fragment's words; one ending in 's also stands for the word without it (the seed's dropped 's).

    `form` is the source's marker form: compared with a bracketed source, a bare `*289`
    in the quote is the court's text, as it is in the source.
    """
    found = []
    for raw in WORD.findall(strip_formatting(fragment, form)):
        key = word_key(raw)
        if key:
            possessive = _POSSESSIVE.search(raw.translate(_NO_BRACKETS))
            found.append(QuoteWord(key, frozenset({key, key[:-1]} if possessive else {key})))
    return found


def fragments_of(quote: str) -> list[str]:
    """The quote split at each ellipsis, `[sic]` removed; empty ends (a leading `...`) dropped."""
    parts = ELLIPSIS.split(_SIC.sub(" ", quote))
    return [p for p in parts if quote_words(p)]


@dataclass(frozen=True)
class FragmentMatch:
    start: int  # first word index
    end: int  # one past the last word index
    damaged: bool  # reproduces an erratum's damaged span uncorrected


def _walk(src: SourceText, words: list[QuoteWord], first: int, budget: Budget) -> list[FragmentMatch]:
    """Every way `words` can be read at word `first`: word by word, or through an erratum's reading.

    A search over states (position, words read, plain words in a row, damage so far),
    each visited once: polynomial even when a hostile errata file puts a one-word span on
    every common word. A damaged span is reproduced when plain steps cover all of it.
    """
    line, errata = src.lines[first], src.errata
    found: dict[int, bool] = {}  # end -> whether every way to it reproduces damage
    seen: set[tuple[int, int, int, bool]] = set()
    stack = [(first, 0, 0, False)]
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        budget.spend()
        at, done, run, damaged = state
        if done == len(words):
            found[at] = found.get(at, True) and damaged
            continue
        for length, reading in errata.starting_at.get(at, ()):
            n = min(len(reading), len(words) - done)
            budget.spend(n)
            if all(reading[k] in words[done + k].alts for k in range(n)):
                stack.append((at + length, done + n, 0, damaged))
        if at < len(src.keys) and src.lines[at] == line and src.keys[at] in words[done].alts:
            run = min(run + 1, errata.longest)
            covered = any(length <= run for length in errata.ending_at.get(at + 1, ()))
            stack.append((at + 1, done + 1, run, damaged or covered))
    return [FragmentMatch(first, end, damaged) for end, damaged in found.items()]


def _plainly_at(src: SourceText, words: list[QuoteWord], first: int, budget: Budget) -> bool:
    """Whether the words stand at `first` word for word (no erratum in reach), within its paragraph."""
    keys, line = src.keys, src.lines[first]
    if first + len(words) > len(keys) or src.lines[first + len(words) - 1] != line:
        return False
    for k, word in enumerate(words):
        budget.spend()
        if keys[first + k] not in word.alts:
            return False
    return True


def _near_errata(src: SourceText, words: list[QuoteWord], budget: Budget) -> set[int]:
    """Starts from which a match could run through a damaged span: there the readings must be tried."""
    first, keys = words[0].alts, src.keys
    found = set()
    for at, readings in src.errata.starting_at.items():
        budget.spend(len(readings))
        if any(r and r[0] in first for _, r in readings):
            found.add(at)
    for start, stop in src.errata.spans:
        low = max(0, start - len(words) + 1)
        budget.spend(stop - low)
        found.update(at for at in range(low, stop) if keys[at] in first)
    return found


def fragment_matches(src: SourceText, words: list[QuoteWord], budget: Budget) -> list[FragmentMatch]:
    """Every place the fragment stands in the source, in order; at each place the undamaged reading if there is one.

    Candidates come from the fragment's rarest word in the word index; they are compared
    word for word, and only near a damaged span are the errata's readings tried.
    """
    anchor = min(range(len(words)), key=lambda k: sum(len(src.index.get(a, ())) for a in words[k].alts))
    near = _near_errata(src, words, budget)
    plain = {at - anchor for alt in words[anchor].alts for at in src.index.get(alt, ()) if at >= anchor} - near
    matches = [
        FragmentMatch(first, first + len(words), False) for first in plain if _plainly_at(src, words, first, budget)
    ]
    for first in near:
        ways = _walk(src, words, first, budget)
        if ways:
            matches.append(min(ways, key=lambda m: m.damaged))
    return sorted(matches, key=lambda m: m.start)


def _chain(src: SourceText, per_fragment: list[list[FragmentMatch]], budget: Budget) -> list[FragmentMatch] | None:
    """Fragments in order within one paragraph, preferring a chain that reproduces no damage.

    Each fragment's matches are sorted by start, so the next fragment's first match
    after the chain's end is found by bisection; it is in the head's paragraph or none is.
    """
    starts = [[m.start for m in later] for later in per_fragment[1:]]
    best = None
    for head in per_fragment[0]:
        chain = [head]
        for later, later_starts in zip(per_fragment[1:], starts, strict=True):
            budget.spend()
            at = bisect.bisect_left(later_starts, chain[-1].end)
            if at == len(later) or src.lines[later[at].start] != src.lines[head.start]:
                break
            chain.append(later[at])
        else:
            if not any(m.damaged for m in chain):
                return chain
            best = best or chain
    return best


def closest_miss(src: SourceText, words: list[QuoteWord], budget: Budget) -> str:
    """Why a fragment is not in the source: how far its words match and where they part.

    Only the first MISS_CANDIDATES places of its first word are compared: the hint
    needs a near miss, not the nearest of ten thousand.
    """
    best_at, best_len = None, 0
    for alt in words[0].alts:
        for first in src.index.get(alt, ())[:MISS_CANDIDATES]:
            n = 0
            while n < len(words) and first + n < len(src.keys) and src.keys[first + n] in words[n].alts:
                n += 1
            budget.spend(n + 1)
            if n > best_len:
                best_at, best_len = first, n
    if best_at is None:
        return f'the word "{words[0].key}" is not in the source'
    if best_len == len(words):
        return f"its words run on past the end of paragraph {src.lines[best_at] + 1}: split it with an ellipsis"
    stop = best_at + best_len
    has = src.text[src.starts[stop] : src.ends[stop]] if stop < len(src.keys) else "the end of the text"
    return (
        f"its first {best_len} words match at line {src.lines[best_at] + 1}, "
        f'then the source has "{has}" where the quote has "{words[best_len].key}"'
    )


@dataclass(frozen=True)
class QuoteLocation:
    """Where a quote stands: enough for a pin check and for the opinion view to highlight it."""

    source: Path
    paragraph: int  # 0-based line of the source
    start: int  # character span in the source text, first word to last
    end: int
    spans: tuple[tuple[int, int], ...]  # one character span per fragment
    pages: tuple[int, int] | None  # first and last page; None without pages, or after an omission
    heading: str | None  # the nearest heading above, as the source writes it
    damaged: bool  # reproduces an erratum's damaged span uncorrected
    footnote: int | None = None  # the number of the displaced footnote the quote stands in
    restored: bool = False  # gives a reading the copy lacks: a capital, an 's, an erratum's reading (`restores`)


@dataclass(frozen=True)
class QuoteSearch:
    """The outcome of looking for a quote: its location, or why it was not found."""

    location: QuoteLocation | None
    sic: bool
    short: tuple[str, ...] = ()  # fragments under MIN_FRAGMENT_WORDS words, when an ellipsis splits the quote
    missing: tuple[tuple[str, str], ...] = ()  # (fragment, why) for fragments found nowhere
    apart: bool = False  # every fragment exists, but not in order within one paragraph


def _location(src: SourceText, chain: list[FragmentMatch]) -> QuoteLocation:
    first, last = chain[0].start, chain[-1].end - 1
    start, end = src.starts[first], src.ends[last]
    first_page, last_page = src.page_at(start), src.page_at(end - 1)
    # None: the quote follows an omission before any marker says where the text resumes.
    pages = (first_page, last_page) if first_page is not None and last_page is not None else None
    footnote = src.errata.footnotes.get(src.lines[first])
    if footnote is not None and src.paged:
        # A displaced footnote is on the page of its reference, wherever the copy prints it.
        page = src.page_at(src.starts[footnote[1]])
        pages = (page, page) if page is not None else None
    number = footnote[0] if footnote is not None else src.footnote_at(src.lines[first])
    heading = src.heading_above(src.lines[first])
    return QuoteLocation(
        source=src.path,
        paragraph=src.lines[first],
        start=start,
        end=end,
        spans=tuple((src.starts[m.start], src.ends[m.end - 1]) for m in chain),
        pages=pages,
        heading=heading.text if heading else None,
        damaged=any(m.damaged for m in chain),
        footnote=number,
    )


def search_quote(quote: str, src: SourceText) -> QuoteSearch:
    """Look for `quote` in `src` under the rules above, once per quote and source text.

    Raises TooCostly when the search spends its allowance of word comparisons (`tutor.sources.cost`).
    """
    found = src.searched.get(quote)
    if found is None:
        found = src.searched[quote] = _search(quote, src)
    return found


def _search(quote: str, src: SourceText) -> QuoteSearch:
    sic = bool(_SIC.search(quote))
    fragments = fragments_of(quote)
    if not fragments:
        return QuoteSearch(None, sic, missing=((quote, "it has no words"),))
    words = [quote_words(f, src.markers) for f in fragments]
    short = (
        tuple(f.strip() for f, w in zip(fragments, words, strict=True) if len(w) < MIN_FRAGMENT_WORDS)
        if len(fragments) > 1 or ELLIPSIS.search(quote)
        else ()
    )
    budget = Budget.for_source(len(src.keys))
    per_fragment = [fragment_matches(src, w, budget) for w in words]
    missing = tuple(
        (f.strip(), closest_miss(src, w, budget))
        for f, w, m in zip(fragments, words, per_fragment, strict=True)
        if not m
    )
    if missing:
        return QuoteSearch(None, sic, short, missing)
    chain = _chain(src, per_fragment, budget)
    if chain is None:
        return QuoteSearch(None, sic, short, apart=True)
    location = _location(src, chain)
    if restores(src, fragments, chain):
        location = replace(location, restored=True)
    return QuoteSearch(location, sic, short)


def restores(src: SourceText, fragments: list[str], chain: list[FragmentMatch]) -> bool:
    """Whether the quote gives, where it matched, words the copy lacks as printed.

    The Floyd copy is lower-cased and lost its 's and n't; a quote shows the opinion's
    reading (a capital, "Quaine's", an erratum's "don't"), so the student is told the
    words differ from the shipped copy. A capital in brackets is the quoter's own change
    ("[T]he"), marked already, so it is not a restoration.
    """
    for fragment, match in zip(fragments, chain, strict=True):
        quoted = [raw for raw in WORD.findall(strip_formatting(fragment, src.markers)) if word_key(raw)]
        if len(quoted) != match.end - match.start:
            return True  # an erratum's reading with another number of words
        for raw, at in zip(quoted, range(match.start, match.end), strict=True):
            printed = strip_formatting(src.text[src.starts[at] : src.ends[at]], src.markers)
            if word_key(raw) != word_key(printed):
                return True  # an 's the copy dropped, or an erratum's reading
            if "[" not in raw and raw.translate(_NO_BRACKETS) != printed.translate(_NO_BRACKETS):
                return True  # a capital the lower-cased copy lost
    return False


def locate_quote(quote_text: str, source_path: Path) -> QuoteLocation | None:
    """Where `quote_text` stands in the source at `source_path`; None when it is not there, or too costly to find."""
    try:
        return search_quote(quote_text, source_text(source_path)).location
    except TooCostly:
        return None
