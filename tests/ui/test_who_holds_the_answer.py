"""Three things the full-screen tutor said wrongly, found by playing it as a student would.

- A `today` question (graded on later law) and a wrong-turn `analysis` node (which no
  court decided) labelled the right choice "The court's answer".
- A practice factor row gave the court an answer it never gave ("the court: Neutral"),
  and "You said:" showed the scale option's id instead of its label.
- Full-screen review kept serving a card whose node had left the court's path;
  `review --plain` retires it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from tests.ui.conftest import MINI, wait_for
from tests.ui.driver import answer, wrong_response
from tutor.engine.session import court_response
from tutor.paths import Locations
from tutor.store.progress import ProgressStore
from tutor.store.review import ReviewQueue
from tutor.ui.app import TutorApp
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.scenario import ScenarioScreen

App = Callable[..., TutorApp]


async def started(pilot, app: TutorApp) -> ScenarioScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
    assert isinstance(app.screen, ScenarioScreen)
    return app.screen


def feedback_text(screen: ScenarioScreen) -> str:
    """Every line of the feedback block, as the widgets hold it (not cut by the window's width)."""
    return "\n".join(str(widget.render()) for widget in screen.query("#feedback Static"))


async def walk_to(pilot, screen: ScenarioScreen, node_id: str) -> None:
    while screen.session.current_id != node_id:
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        await pilot.press("n")
        await pilot.pause()


async def test_a_today_question_is_graded_on_later_law_not_by_the_court(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot, app)
        await walk_to(pilot, screen, "today")
        await answer(pilot, screen.session.question(), ["must"])
        await wait_for(pilot, lambda: bool(screen.query("#feedback")), "feedback on today")
        shown = feedback_text(screen)
        assert "The court's answer" not in shown
        assert "later law" in shown


async def test_an_analysis_node_gives_the_tutors_answer_not_the_courts(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot, app)
        await answer(pilot, screen.session.question(), ["officer"])  # the wrong turn
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.current_id == "officer-branch"
        await answer(pilot, screen.session.question(), ["law"])
        await wait_for(pilot, lambda: bool(screen.query("#feedback")), "feedback on officer-branch")
        shown = feedback_text(screen)
        assert "The court's answer" not in shown
        assert "The tutor's answer" in shown


async def test_a_practice_row_gives_the_court_no_answer_and_rows_show_labels(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await started(pilot, app)
        await walk_to(pilot, screen, "graham")
        node = screen.session.question()
        await answer(pilot, node, wrong_response(node))  # severity: officer (the tutor says neutral)
        await wait_for(pilot, lambda: bool(screen.query("#feedback")), "feedback on graham")
        shown = feedback_text(screen)
        assert "the court: Neutral" not in shown
        assert "You said: officer" not in shown
        assert "You said: Favours the officer" in shown


async def test_full_screen_review_retires_a_card_off_the_courts_path(make_app: App, data_dir: Path) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    store = ProgressStore(Locations(data_dir=data_dir).database)
    from tutor.engine.session import Session
    from tutor.scenario.load import load_scenario

    mini, _ = load_scenario(MINI)
    ReviewQueue(store).rate(mini, Session(mini).answer(["officer"]), now=past)
    with store.write() as conn:  # as if an edit had taken the node off the court's path
        conn.execute("UPDATE cards SET node_id = 'officer-branch'")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("ctrl+r")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert not isinstance(app.screen, ScenarioScreen), "the off-path card was served for review"
        assert any("officer-branch is no longer a question on mini-roe's path" in m for m in said), said
    assert ReviewQueue(store).due(dt.datetime.now(dt.UTC) + dt.timedelta(days=400)) == []
