"""`play --watch`'s rules below the UI: what is watched, and where a walk stands on the new text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tutor import exit_codes
from tutor.engine.session import Session, court_response
from tutor.scenario.load import load_scenario
from tutor.study.watch import carry_over, stamps, watched_files

BANK = Path(__file__).resolve().parent / "data" / "bank"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    folder = shutil.copytree(BANK, tmp_path / "bank")
    path = folder / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def answered_once() -> Session:
    scenario, _ = load_scenario(BANK / "mini.yaml")
    session = Session(scenario, seed=7)
    session.answer(court_response(session.question()))
    assert session.current_id == "graham"
    return session


def test_the_scenario_its_vocabularies_and_its_sources_are_watched() -> None:
    names = {p.name for p in watched_files(BANK / "mini.yaml")}
    assert {"mini.yaml", "doctrine.yaml", "misconceptions.yaml", "mini-opinion.txt"} <= names
    assert all(isinstance(stamp, int) for stamp in stamps(BANK / "mini.yaml").values())


def test_answers_that_still_fit_are_replayed(tmp_path: Path) -> None:
    path = edited(tmp_path, "which way does each Graham factor point?", "where does each factor stand?")
    carried = carry_over(answered_once(), load_scenario(path)[0], "new-hash")
    assert carried.session.current_id == "graham" and len(carried.session.history) == 1
    assert carried.session.seed == 7 and carried.session.content_hash == "new-hash"
    assert "answers kept" in carried.message


def test_answers_that_no_longer_fit_keep_the_question(tmp_path: Path) -> None:
    # The first question's correct choice now leads elsewhere, but graham is still there.
    path = edited(tmp_path, "start: whose-facts", "start: graham")
    carried = carry_over(answered_once(), load_scenario(path)[0], "h")
    assert carried.session.current_id == "graham" and carried.session.history == []
    assert "still at graham" in carried.message


def test_a_question_that_is_gone_starts_again_and_says_so(tmp_path: Path) -> None:
    path = edited(tmp_path, "id: mini-roe", "id: mini-roe-renamed")  # another scenario: its answers cannot carry
    text = (
        path.read_text(encoding="utf-8")
        .replace("next: graham\n", "next: factors\n")
        .replace("  graham:\n", "  factors:\n")
    )
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)[0]
    carried = carry_over(answered_once(), scenario, "h")
    assert carried.session.current_id == scenario.start and carried.session.history == []
    assert "graham is no longer in the scenario; back to the start" in carried.message


def test_watch_wants_a_scenario_in_the_full_screen_ui() -> None:
    for args in (["play", "--watch"], ["play", str(BANK / "mini.yaml"), "--watch", "--plain"]):
        result = subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == exit_codes.USAGE, result.stderr
        assert "--watch reloads one scenario in the full-screen UI" in result.stderr
