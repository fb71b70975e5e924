"""`play --watch`: a save reloads the scenario at the same place; a broken save shows its problems, then recovers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from textual.pilot import Pilot

from tests.ui.conftest import BANK, screen_text, wait_for
from tutor.paths import Locations
from tutor.ui.app import TutorApp
from tutor.ui.screens.problems import ProblemsScreen
from tutor.ui.screens.scenario import ScenarioScreen

GRAHAM = "On Roe's facts, which way does each Graham factor point?"


def save(path: Path, old: str, new: str) -> None:
    """An author's edit: the text replaced, and a modification time no clock granularity can hide."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    stamp = path.stat().st_mtime_ns
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))


async def at_graham(pilot: Pilot, app: TutorApp) -> ScenarioScreen:
    """The court's answer to the first question, then on to the second: the Graham factors."""
    await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
    await pilot.press("1", "enter")
    await wait_for(pilot, lambda: bool(app.screen.query("#feedback .verdict")), "the feedback")
    await pilot.press("n")
    await wait_for(pilot, lambda: GRAHAM in screen_text(app), "the Graham question")
    screen = app.screen
    assert isinstance(screen, ScenarioScreen)
    return screen


async def test_a_saved_prompt_shows_at_the_same_question(tmp_path: Path, data_dir: Path) -> None:
    scenario = shutil.copytree(BANK, tmp_path / "bank") / "mini.yaml"
    app = TutorApp(Locations(data_dir=data_dir), scenario, "tutor", watch=True)
    async with app.run_test(size=(110, 34)) as pilot:
        await at_graham(pilot, app)
        save(scenario, GRAHAM, "On Roe's account, where does each Graham factor stand?")
        await wait_for(pilot, lambda: "where does each Graham factor stand" in screen_text(app), "the new words")
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        assert screen.session.current_id == "graham"
        assert [o.node_id for o in screen.session.history] == ["whose-facts"]  # the answer before is kept
        assert "same place, answers kept" in "\n".join(n.message for n in app._notifications)


async def test_a_broken_save_shows_problems_and_the_next_good_one_recovers(tmp_path: Path, data_dir: Path) -> None:
    scenario = shutil.copytree(BANK, tmp_path / "bank") / "mini.yaml"
    app = TutorApp(Locations(data_dir=data_dir), scenario, "tutor", watch=True)
    async with app.run_test(size=(110, 34)) as pilot:
        walking = await at_graham(pilot, app)
        save(scenario, "    next: claims\n", "    next: clams\n")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems")
        await wait_for(pilot, lambda: "clams" in screen_text(app), "the problem named")
        assert walking in app.screen_stack and walking.session.current_id == "graham"  # the place is kept below
        save(scenario, "    next: clams\n", "    next: claims\n")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the walk back")
        await wait_for(
            pilot, lambda: app.screen is not walking and isinstance(app.screen, ScenarioScreen), "a new walk"
        )
        assert app.screen.session.current_id == "graham"  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: GRAHAM in screen_text(app), "the question again")
        assert not any(isinstance(s, ProblemsScreen) for s in app.screen_stack)


async def test_an_edit_to_the_folders_sources_reloads_too(tmp_path: Path, data_dir: Path) -> None:
    bank = shutil.copytree(BANK, tmp_path / "bank")
    app = TutorApp(Locations(data_dir=data_dir), bank / "mini.yaml", "tutor", watch=True)
    async with app.run_test(size=(110, 34)) as pilot:
        walking = await at_graham(pilot, app)
        source = next((bank / "sources").glob("*.txt"))
        stamp = source.stat().st_mtime_ns
        os.utime(source, ns=(stamp + 10**9, stamp + 10**9))
        await wait_for(pilot, lambda: app.screen is not walking and isinstance(app.screen, ScenarioScreen), "a reload")
        assert app.screen.session.current_id == "graham"  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: GRAHAM in screen_text(app), "the question on the new walk")
