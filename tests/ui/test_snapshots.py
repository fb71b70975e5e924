"""Pictures of every screen and question type, at 100x30 and 80x24, from the fixture bank.

Plain `def` tests: `snap_compare` runs its own event loop. The fixture bank and an
isolated data directory keep the pictures still when the shipped scenarios change; no
cursor blinks, the header has no clock, animations are off. Review a change with the
snapshot report before `--snapshot-update`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import MINI, wait_for
from tests.ui.driver import answer
from tutor.engine.session import court_response
from tutor.ui.app import TutorApp
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.scenario import ScenarioScreen

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
Before = Callable[[Pilot], Awaitable[None]]


async def at_question(pilot: Pilot, node_id: str) -> ScenarioScreen:
    """Answer along the court's path until `node_id` is the question on screen."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
    screen = app.screen
    assert isinstance(screen, ScenarioScreen)
    while screen.session.current_id != node_id:
        node = screen.session.question()
        await answer(pilot, node, court_response(node))
        await pilot.press("n")
        await pilot.pause()
    return screen


def question(node_id: str, then: Callable[[Pilot], Awaitable[Any]] | None = None) -> Before:
    async def run_before(pilot: Pilot) -> None:
        await at_question(pilot, node_id)
        if then is not None:
            await then(pilot)
        await pilot.pause()

    return run_before


async def library(pilot: Pilot) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen), "the library")
    await wait_for(pilot, lambda: pilot.app.screen.review is not None, "the review entry")  # type: ignore[attr-defined]


async def wrong_first_answer(pilot: Pilot) -> None:
    await pilot.press("2", "enter")


async def typed_short_answer(pilot: Pilot) -> None:
    pilot.app.screen.query_one("TextArea").insert("An unarmed man has a right not to be shot.")  # type: ignore[attr-defined]


async def short_answer_marks(pilot: Pilot) -> None:
    await typed_short_answer(pilot)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id == "marks-list", "the marks")


async def opinion(pilot: Pilot) -> None:
    await pilot.press("1", "enter", "o")


async def history(pilot: Pilot) -> None:
    await pilot.press("2", "enter", "n", "p")


async def help_screen(pilot: Pilot) -> None:
    await pilot.press("question_mark")


async def summary(pilot: Pilot) -> None:
    screen = await at_question(pilot, "state-right")
    await answer(pilot, screen.session.question(), "Someone unarmed may not be shot.")
    await pilot.press("n", "1", "enter", "n")
    await pilot.pause()


REVIEW_TIME = dt.datetime(2030, 1, 7, 12, 0, tzinfo=dt.UTC)  # noon: the same local day in most time zones

PICTURES: dict[str, tuple[str, Before]] = {
    "library": (
        "The library: the review entry (nothing scheduled yet) and stats, then Roe v. Doe once and its one scenario"
        " (part, length, not started); below, the highlighted entry's officer, tags and summary; q Quit in the footer.",
        library,
    ),
    "choice_one": (
        "Question 1 of about 5, three numbered choices, none highlighted; the listed facts tabs marked •.",
        question("whose-facts"),
    ),
    "feedback": (
        "✗ Wrong in words and symbol, the chosen answer's feedback, the court's answer, the misconception.",
        question("whose-facts", wrong_first_answer),
    ),
    "factors": (
        "The Graham grid: three rows of four positions, the severity row marked as practice.",
        question("graham"),
    ),
    "choice_many": (
        "Question 3 of about 5: check boxes [ ] to tick, rows whole.",
        question("claims"),
    ),
    "short": (
        "A short answer typed in the text area, with its submit button.",
        question("state-right", typed_short_answer),
    ),
    "short_marks": (
        "The automatic mark as rubric rows [x] (met) or [ ] (not met), each row whole, and the model answer.",
        question("state-right", short_answer_marks),
    ),
    "opinion": (
        "The opinion opened at the quote, highlighted, with the pin and where it was found.",
        question("whose-facts", opinion),
    ),
    "history": (
        "Past answers: question 1 with its ✗ verdict and the court's holding.",
        question("whose-facts", history),
    ),
    "summary": (
        "Score by step (✓ only where every answer had full marks), your path with each verdict, "
        "the missed short answer, the court's outcome; at the end (below the fold) when the decision points"
        " come back for review.",
        summary,
    ),
    "help": (
        "The help dialog: not legal advice, then every key by where it works.",
        question("whose-facts", help_screen),
    ),
}


@SIZES
@pytest.mark.parametrize("picture", list(PICTURES))
def test_picture(picture: str, size: tuple[int, int], snap_compare: Any, make_app: Callable[..., TutorApp]) -> None:
    """See PICTURES: each entry says what a correct picture shows."""
    description, run_before = PICTURES[picture]
    # The snapshot report shows the test function's docstring beside a failing picture:
    # it reads it during snap_compare, so this picture's description is put there first.
    test_picture.__doc__ = description
    app = make_app() if picture == "library" else make_app(MINI)
    app.review_time = REVIEW_TIME  # the summary names the day its decision points come back: the same day each run
    assert snap_compare(app, run_before=run_before, terminal_size=size)


def test_feedback_wide(snap_compare: Any, make_app: Callable[..., TutorApp]) -> None:
    """At 200x60 the panes sit side by side with room to spare; nothing stretches oddly."""
    assert snap_compare(make_app(MINI), run_before=question("whose-facts", wrong_first_answer), terminal_size=(200, 60))


def test_feedback_no_color(
    snap_compare: Any, make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR=1: greys only, and the verdict still reads ✗ Wrong in words."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(MINI), run_before=question("whose-facts", wrong_first_answer), terminal_size=(80, 24))


def test_factors_ansi_dark(snap_compare: Any, make_app: Callable[..., TutorApp]) -> None:
    """The ansi-dark theme: the terminal's own palette, the grid still legible."""
    app = make_app(MINI)
    app.theme = "ansi-dark"
    assert snap_compare(app, run_before=question("graham"), terminal_size=(80, 24))


async def ticked_first_row(pilot: Pilot) -> None:
    await pilot.press("1")


def test_many_ticked_no_color(
    snap_compare: Any, make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR=1: the first row reads [x], the others [ ]; every choice's words shown whole."""
    monkeypatch.setenv("NO_COLOR", "1")
    run_before = question("claims", ticked_first_row)
    assert snap_compare(make_app(MINI), run_before=run_before, terminal_size=(80, 24))
