"""Simulated students: random walks of real scenarios, recorded in real progress files, some marks corrected."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tutor.engine.session import Session
from tutor.scenario.bank import bank_files
from tutor.scenario.load import content_hash, load_scenario
from tutor.scenario.model import ChoiceNode, FactorsNode, Scenario, ShortNode
from tutor.store.progress import ProgressStore

T0 = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)


def shipped() -> list[tuple[Scenario, str]]:
    """Every scenario the package ships, with its content hash."""
    found = []
    for path in bank_files(REPO / "scenarios"):
        found.append((load_scenario(path)[0], content_hash(path)))
    return found


def response(node: Any, rng: random.Random) -> Any:
    if isinstance(node, ChoiceNode):
        ids = [c.id for c in node.choices]
        return [rng.choice(ids)] if node.select == "one" else rng.sample(ids, rng.randint(1, len(ids)))
    if isinstance(node, FactorsNode):
        return {f.id: rng.choice([s.id for s in node.scale]) for f in node.factors}
    assert isinstance(node, ShortNode)
    phrases = [phrase for item in node.rubric for phrase in item.any]
    return "I think " + " and ".join(rng.sample(phrases, rng.randint(0, min(3, len(phrases)))))


def play_randomly(
    store: ProgressStore, scenario: Scenario, digest: str, rng: random.Random, start: dt.datetime
) -> None:
    """One whole walk, every answer a millisecond-stamped random one; a third of short answers self-corrected."""
    tick = [0]

    def clock() -> str:
        tick[0] += 1
        return (start + dt.timedelta(milliseconds=1500 * tick[0])).isoformat(timespec="milliseconds")

    session = Session(scenario, content_hash=digest, clock=clock)
    attempt = store.start_attempt(scenario.id, digest, "tutor", now=start, scenario=scenario)
    while session.current_id is not None and not session.finished:
        node = scenario.nodes[session.current_id]
        store.record_answer(attempt, session.answer(response(node, rng)))
        if isinstance(node, ShortNode) and rng.random() < 0.33:
            store.record_correction(attempt, session.correct_short(node_id_of(session), [node.rubric[0].id]))
    store.finish_attempt(attempt, now=start + dt.timedelta(minutes=30))


def node_id_of(session: Session) -> str:
    return session.history[-1].node_id


def class_of(folder: Path, students: int, scenarios: list[tuple[Scenario, str]], seed: int = 7) -> list[Path]:
    """`students` progress files under `folder`, each with one or two walks of every scenario."""
    rng = random.Random(seed)
    paths = []
    for number in range(students):
        path = folder / f"student{number:03d}" / "progress.sqlite3"
        with ProgressStore(path) as store:
            for index, (scenario, digest) in enumerate(scenarios):
                for walk in range(rng.randint(1, 2)):
                    start = T0 + dt.timedelta(days=index, hours=walk, minutes=number)
                    play_randomly(store, scenario, digest, rng, start)
        paths.append(path)
    return paths
