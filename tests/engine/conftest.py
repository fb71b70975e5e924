"""Fixtures for the engine tests: the fictional mini scenario, loaded once per test."""

from __future__ import annotations

import pytest
import yaml

from tests.conftest import DATA
from tutor.scenario.model import Scenario


def load_fixture(name: str) -> Scenario:
    with open(DATA / "bank" / name, encoding="utf-8") as handle:
        return Scenario.model_validate(yaml.safe_load(handle))


@pytest.fixture
def mini() -> Scenario:
    return load_fixture("mini.yaml")
