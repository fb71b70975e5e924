"""A record holding values that do not parse: the UI launches, opens the scenario, and names the row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.store.conftest import RIGHT, play
from tests.ui.conftest import MINI, wait_for
from tests.ui.test_library import open_library
from tutor.paths import Locations
from tutor.scenario.load import content_hash, load_scenario
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen


def spoiled_record(data_dir: Path, nodes: bool) -> None:
    """An unfinished attempt at mini-roe whose second response (and with `nodes`, its node list) is not JSON."""
    db = Locations(data_dir=data_dir).database
    with ProgressStore(db) as store:
        play(store, load_scenario(MINI)[0], RIGHT, stop_after=2, finish=False, content_hash=content_hash(MINI))
    conn = sqlite3.connect(db, isolation_level=None)
    if nodes:
        conn.execute("UPDATE attempts SET nodes = '[oops'")
    conn.execute("UPDATE answers SET response = 'plaintiff, surely' WHERE seq = 1")
    conn.close()


async def test_the_library_launches_over_a_record_with_unreadable_values(
    make_app: Callable[..., TutorApp], data_dir: Path
) -> None:
    spoiled_record(data_dir, nodes=True)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = await open_library(pilot, app)
        assert listing.option_count > 0


async def test_opening_the_scenario_names_the_row_and_starts_a_fresh_walk(
    make_app: Callable[..., TutorApp], data_dir: Path
) -> None:
    spoiled_record(data_dir, nodes=False)
    app = make_app(MINI)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        assert app.screen.session.history == []  # type: ignore[attr-defined]
        await wait_for(
            pilot,
            lambda: any("attempt 1, answer 1: its response is not JSON" in n.message for n in app._notifications),
            "the notice naming the row",
        )
        assert not app.recorder.failed  # the store is still in use: the next answers are saved
