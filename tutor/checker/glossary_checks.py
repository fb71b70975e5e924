"""The glossary's own rules: each term once (aliases included), doctrine links that name an entry, quotes proved.

A term is found in a text by its name or any alias, case and spacing ignored, so two
entries claiming the same words would make the entry a student opens a matter of
chance: that is an error, as is a doctrine link naming no entry. A court's words in
an entry are proved like every other quote (`tutor.checker.quote_checks`).
"""

from __future__ import annotations

from collections.abc import Iterator

from tutor.checker.prose_checks import readable, unfound_quotes
from tutor.checker.quote_checks import check_glossary_quotes
from tutor.checker.vocabulary_checks import did_you_mean
from tutor.scenario.glossary import term_key
from tutor.scenario.model import DoctrineFile, GlossaryFile
from tutor.scenario.problems import LoadedFile, Problem


def duplicate_terms(glossary: GlossaryFile, loaded: LoadedFile) -> Iterator[Problem]:
    owner: dict[str, tuple[str, str]] = {}  # compared name -> (its entry's term, "the term" or "an alias of")
    for term, entry in glossary.terms.items():
        names = [(("terms", term), term), *((("terms", term, "aliases", n), a) for n, a in enumerate(entry.aliases))]
        for number, (loc, name) in enumerate(names):
            key = term_key(name)
            if key in owner:
                other, role = owner[key]
                yield loaded.problem(
                    loc,
                    "duplicate-term",
                    f"{name!r} is already {role} {other!r}",
                    "give each term and alias to one entry only",
                )
                continue
            owner[key] = (term, "the term" if number == 0 else "an alias of")


def doctrine_links(glossary: GlossaryFile, loaded: LoadedFile, doctrine: DoctrineFile) -> Iterator[Problem]:
    for term, entry in glossary.terms.items():
        for number, key in enumerate(entry.doctrine):
            if key not in doctrine.entries:
                yield loaded.problem(
                    ("terms", term, "doctrine", number),
                    "unknown-doctrine",
                    f"no doctrine entry {key}",
                    did_you_mean(key, doctrine.entries),
                )


def check_glossary(glossary: GlossaryFile, loaded: LoadedFile, doctrine: DoctrineFile | None) -> list[Problem]:
    """Every problem in a glossary file; doctrine links are checked when its bank's doctrine loaded."""
    texts = readable(glossary.sources, loaded.path.resolve().parent)
    problems = [
        *duplicate_terms(glossary, loaded),
        *check_glossary_quotes(glossary, loaded),
        *unfound_quotes(loaded, texts, "the glossary's sources"),
    ]
    if doctrine is not None:
        problems += doctrine_links(glossary, loaded, doctrine)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
