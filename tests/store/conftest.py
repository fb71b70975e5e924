"""Fixtures for the store tests: the mini scenario through the real loader, a store in tmp_path, a fixed clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import DATA
from tutor.engine.session import Session
from tutor.scenario.load import content_hash, load_scenario
from tutor.scenario.model import Scenario
from tutor.store.progress import ProgressStore

MINI = DATA / "bank" / "mini.yaml"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

# Answers that walk mini.yaml along the court's path with full marks, node by node.
RIGHT = {
    "whose-facts": ["plaintiff"],
    "graham": {"severity": "neutral", "threat": "plaintiff", "flight": "plaintiff"},
    "claims": ["no-threat", "right"],
    "state-right": "An unarmed, nondangerous man has a right not to be shot.",
    "today": ["either"],
}


@pytest.fixture(scope="session")
def mini() -> Scenario:
    return load_scenario(MINI)[0]


@pytest.fixture(scope="session")
def mini_hash() -> str:
    return content_hash(MINI)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


@pytest.fixture
def store(db_path: Path):
    with ProgressStore(db_path) as opened:
        yield opened


def clock_at(moment: dt.datetime):
    """A Session clock frozen at `moment`, so answers carry simulated times."""
    return lambda: moment.isoformat(timespec="seconds")


def play(
    store: ProgressStore,
    scenario: Scenario,
    answers: dict,
    *,
    stop_after: int | None = None,
    when: dt.datetime = T0,
    finish: bool = True,
    content_hash: str = "h",
) -> tuple[int, Session]:
    """Answer `answers` node by node as the UI would, recording each; returns (attempt id, session)."""
    session = Session(scenario, content_hash=content_hash, clock=clock_at(when))
    attempt = store.start_attempt(scenario.id, content_hash, "tutor", now=when)
    given = 0
    while not session.finished and (stop_after is None or given < stop_after):
        store.record_answer(attempt, session.answer(answers[session.current_id]))
        given += 1
    if finish and session.finished:
        store.finish_attempt(attempt, now=when)
    return attempt, session
