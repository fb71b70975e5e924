"""A walk in progress: the scenario it plays, the engine's session, and the attempt recording it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.engine.session import Session
from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.study.playable import Playable
from tutor.study.recorder import Attempt


@dataclass
class Walk:
    """What a front end holds while a student plays: it renders the session and records through `attempt`."""

    playable: Playable
    session: Session
    attempt: Attempt

    @property
    def scenario(self) -> Scenario:
        return self.playable.scenario

    @property
    def context(self) -> BankContext:
        return self.playable.context

    @property
    def folder(self) -> Path:
        return self.playable.folder
