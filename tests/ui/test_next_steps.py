"""The summary's last lines: when the walk's decision points come back for review, and the course's next case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.ui.conftest import SHIPPED, screen_text, wait_for
from tests.ui.driver import answer, wrong_response
from tutor.engine.session import court_response
from tutor.paths import Locations
from tutor.store.progress import ProgressStore
from tutor.study.schedule import on_day
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.summary import SummaryScreen


async def test_a_walk_with_misses_names_the_first_review_day_and_the_next_case(data_dir: Path) -> None:
    app = TutorApp(Locations(data_dir=data_dir), SHIPPED / "garner.yaml", "tutor")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        session = app.screen.session  # type: ignore[attr-defined]
        while not session.finished:
            node = session.question()
            before = len(session.history)
            await answer(pilot, node, wrong_response(node) if before == 0 else court_response(node))
            await wait_for(pilot, lambda before=before: len(session.history) > before, "the answer")  # type: ignore[misc]
            await pilot.press("n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.press("end")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())  # the lines as read, rejoined where they wrap
    with ProgressStore(Locations(data_dir=data_dir).database) as store:
        rows = store.rows("SELECT due FROM cards WHERE scenario_id = 'garner' AND retired_at IS NULL ORDER BY due")
    first = dt.datetime.fromisoformat(rows[0]["due"])
    assert f"{len(rows)} decision points come back for review, the first on {on_day(first)}." in shown
    assert "Next in the course: Graham v. Connor: which standard governs force in an arrest (graham)." in shown
