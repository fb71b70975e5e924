"""The doctrine file's rules beyond its quotes: good law as of a date, and the scenarios its entries name.

Later law is only ever good law as of the month someone last checked it, so each entry
and each "Since this decision" note records that month (`checked`). When the newest
check in a doctrine file or a scenario is more than a year old, the warning says the
later-law notes may have gone stale: a student reads them as the law today.

An entry may name the bank's scenario that walks its case (`scenario: garner`); a node
citing the entry then points the student to it, so the id must be a scenario's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.files import ERRATA_SUFFIX, VOCABULARY_FILES
from tutor.scenario.load import load_scenario
from tutor.scenario.model import DoctrineFile, Scenario
from tutor.scenario.problems import LoadedFile, Loc, Problem, ScenarioError

STALE_AFTER_MONTHS = 12


def _months(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number)


def _stale(checks: Iterable[tuple[Loc, str]], loaded: LoadedFile, today: dt.date, what: str) -> Iterator[Problem]:
    """A warning at the newest check when even that one is more than a year before `today`."""
    dated = list(checks)
    if not dated:
        return
    loc, newest = max(dated, key=lambda check: _months(check[1]))
    age = today.year * 12 + today.month - _months(newest)
    if age > STALE_AFTER_MONTHS:
        yield loaded.problem(
            (*loc, "checked"),
            "later-law-stale",
            f"the newest check of {what} is {newest}, {age} months before {today:%Y-%m}: later law may have moved",
            "check each entry's rule and later law against current decisions, then set `checked` to this month",
            "warning",
        )


def stale_doctrine(doctrine: DoctrineFile, loaded: LoadedFile, today: dt.date | None = None) -> list[Problem]:
    checks = [(("entries", key), e.checked) for key, e in doctrine.entries.items() if e.checked]
    return list(_stale(checks, loaded, today or dt.date.today(), "this file's entries"))


def stale_later_notes(
    scenario: Scenario, loaded: LoadedFile, _context: BankContext | None = None, today: dt.date | None = None
) -> list[Problem]:
    checks = [
        (("nodes", node_id, "later", n), note.checked)
        for node_id, node in scenario.nodes.items()
        for n, note in enumerate(node.later)
        if note.checked
    ]
    return list(_stale(checks, loaded, today or dt.date.today(), "this scenario's later-law notes"))


def quoted_later_notes(scenario: Scenario, loaded: LoadedFile, context: BankContext) -> Iterator[Problem]:
    """A note that asks for its entry's own words (`quoted: true`) when the entry has none shows nothing."""
    for node_id, node in scenario.nodes.items():
        for n, note in enumerate(node.later):
            entry = context.doctrine.entries.get(note.doctrine)
            if note.quoted and entry is not None and not entry.quotes:
                yield loaded.problem(
                    ("nodes", node_id, "later", n, "quoted"),
                    "later-unquoted",
                    f"quoted: true, but {entry.name} has no quotes in doctrine.yaml",
                    "add the entry's quotes from its shipped text, or drop `quoted`",
                    "warning",
                )


def _scenario_ids(folders: Iterable[Path]) -> set[str]:
    """The ids of the scenarios in `folders` (vocabularies, errata and files that do not load left out)."""
    ids = set()
    for folder in dict.fromkeys(f.resolve() for f in folders):
        for path in sorted(folder.rglob("*.yaml")):
            if path.name in VOCABULARY_FILES or path.name.endswith(ERRATA_SUFFIX):
                continue
            try:
                ids.add(load_scenario(path)[0].id)
            except ScenarioError:
                continue  # its own check reports it
    return ids


def scenario_links(doctrine: DoctrineFile, loaded: LoadedFile) -> list[Problem]:
    """Each entry's `scenario` is a scenario of this bank (or of the shipped bank beneath it)."""
    named = {key: e.scenario for key, e in doctrine.entries.items() if e.scenario}
    if not named:
        return []
    from tutor.paths import bundled_bank

    ids = _scenario_ids([loaded.path.parent, bundled_bank()])
    return [
        loaded.problem(
            ("entries", key, "scenario"),
            "unknown-scenario",
            f"no scenario {scenario} in this bank",
            "name the `id:` of the scenario that walks this case, or leave `scenario` out",
        )
        for key, scenario in named.items()
        if scenario not in ids
    ]
