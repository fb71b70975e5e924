"""One scenario as the UI plays it: the model, its vocabularies, where it lives, the walk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.commands.play import load_playable
from tutor.engine.session import Mode, Session
from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario


@dataclass
class Play:
    scenario: Scenario
    path: Path
    context: BankContext
    content_hash: str
    session: Session
    attempt_id: int | str | None = None

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent


def load_play(path: Path, mode: Mode = "tutor", nodes: list[str] | None = None) -> Play:
    """Load and check `path` (as plain mode does) and start a walk. Raises ScenarioError with every error."""
    scenario, context, digest = load_playable(Path(path))
    return Play(scenario, Path(path), context, digest, Session(scenario, mode=mode, nodes=nodes, content_hash=digest))
