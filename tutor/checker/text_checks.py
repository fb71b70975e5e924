"""Author text a reader would see reordered: bidirectional overrides and isolates.

U+202A-U+202E and U+2066-U+2069 make a terminal (and an editor) show characters in
another order than they are stored: a "Trojan Source" sentence can read as the court
saying the opposite. The model already refuses control characters; these are legal in
text written right to left, so the checker warns where each is written, with the same
definition every front end strips them by (`tutor.terminal_text.BIDI`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.scenario.problems import LoadedFile, Loc, Problem
from tutor.terminal_text import BIDI


def loaded_strings(
    value: Any, loc: Loc, skip: frozenset[str] = frozenset(), keys: bool = True
) -> Iterator[tuple[Loc, str]]:
    """Every string in the loaded data (and every key, unless `keys` is False) with where it stands.

    Mappings under a key in `skip` are not entered. Iterative: data may be deep.
    """
    stack = [(loc, value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, str):
            yield at, item
        elif isinstance(item, dict):
            for key, inner in item.items():
                if key in skip:
                    continue
                if keys and isinstance(key, str):
                    yield (*at, key), key
                stack.append(((*at, key), inner))
        elif isinstance(item, list):
            stack.extend(((*at, n), inner) for n, inner in enumerate(item))


def bidi_overrides(_scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    for at, text in loaded_strings(loaded.data, ()):
        found = BIDI.search(text)
        if found:
            yield loaded.problem(
                at,
                "bidi-override",
                f"U+{ord(found.group()):04X}, a bidirectional control, at position {found.start() + 1}: "
                "readers would see this text in another order than it is written",
                "remove it; every front end strips it anyway, so only the author's editor shows its effect",
                "warning",
            )
