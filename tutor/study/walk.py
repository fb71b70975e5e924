"""A walk in progress: the scenario it plays, the engine's session, and the attempt recording it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.engine.session import Session
from tutor.scenario.context import BankContext
from tutor.scenario.model import Quote, Scenario
from tutor.sources.passage import Passage, open_doctrine_passage, open_passage
from tutor.study.playable import Playable
from tutor.study.recorder import Attempt
from tutor.study.words import progress


@dataclass
class Walk:
    """What a front end holds while a student plays: it renders the session and records through `attempt`."""

    playable: Playable
    session: Session
    attempt: Attempt
    # A review across scenarios: (questions in the walks before this one, questions in all).
    review_place: tuple[int, int] | None = None

    def progress(self) -> str:
        """ "Question 3 of 7", "Retry: 1 of 8" or "Review: 9 of 12": what both front ends head a question with."""
        return progress(self.session, self.attempt.purpose, self.review_place)

    @property
    def scenario(self) -> Scenario:
        return self.playable.scenario

    @property
    def context(self) -> BankContext:
        return self.playable.context

    @property
    def folder(self) -> Path:
        return self.playable.folder

    def passage(self, quote: Quote, from_doctrine: bool = False) -> Passage:
        """`quote` in its opinion: a scenario quote in the scenario's source, a doctrine quote in the doctrine's."""
        if from_doctrine:
            return doctrine_passage(self.context, quote)
        return open_passage(self.scenario, self.folder, quote)


def doctrine_passage(context: BankContext, quote: Quote) -> Passage:
    """A doctrine entry's quote in the text the doctrine file ships (its sources' paths are absolute once loaded)."""
    return open_doctrine_passage(context.doctrine, context.doctrine_file.path.parent, quote)
