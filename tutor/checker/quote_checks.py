"""The checker's fidelity rules: sources exist inside the bank, every quote is in its source, every pin is right.

Every sentence attributed to a court must be found word for word (under the rules of
`tutor.sources.quotes`) in the source the quote names, and its pin must say where a
reader finds it. A `reference` source (the Supreme Court snippets) records where each
passage was read rather than the reporter's pages, so its quotes are found but their
pins are not computed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.model import SEPARATE_OPINIONS, DoctrineFile, GlossaryFile, Quote, Scenario, Source
from tutor.scenario.problems import LoadedFile, Loc, Problem
from tutor.sources.cost import TooCostly
from tutor.sources.pins import HeadingPin, cite_mismatch, find_heading, heading_matches, page_range, parse_pin, pin_of
from tutor.sources.quotes import QuoteLocation, search_quote
from tutor.sources.text import SourceText, UnreadableSource, source_text
from tutor.sources.words import BARE_PAGE, BRACKETED_PAGE
from tutor.terminal_text import shown

Opened = dict[str, tuple[Source, SourceText]]  # source id -> (its entry, its text)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return shown(text if len(text) <= limit else text[: limit - 1] + "…")


def open_sources(
    sources: Sequence[Source], loaded: LoadedFile, roots: Sequence[Path], at: Loc, reported: set[str]
) -> tuple[Opened, list[Problem]]:
    """Each source that exists inside one of `roots`, read once; a problem for each that does not.

    A source outside the bank's folders is refused before it is read: a shared scenario
    must carry its texts, and must not make a user's machine read files elsewhere.
    """
    opened: Opened = {}
    problems = []
    for number, source in enumerate(sources):
        where = (*at, number, "path")
        try:
            path = (loaded.path.parent / source.path).resolve()
        except RuntimeError:  # Python 3.11's resolve() on a symlink loop
            problems.append(
                loaded.problem(
                    where,
                    "source-unreadable",
                    f"source {shown(source.id)} is a symlink loop: {shown(source.path)}",
                    "point the path at the opinion's text file",
                )
            )
            continue
        if not any(path.is_relative_to(root) for root in roots):
            problems.append(
                loaded.problem(
                    where,
                    "source-outside",
                    f"source {source.id} is outside the scenario's folder: {source.path}",
                    "copy the text into the bank (e.g. sources/) and point at the copy",
                )
            )
            continue
        try:
            text = source_text(path)
        except FileNotFoundError:
            problems.append(
                loaded.problem(
                    where,
                    "source-missing",
                    f"source {source.id} does not exist: {source.path}",
                    "the path is relative to this file's folder",
                )
            )
            continue
        except (UnreadableSource, OSError) as error:
            why = str(error) if isinstance(error, UnreadableSource) else f"cannot be read ({error.strerror or error})"
            problems.append(
                loaded.problem(
                    where,
                    "source-unreadable",
                    f"source {source.id} {why}: {source.path}",
                    "ship the opinion as UTF-8 text",
                )
            )
            continue
        opened[source.id] = (source, text)
        if text.problems and str(path) not in reported:
            reported.add(str(path))
            problems += text.problems
        if text.errata.file is not None and str(text.errata.file) not in reported:
            reported.add(str(text.errata.file))
            problems += text.errata.problems
    return opened, problems


def _pin_problems(
    quote: Quote, loc: Loc, loaded: LoadedFile, src: SourceText, found: QuoteLocation, citation: str
) -> Iterator[Problem]:
    at = (*loc, "pin")
    reporter = src.markers.reporter
    right = pin_of(found, citation, reporter)
    # Without pages or a heading above it, a passage has no pin this source can give.
    suggest = f"write: {right}" if right else "the passage stands before the first heading: quote a paged source"
    pin = parse_pin(quote.pin)
    if pin is None:
        yield loaded.problem(
            at,
            "pin-format",
            f"cannot read the pin {quote.pin!r}",
            suggest,
        )
        return
    if src.paged == isinstance(pin, HeadingPin):
        kind = (
            "has star pages: pin the page"
            if src.paged
            else "has no page markers: pin the heading the quote stands under" + _other_form(src)
        )
        yield loaded.problem(at, "pin-format", f"{src.path.name} {kind}", suggest)
        return
    if src.paged and found.pages is None:
        yield loaded.problem(
            at,
            "pin-page-unknown",
            f"the quote follows an omission in {src.path.name}, and no page marker says where the text resumes",
            "put the page marker where the text resumes after the omission line",
        )
        return
    wrong_cite = cite_mismatch(pin, citation, reporter)
    if wrong_cite:
        yield loaded.problem(at, "pin-mismatch", wrong_cite, suggest)
    if isinstance(pin, HeadingPin):
        if find_heading(src, pin.heading) is None:
            names = "; ".join(h.text for h in src.headings) or "none"
            yield loaded.problem(
                at, "pin-unknown-heading", f"{src.path.name} has no heading {pin.heading!r}", f"its headings: {names}"
            )
        else:
            above = src.heading_above(found.paragraph)
            if above is None or not heading_matches(pin.heading, above):
                under = f"under {above.text!r}" if above else "before the first heading"
                yield loaded.problem(
                    at, "pin-mismatch", f"the quote stands {under}, not under {pin.heading!r}", suggest
                )
    elif found.pages is None:
        return
    elif (pin.first, pin.last) != found.pages:
        yield loaded.problem(
            at,
            "pin-mismatch",
            f"the quote is at {page_range(*found.pages)}, the pin says {page_range(pin.first, pin.last)}",
            suggest,
        )
    elif pin.footnote != found.footnote:
        where = f"in footnote {found.footnote}" if found.footnote else "in the text, not a footnote"
        yield loaded.problem(at, "pin-mismatch", f"the quote stands {where}", suggest)


def _other_form(src: SourceText) -> str:
    """A hint for markers written in the form the source did not declare."""
    if not src.markers.bracketed and BRACKETED_PAGE.search(src.text):
        return " (its markers look like [*7]: declare MARKERS: [*N] in its header)"
    if src.markers.bracketed and BARE_PAGE.search(src.text):
        return f" (it declares {src.markers.describe()} markers, and a bare *7 is text)"
    return ""


def _damage_within(src: SourceText, found: QuoteLocation) -> str:
    """Each damaged span inside the located quote, with the reading the errata give for it."""
    told = []
    for start, stop in src.errata.spans:
        if found.start <= src.starts[start] and src.ends[stop - 1] <= found.end:
            damaged = src.text[src.starts[start] : src.ends[stop - 1]]
            told.append(f'"{damaged}" reads "{src.errata.readings[(start, stop)]}"')
    return "; ".join(told)


def quote_problems(
    quote: Quote, loc: Loc, loaded: LoadedFile, source: Source, src: SourceText, citation: str | None
) -> Iterator[Problem]:
    """Every rule about one quote: its words, the damage it may carry, its pin."""
    at = (*loc, "text")
    try:
        result = search_quote(quote.text, src)
    except (TooCostly, MemoryError) as error:
        why = str(error) if isinstance(error, TooCostly) else "more memory than is available"
        yield loaded.problem(
            at,
            "quote-too-costly",
            f"finding this quote in {src.path.name} took {why}, so it was not checked",
            "quote a passage with rarer words, or fewer ellipses; check that the errata name rare spans",
        )
        return
    for fragment in result.short:
        yield loaded.problem(
            at,
            "quote-fragment-short",
            f'the fragment "{_short(fragment)}" has fewer than four words',
            "an ellipsis must leave at least four words on each side; quote more, or drop the fragment",
        )
    for fragment, why in result.missing:
        yield loaded.problem(
            at,
            "quote-not-found",
            f'not in {src.path.name}: "{_short(fragment)}"',
            f"{why}; copy the words exactly as the source has them",
        )
    if result.apart:
        yield loaded.problem(
            at,
            "quote-fragments-apart",
            f"the fragments are in {src.path.name}, but not in this order within one paragraph",
            "an ellipsis may only join passages of one paragraph, in order",
        )
    found = result.location
    if found is None:
        return
    if found.damaged and not result.sic:
        errata = src.errata.file.name if src.errata.file else "the errata"
        yield loaded.problem(
            at,
            "quote-damaged",
            f"the quote reproduces text that {errata} lists as damaged: {_damage_within(src, found)}",
            "use the erratum's reading, or mark the damage [sic]",
        )
    if source.role != "reference" and citation is not None:
        yield from _pin_problems(quote, loc, loaded, src, found, citation)


SEPARATE = SEPARATE_OPINIONS


def _speaker_problem(loaded: LoadedFile, loc: Loc, speaker: str, source_id: str, role: str) -> Problem | None:
    """A separate opinion's words are never the court's, and the court's words never stand in one.

    A quote labelled a concurrence or a dissent must come from a source of that role; any
    other speaker (the court, or those it quotes) from a source that is not a separate opinion.
    """
    if speaker in SEPARATE and role != speaker:
        message = f"a {speaker} quote from source {source_id}, which is the {role}"
        hint = f"name the {speaker}'s source"
    elif speaker not in SEPARATE and role in SEPARATE:
        message, hint = (
            f"a {speaker} quote from the {role} ({source_id})",
            f"label it `speaker: {role}` with its judge",
        )
    else:
        return None
    return loaded.problem(loc, "speaker-source", message, hint)


def _quotes(
    quotes: list[Quote],
    at: Loc,
    loaded: LoadedFile,
    sources: Sequence[Source],
    opened: Opened,
    citation: str | None,
    citations: dict[str, str] | None = None,
) -> Iterator[Problem]:
    """Each quote against the source it names (the first source when it names none).

    Pins are checked against `citation`, or against the citation `citations` gives the
    quote's source (a glossary quotes many opinions).
    """
    ids = [s.id for s in sources]
    for number, quote in enumerate(quotes):
        loc = (*at, number)
        source_id = quote.source or (ids[0] if ids else None)
        if source_id not in ids:
            yield loaded.problem(
                (*loc, "source"),
                "unknown-source",
                f"no source {source_id} among the sources listed",
                f"sources: {', '.join(ids) or 'none'}",
            )
            continue
        role = next(s.role for s in sources if s.id == source_id)
        problem = _speaker_problem(loaded, (*loc, "speaker"), quote.speaker, source_id, role)
        if problem is not None:
            yield problem
        if source_id in opened:
            cite = (citations or {}).get(source_id, citation)
            yield from quote_problems(quote, loc, loaded, *opened[source_id], cite)


def _scenario_roots(loaded: LoadedFile, context: BankContext) -> list[Path]:
    """The scenario's own folder, and its bank's folder when the bank's vocabularies sit above it."""
    own = loaded.path.resolve().parent
    bank = context.doctrine_file.path.resolve().parent
    return [own, bank] if own.is_relative_to(bank) else [own]


def check_scenario_quotes(scenario: Scenario, loaded: LoadedFile, context: BankContext) -> Iterator[Problem]:
    """Sources that exist inside the bank, and every court block's quotes found and pinned."""
    sources = scenario.case.sources
    opened, problems = open_sources(
        sources, loaded, _scenario_roots(loaded, context), ("case", "sources"), context.checked
    )
    yield from problems
    for node_id, node in scenario.nodes.items():
        if node.court is not None:
            at = ("nodes", node_id, "court", "quotes")
            yield from _quotes(node.court.quotes, at, loaded, sources, opened, scenario.case.citation)


def doctrine_quotes(doctrine: DoctrineFile, loaded: LoadedFile) -> list[Problem]:
    """The doctrine file's own quotes, found in its reference sources."""
    root = loaded.path.resolve().parent
    opened, problems = open_sources(doctrine.sources, loaded, [root], ("sources",), set())
    for key, entry in doctrine.entries.items():
        problems += _quotes(entry.quotes, ("entries", key, "quotes"), loaded, doctrine.sources, opened, entry.citation)
    return problems


def check_glossary_quotes(glossary: GlossaryFile, loaded: LoadedFile) -> list[Problem]:
    """A glossary's court definitions, found in its sources and pinned by each source's citation."""
    root = loaded.path.resolve().parent
    opened, problems = open_sources(glossary.sources, loaded, [root], ("sources",), set())
    citations = {s.id: s.citation for s in glossary.sources}
    for term, entry in glossary.terms.items():
        at = ("terms", term, "quotes")
        problems += _quotes(entry.quotes, at, loaded, glossary.sources, opened, None, citations)
    return problems
