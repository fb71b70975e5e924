"""Shared test settings.

Hypothesis runs derandomised with no deadline and a bounded number of examples, so a
run on a noisy CI machine is repeatable and never fails on timing alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tutor.engine.session import Session, court_response
from tutor.scenario.model import Scenario

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever reads or writes the user's real progress, settings or banks."""
    data_dir = tmp_path_factory.mktemp("qi-data")
    monkeypatch.setenv("QI_TUTOR_DATA_DIR", str(data_dir))
    monkeypatch.delenv("QI_TUTOR_BANK", raising=False)
    # Choices in file order, so a test can say which choice it picks by its place in the file;
    # the shuffle's own tests set a seed (tests/engine/test_order.py).
    monkeypatch.setenv("QI_TUTOR_SEED", "off")
    return data_dir


def walk_courts_path(scenario: Scenario) -> Session:
    """A session walked to its end giving every answer the court gave (the model answer on `short` nodes)."""
    session = Session(scenario)
    while not session.finished:
        session.answer(court_response(session.question()))
    return session
