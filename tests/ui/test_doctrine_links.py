"""`d` names the Supreme Court case a Sixth Circuit question applies, quotes its full text, and opens it there.

The doctrine entries for the six cases the bank walks (Garner, Graham, Saucier,
Brosseau, Scott, Pearson) quote the shipped opinions of the Court and name their
scenarios: from Floyd's second question, `d` shows Saucier and Scott with the scenario
to play, and `o` opens Saucier's opinion of the Court at the quoted passage.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from tests.ui.conftest import REPO, screen_text, wait_for
from tests.ui.driver import answer
from tutor.engine.session import court_response
from tutor.ui.app import TutorApp
from tutor.ui.screens.doctrine import DoctrineScreen
from tutor.ui.screens.opinion import OpinionScreen
from tutor.ui.screens.scenario import ScenarioScreen

App = Callable[..., TutorApp]


async def test_d_points_to_the_cases_scenario_and_o_opens_its_full_text(make_app: App) -> None:
    app = make_app(REPO / "scenarios" / "floyd-quaine.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.current_id == "whose-facts"  # it cites saucier and scott-v-harris
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoctrineScreen), "the doctrine")
        doctrine = app.screen
        shown = "\n".join(str(w.render()) for w in doctrine.query(Static))
        assert "Play the Saucier v. Katz scenario: qi-tutor play saucier" in shown
        assert "Play the Scott v. Harris scenario: qi-tutor play scott" in shown
        assert "(checked through 2026-12)" in shown
        assert "127 S. Ct. at 1776" in shown  # Scott's pin is the reporter its text carries
        await pilot.press("o")  # the first quote: Saucier's first question, Part II
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionScreen), "the opinion")
        opinion = app.screen
        assert isinstance(opinion, OpinionScreen)
        assert opinion.passage.title == "Saucier v. Katz, opinion of the Court (Kennedy, J.)"
        assert opinion.passage.location is not None
        hit = str(opinion.query_one("#opinion-hit").render())
        assert "Taken in the light most favorable to the party asserting the injury" in hit
        assert "under the heading “II”" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is doctrine
