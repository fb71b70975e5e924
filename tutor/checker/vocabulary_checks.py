"""The checker's vocabulary and date rules: keys that name something, authority decided in time.

A node names fact tabs, doctrine and misconceptions by key; each must exist, and a
misspelt key gets a "did you mean". Dates keep the law honest: the court can rely only
on authority decided by the day it decided (anything later goes under `later`,
"Since this decision"), and prong two asks what was clearly established on the day of
the conduct, so later authority there earns a warning.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator

from tutor.scenario.context import BankContext
from tutor.scenario.model import MisconceptionFile, Scenario, decided_on_or_before
from tutor.scenario.problems import LoadedFile, Loc, Problem


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A hint for a misspelt key: the closest known one, else the list to choose from."""
    names = list(known)
    close = difflib.get_close_matches(word, names, n=1)
    if close:
        return f"did you mean {close[0]}?"
    return f"use one of: {', '.join(names[:12])}{', …' if len(names) > 12 else ''}" if names else "none are defined yet"


def fact_tabs(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """A node shown alone in review brings the fact tabs it lists; each must exist."""
    tabs = scenario.fact_tabs()
    for node_id, node in scenario.nodes.items():
        for number, tab in enumerate(node.facts):
            if tab not in tabs:
                yield loaded.problem(
                    ("nodes", node_id, "facts", number),
                    "unknown-fact-tab",
                    f"no fact tab {tab} (this scenario has {', '.join(tabs)})",
                    did_you_mean(tab, tabs),
                )


def doctrine_dates(scenario: Scenario, loaded: LoadedFile, context: BankContext) -> Iterator[Problem]:
    """The court relied only on authority decided by then; `later` holds what came after.

    Prong two asks what was clearly established when the officer acted, so authority a
    node credits with giving notice (`notice`) that was decided after the conduct is
    flagged (a warning: the author may be recording what the court did). Authority
    cited for the test itself, or for a dissent's argument, stays under `doctrine`.
    A year-only date in the same year cannot be compared: say so.
    """
    entries = context.doctrine.entries
    decided, conduct = scenario.case.decided, scenario.case.conduct_date
    for node_id, node in scenario.nodes.items():
        here = ("nodes", node_id)
        cited: list[tuple[tuple[str | int, ...], str, bool]] = [
            ((*here, "doctrine", n), key, False) for n, key in enumerate(getattr(node, "doctrine", []))
        ]
        notice = [((*here, "notice", n), key, False) for n, key in enumerate(getattr(node, "notice", []))]
        cited += notice + [((*here, "later", n, "doctrine"), note.doctrine, True) for n, note in enumerate(node.later)]
        credited = {loc for loc, _key, _later in notice}
        for loc, key, later in cited:
            entry = entries.get(key)
            if entry is None:
                yield loaded.problem(
                    loc,
                    "unknown-doctrine",
                    f"no doctrine {key} in {context.doctrine_file.path.name}",
                    did_you_mean(key, entries),
                )
                continue
            by_case = decided_on_or_before(entry.decided, decided)
            if by_case is None:
                yield _ambiguous(loaded, loc, key, entry.decided)
            elif later and by_case:
                yield loaded.problem(
                    loc,
                    "later-not-later",
                    f"{entry.name} was decided by the time of this decision, so it is not later law",
                    "move it to the node's doctrine",
                    "warning",
                )
            elif not later and not by_case:
                yield loaded.problem(
                    loc,
                    "doctrine-after-decision",
                    f"{entry.name} ({entry.decided}) was decided after this case ({decided})",
                    "the court could not rely on it: list it under `later` with its bearing",
                )
            elif loc in credited:
                by_conduct = decided_on_or_before(entry.decided, conduct)
                if by_conduct is None:
                    yield _ambiguous(loaded, loc, key, entry.decided)
                elif not by_conduct:
                    yield loaded.problem(
                        loc,
                        "clearly-established-after-conduct",
                        f"{entry.name} ({entry.decided}) post-dates the conduct ({conduct}): "
                        "it cannot have clearly established the law then",
                        "credit authority decided before the conduct with notice (keep the rest under `doctrine`)",
                        "warning",
                    )


def _ambiguous(loaded: LoadedFile, loc: Loc, key: str, year: object) -> Problem:
    return loaded.problem(
        loc,
        "ambiguous-year",
        f"{key} gives only the year {year}, the same year as the date it is compared with",
        "give its full decision date in doctrine.yaml",
        "warning",
    )


def check_misconceptions(misconceptions: MisconceptionFile, loaded: LoadedFile) -> list[Problem]:
    """Two keys with one label would be indistinguishable in a student's weak spots."""
    labels = Counter(m.label.casefold() for m in misconceptions.misconceptions.values())
    return [
        loaded.problem(
            ("misconceptions", key, "label"),
            "duplicate-label",
            f"the label {m.label!r} is used by more than one misconception",
            "make each label say what sets it apart",
            "warning",
        )
        for key, m in misconceptions.misconceptions.items()
        if labels[m.label.casefold()] > 1
    ]
