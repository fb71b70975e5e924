"""The command palette survives a broken scenario, and the UI's exit status tells a crash from a quit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.conftest import BANK, REPO, screen_text, wait_for
from tutor import exit_codes
from tutor.paths import Locations
from tutor.ui.app import TutorApp
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.problems import ProblemsScreen


async def test_the_palette_lists_the_good_scenarios_and_marks_the_broken_one(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    (bank / "broken.yaml").write_text("format: 1\nid: broken\n", encoding="utf-8")
    monkeypatch.setattr("tutor.paths.bundled_bank", lambda: bank)
    app = TutorApp(Locations(data_dir=data_dir))
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("ctrl+p", *"open")
        await wait_for(pilot, lambda: "Open Roe v. Doe" in screen_text(app), "the good scenario")
        await pilot.press("escape", "ctrl+p", *"broken")
        await wait_for(pilot, lambda: "Broken: broken.yaml" in screen_text(app), "the broken one, marked")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), "what is wrong with it")


CRASH = """
import sys
from pathlib import Path
from tutor.paths import Locations
from tutor.ui.app import TutorApp, exit_status

import tutor.ui.app

class Crashing(TutorApp):
    CSS_PATH = str(Path(tutor.ui.app.__file__).parent / TutorApp.CSS_PATH)  # this module has no folder

    def on_mount(self) -> None:
        raise RuntimeError("a bug in the program")

app = Crashing(Locations(data_dir=Path(sys.argv[1])))
sys.exit(exit_status(app, app.run(headless=True)))
"""


def test_the_ui_exits_crashed_after_an_unhandled_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASH, str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == exit_codes.CRASHED, result.stderr
    assert "a bug in the program" in result.stdout + result.stderr


HOSTILE = "He was unarmed.\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"


async def test_a_short_answer_typed_in_the_box_is_stored_without_controls(make_app: Callable[..., TutorApp]) -> None:
    import sqlite3

    from tests.ui.conftest import MINI
    from tests.ui.driver import answer
    from tutor.engine.session import court_response
    from tutor.scenario.model import ShortNode
    from tutor.ui.screens.scenario import ScenarioScreen

    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        session = screen.session
        while not isinstance(session.question(), ShortNode):  # the court's path, up to the short answer
            count = len(session.history)
            await answer(pilot, session.question(), court_response(session.question()))
            await wait_for(pilot, lambda count=count: len(session.history) == count + 1, "an answer")  # type: ignore[misc]
            await pilot.press("n")
            await pilot.pause()
        count = len(session.history)
        await answer(pilot, session.question(), HOSTILE)
        await wait_for(pilot, lambda: len(session.history) == count + 1, "the short answer recorded")
    stored = [
        json.loads(row[0])
        for row in sqlite3.connect(app.locations.database).execute("SELECT response FROM answers ORDER BY id")
    ]
    assert stored[-1] == "He was unarmed.]0;pwned[2J31m"
