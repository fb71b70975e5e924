"""Author text is inert in every widget.

`[/]` cannot crash, `[citation needed]` shows, `[@click=...]` is not an action.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Tabs

from tests.ui.conftest import BANK, MINI, screen_text, wait_for
from tests.ui.driver import answer
from tutor.engine.session import court_response
from tutor.study.said import row
from tutor.terminal_text import clean
from tutor.ui.app import TutorApp
from tutor.ui.render import inert, labelled, row_content
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.summary import SummaryScreen

HOSTILE = "[/] [citation needed] [@click=app.quit]bye[/]"


def test_the_helper_keeps_markup_as_text() -> None:
    assert inert(HOSTILE).plain == HOSTILE
    assert labelled("Label: ", HOSTILE).plain == "Label: " + HOSTILE
    assert row_content(row("• ", (HOSTILE, "bold"), "[b]x[/b]")).plain == f"• {HOSTILE}[b]x[/b]"


def test_the_helper_strips_control_characters() -> None:
    assert clean("a\x1b[31mb\x07c\x9bd\te\nf") == "a[31mbcd\te\nf"
    assert inert("bell\x07").plain == "bell"


def hostile_bank(tmp_path: Path) -> Path:
    """The fixture bank with every title and label replaced by hostile markup."""
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    text = (bank / "mini.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^(\s*(?:- )?(?:title|label|name): ).*$", lambda m: m.group(1) + repr(HOSTILE), text, flags=re.M)
    (bank / "mini.yaml").write_text(text, encoding="utf-8")
    return bank / "mini.yaml"


async def test_markup_in_the_facts_shows_as_written_and_clicks_do_nothing(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        app.screen.query_one("#fact-tabs").active = "fact-officer"  # type: ignore[attr-defined]
        await pilot.pause()
        shown = screen_text(app)
        assert (
            "See [/] here, and [@click=app.quit]bye[/]." in shown.replace("\n", " ")
            or "[@click=app.quit]bye[/]" in shown
        )
        lines = shown.split("\n")
        row = next(i for i, line in enumerate(lines) if "bye[/]" in line)
        await pilot.click(offset=(lines[row].index("bye[/]") + 1, row))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_citation_needed_shows_in_the_library_and_in_feedback(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await wait_for(pilot, lambda: "[citation needed]" in screen_text(app), "the highlighted scenario's summary")
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: "[citation needed]" in screen_text(app), "the wrong choice's feedback")


async def test_hostile_titles_and_labels_survive_a_whole_walk(
    tmp_path: Path, make_app: Callable[..., TutorApp]
) -> None:
    """Tabs, prompts, factor rows, rubric ticks, history and the summary all show the text as written."""
    app = make_app(hostile_bank(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        labels = [str(tab.label) for tab in screen.query_one("#fact-tabs").query_one(Tabs).query("Tab")]  # type: ignore[attr-defined]
        assert any(HOSTILE in label for label in labels), labels
        seen_in_questions = False
        while not screen.session.finished:
            node = screen.session.question()
            seen_in_questions |= "[@click=app.quit]bye[/]" in screen_text(app)
            await answer(pilot, node, court_response(node))
            await pilot.press("p")  # the history screen shows every past title
            await pilot.pause()
            assert "[citation needed]" in screen_text(app)
            await pilot.press("escape", "n")
            await pilot.pause()
        assert seen_in_questions
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        assert "[citation needed]" in screen_text(app)
        assert app.is_running
