"""Which glossary terms a text uses, and the entry a typed word names: one rule for every front end.

A term marks a text wherever its name or an alias stands as whole words, case and
spacing ignored ("Qualified  Immunity" marks `qualified immunity`); the longest name
wins where names overlap ("clearly established law" before "clearly established").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from tutor.scenario.model import GlossaryEntry, GlossaryFile


def term_key(name: str) -> str:
    """How a name is compared: case folded, runs of spaces as one."""
    return " ".join(name.casefold().split())


def _names(glossary: GlossaryFile) -> dict[str, str]:
    """Every name and alias (compared form) -> its term."""
    names: dict[str, str] = {}
    for term, entry in glossary.terms.items():
        for name in (term, *entry.aliases):
            names.setdefault(term_key(name), term)
    return names


@lru_cache(maxsize=8)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, key.split())) for key in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def terms_in(glossary: GlossaryFile, texts: Iterable[str]) -> list[str]:
    """The terms the texts use, each once, in the order they first appear."""
    names = _names(glossary)
    pattern = _pattern(tuple(names))
    found: dict[str, None] = {}
    for text in texts:
        for match in pattern.finditer(text):
            found[names[term_key(match.group())]] = None
    return list(found)


def lookup(glossary: GlossaryFile, word: str) -> tuple[str, GlossaryEntry] | None:
    """The entry `word` names (its term or an alias, case and spacing ignored), or None."""
    term = _names(glossary).get(term_key(word))
    return (term, glossary.terms[term]) if term is not None else None


def close_terms(glossary: GlossaryFile, word: str) -> list[str]:
    """Terms spelt like `word`, for a "did you mean" when it names none."""
    names = _names(glossary)
    return list(dict.fromkeys(names[k] for k in difflib.get_close_matches(term_key(word), names, n=3, cutoff=0.6)))
