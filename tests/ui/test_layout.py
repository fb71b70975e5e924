"""At 80x24 nothing is out of reach: every choice, row and button of every question can be brought into view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, TextArea

from tests.ui.conftest import MINI, screen_text, wait_for
from tests.ui.driver import answer
from tests.ui.test_play import SCENARIOS
from tutor.engine.session import court_response
from tutor.scenario.model import ChoiceNode, FactorsNode
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.widgets.factors import ScaleSet


def in_view(screen: ScenarioScreen, widget: Widget) -> bool:
    pane = screen.query_one("#question")
    return pane.region.contains_region(widget.region)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
async def test_every_choice_row_and_button_is_reachable_at_80x24(path: Path, make_app: Callable[..., TutorApp]) -> None:
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen) and screen.has_class("-narrow")
        while not screen.session.finished:
            node = screen.session.question()
            if isinstance(node, ChoiceNode):
                for index, choice in enumerate(node.choices):
                    await pilot.press("down" if index else "home")
                    await pilot.pause()
                    first_words = " ".join(choice.text.split()[:2])
                    await wait_for(
                        pilot,
                        lambda index=index, first_words=first_words: f"{index + 1}. {first_words}" in screen_text(app),  # type: ignore[misc]
                        f"{choice.id} in view",
                        seconds=2,
                    )
            elif isinstance(node, FactorsNode):
                for index, scale in enumerate(screen.query(ScaleSet)):
                    if index:
                        await pilot.press("tab")
                    await pilot.press("down", "up")
                    await pilot.pause()
                    assert scale.has_focus, f"row {index + 1} is not focused: {app.focused}"
                    assert in_view(screen, scale), f"row {index + 1} is out of view"
                screen.query(ScaleSet).first().focus()  # back to the first row for the answer
            else:
                await pilot.press("tab")
                await pilot.pause()
                button = screen.query_one(Button)
                assert button.has_focus and in_view(screen, button)
                screen.query_one(TextArea).focus()
            await answer(pilot, node, court_response(node))
            assert "✓" in screen_text(app)
            await pilot.press("n")
            await pilot.pause()


async def test_the_panes_sit_side_by_side_when_there_is_room(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        facts, question = app.screen.query_one("#facts"), app.screen.query_one("#question")
        assert not app.screen.has_class("-narrow")
        assert facts.region.y == question.region.y and facts.region.right <= question.region.x


async def test_enter_outside_the_grid_brings_the_focus_back_to_its_first_open_row(
    make_app: Callable[..., TutorApp],
) -> None:
    """Tab past a grid's last row leaves it (for the fact tabs); Enter there used to do nothing."""
    app = make_app(MINI)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        await pilot.press("n")
        await wait_for(pilot, lambda: bool(screen.query(ScaleSet)), "the grid")
        rows = list(screen.query(ScaleSet))
        await pilot.press("1")  # row 1 answered; the others still open
        for _ in rows:
            await pilot.press("tab")
        await pilot.pause()
        assert not any(row.has_focus for row in rows), "focus should have left the grid"
        await pilot.press("enter")
        await wait_for(pilot, lambda: rows[1].has_focus, "the first open row to take the focus")
        assert not screen.awaiting_next, "Enter outside the grid must not submit it"
        await wait_for(pilot, lambda: "has the focus again" in screen_text(app), "the toast saying so")
        for row in rows[1:]:
            row.focus()
            await pilot.press("1")
        await pilot.press("tab")  # out of the grid again, every row answered
        await pilot.press("enter")
        await wait_for(pilot, lambda: rows[-1].has_focus, "the last row to take the focus")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.awaiting_next, "the grid's feedback")
