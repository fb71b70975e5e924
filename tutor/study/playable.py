"""Resolving a playable scenario: the model, its vocabularies, where it lives, its content hash.

Both front ends and review play only what this gives them: the checker runs first,
so a dangling `next` or a quote not in its source stops play with a message, not
midway with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.scenario.problems import ScenarioError
from tutor.study.quoted import QuotedWords, quoted_words


@dataclass(frozen=True)
class Playable:
    """A scenario the checker found no error in, ready to walk."""

    scenario: Scenario
    path: Path
    context: BankContext
    content_hash: str

    @property
    def folder(self) -> Path:
        """The scenario file's folder: its sources' paths are relative to it."""
        return self.path.resolve().parent

    @cached_property
    def quoted(self) -> QuotedWords:
        """The pins of the words its prose puts in double quotes, found as they are shown."""
        return quoted_words(self.scenario, self.folder, self.context)


def load_playable(path: Path) -> Playable:
    """Load and check `path` (about 50 ms for the checker). Raises ScenarioError with every error found."""
    from tutor.checker.checks import check_scenario
    from tutor.scenario.load import content_hash, load_context, load_scenario

    path = Path(path)
    scenario, loaded = load_scenario(path)
    context = load_context(path)
    errors = [p for p in check_scenario(scenario, loaded, context, advisory=False) if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    mark_restored(scenario, path.resolve().parent)
    return Playable(scenario, path, context, content_hash(path))


def mark_restored(scenario: Scenario, folder: Path) -> None:
    """Flag each court quote that gives a reading its shipped copy lacks, so both front ends can say so.

    The Floyd copy is lower-cased and lost its 's and n't; its quotes show the opinion's
    capitals and words (the errata list the readings that change meaning). A student
    who opens the copy must not think the quote was altered, so the quote says it.
    """
    from tutor.sources.quotes import TooCostly, search_quote
    from tutor.sources.text import UnreadableSource, source_text

    for node in scenario.nodes.values():
        for quote in node.court.quotes if node.court else []:
            try:
                found = search_quote(quote.text, source_text(folder / scenario.source(quote.source).path)).location
            except (OSError, UnreadableSource, TooCostly):
                continue  # the checker has said why; nothing is claimed about a quote not found
            quote._restored = found is not None and found.restored
