"""Every shipped scenario played to the end with the keyboard: along the court's path and along a wrong one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.conftest import MINI, SHIPPED, screen_text, wait_for
from tests.ui.driver import answer, wrong_response
from tutor.engine.session import court_path, court_response
from tutor.paths import Locations
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_scenario
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.summary import SummaryScreen

SCENARIOS = [*bank_files(SHIPPED), MINI]


def scenario_id(path: Path) -> str:
    return path.stem


async def play_through(app: TutorApp, choose: Callable, size: tuple[int, int]) -> ScenarioScreen:
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        session = screen.session
        while not session.finished:
            node = session.question()
            before = len(session.history)
            await answer(pilot, node, choose(node))
            await wait_for(
                pilot,
                lambda before=before: len(session.history) == before + 1,  # type: ignore[misc]
                f"an answer to {session.current_id}",
            )
            outcome = session.history[-1]
            symbol = "✓" if outcome.full_marks else ("○" if outcome.possible == 0 else ("◐" if outcome.earned else "✗"))
            await wait_for(pilot, lambda: bool(screen.query("#feedback .verdict")), f"feedback on {outcome.node_id}")
            verdict = str(screen.query_one("#feedback .verdict").render())
            assert verdict.startswith(symbol), verdict
            shown = screen_text(app)
            assert verdict in shown, f"the verdict is not in view after {outcome.node_id}:\n{shown}"
            await pilot.press("n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        summary = screen_text(app)
        assert "Score:" in summary and "agreed with the court" in summary
        return screen


@pytest.mark.parametrize("path", SCENARIOS, ids=scenario_id)
async def test_the_courts_path_to_the_end(path: Path, data_dir: Path) -> None:
    app = TutorApp(Locations(data_dir=data_dir), path, "tutor")
    screen = await play_through(app, court_response, (100, 30))
    session = screen.session
    scenario = session.scenario
    summary = session.summary()
    assert summary.path == court_path(scenario)
    assert summary.agreed == summary.agreement_counted
    assert summary.end is not None and session.end is summary.end
    store = ProgressStore(Locations(data_dir=data_dir).database)
    assert store.resumable(scenario.id) is None  # finished
    assert len(store.rows("SELECT id FROM answers")) == len(session.history)  # every answer recorded as given


@pytest.mark.parametrize("path", SCENARIOS, ids=scenario_id)
async def test_a_wrong_path_to_the_end(path: Path, data_dir: Path) -> None:
    app = TutorApp(Locations(data_dir=data_dir), path, "tutor")
    screen = await play_through(app, wrong_response, (80, 24))
    session = screen.session
    assert session.history, "nothing was answered"
    assert all(not o.full_marks for o in session.history if o.possible > 0)
    summary = session.summary()
    assert summary.missed and summary.agreed == 0
    store = ProgressStore(Locations(data_dir=data_dir).database)
    assert store.missed_in_last_attempt(session.scenario.id)


def test_every_shipped_scenario_is_in_the_parametrisation() -> None:
    """A new scenario in scenarios/ is played by the tests above without editing them."""
    ids = {load_scenario(p)[0].id for p in SCENARIOS}
    assert "mini-roe" in ids and len(ids) == len(SCENARIOS)
