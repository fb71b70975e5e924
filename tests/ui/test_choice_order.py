"""The full-screen UI shows choices in the attempt's order, numbers them by position, and keeps the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import SHIPPED, wait_for
from tutor.paths import Locations
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.widgets.choice import OneChoice


async def test_choices_are_shown_in_the_seeded_order_and_a_number_picks_by_position(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QI_TUTOR_SEED", "3")
    app = TutorApp(Locations(data_dir=data_dir), SHIPPED / "sigley-mockler.yaml", "tutor")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        session = screen.session
        assert session.seed == 3
        order = session.choice_order()
        file_order = [c.id for c in session.scenario.nodes[session.current_id or ""].choices]  # type: ignore[union-attr]
        assert order != file_order
        widget = screen.query_one(OneChoice)
        assert [widget.get_option_at_index(i).id for i in range(widget.option_count)] == order
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: len(session.history) == 1, "the answer")
        assert session.history[0].response == [order[1]]
    with ProgressStore(Locations(data_dir=data_dir).database) as store:
        assert [row["seed"] for row in store.rows("SELECT seed FROM attempts")] == [3]
