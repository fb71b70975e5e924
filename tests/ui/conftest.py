"""Fixtures for the UI tests: an app over the fixture bank, in an isolated data directory.

The library's shipped bank is swapped for `tests/data/bank`, so the pictures and
assertions do not change when the shipped scenarios are edited; the play-through
tests that cover the shipped bank ask for it explicitly (`shipped=True`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from tutor.paths import Locations
from tutor.ui.app import TutorApp

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "tests" / "data" / "bank"
MINI = BANK / "mini.yaml"
SHIPPED = REPO / "scenarios"


@pytest.fixture
def data_dir(isolated_data_dir: Path) -> Path:
    return isolated_data_dir


@pytest.fixture
def fixture_bank(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The library shows the fixture bank instead of the shipped one."""
    monkeypatch.setattr("tutor.paths.bundled_bank", lambda: BANK)
    return BANK


@pytest.fixture
def make_app(data_dir: Path, fixture_bank: Path) -> Callable[..., TutorApp]:
    def make(scenario: Path | None = None, mode: str = "tutor", retry: bool = False, review: bool = False) -> TutorApp:
        app = TutorApp(Locations(data_dir=data_dir), scenario, mode, retry, review)  # type: ignore[arg-type]
        app.animation_level = "none"
        app.recorder.clock = lambda: 0.0  # time stands still: pictures and texts never depend on the machine's speed
        return app

    return make


def screen_text(app: App) -> str:
    """What the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot: Pilot, condition: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    """Let the app work until `condition` holds; fail naming `what` if it does not within `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen_text(pilot.app)}")
        await pilot.pause(0.01)
