"""The library and what happens before a walk: filtering, modes, resume or restart, broken files, the store failing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.ui.conftest import BANK, MINI, SHIPPED, screen_text, wait_for
from tutor.paths import Locations
from tutor.settings import Settings
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.problems import ProblemsScreen
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.start import StartScreen

App = Callable[..., TutorApp]


async def open_library(pilot, app: TutorApp) -> OptionList:
    await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    library = app.screen
    assert isinstance(library, LibraryScreen)
    listing = library.query_one("#library", OptionList)
    await wait_for(pilot, lambda: listing.option_count > 0 and library.review is not None, "the rows and the review")
    await pilot.pause()  # and drawn
    return listing


async def test_the_library_names_the_case_once_then_each_part_its_length_and_status(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        shown = screen_text(app)
        assert "Roe v. Doe, 1 F.5th 9 (13th Cir. 2030)" in shown
        assert "  Officer Doe · 5-6 questions · not started" in shown  # the title without its case name
        assert "Officer Doe · tags: fixture, excessive-force" in shown  # the highlighted entry's details
        assert "Review: nothing scheduled yet; play a scenario first" in shown


async def test_typing_filters_and_enter_offers_tutor_or_exam(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = await open_library(pilot, app)
        await pilot.press(*"zzz")
        assert "No scenario matches" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", *"roe")
        await pilot.pause()
        assert [o.id for o in listing._options if o.id and not o.id.startswith("__")] == ["mini-roe"]
        await pilot.press("enter")  # in the filter box: opens the highlighted match
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the mode choice")
        assert "Tutor mode" in screen_text(app) and "Exam mode" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        assert app.screen.session.mode == "exam"  # type: ignore[attr-defined]


async def test_an_unfinished_attempt_resumes_where_it_stopped(make_app: App, data_dir: Path) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: len(app.screen.session.history) == 1, "the first answer")  # type: ignore[attr-defined]
    # A new run: the library offers to resume, and the walk continues at question 2.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = await open_library(pilot, app)
        listing.highlighted = listing.get_option_index("mini-roe")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start offer")
        assert "Resume where you stopped (1 answered" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        assert app.screen.session.current_id == "graham" and len(app.screen.session.history) == 1  # type: ignore[attr-defined]
        assert "Question 2" in screen_text(app)


async def test_the_library_marks_a_scenario_left_unfinished(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = await open_library(pilot, app)
        assert "unfinished" not in screen_text(app)
        listing.highlighted = listing.get_option_index("mini-roe")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the mode choice")
        await pilot.press("enter")  # tutor mode
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: len(app.screen.session.history) == 1, "the first answer")  # type: ignore[attr-defined]
        await pilot.press("escape")  # back to the library, the walk left unfinished
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library again")
        await wait_for(pilot, lambda: "unfinished at question 2 of" in screen_text(app), "the unfinished mark")
        assert app.screen.unfinished["mini-roe"].answered == 1  # type: ignore[attr-defined]
    # A new run reads the mark from the store once the library is drawn.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        await wait_for(pilot, lambda: "unfinished at question 2 of" in screen_text(app), "the mark on a new run")


async def test_a_changed_file_offers_a_restart_not_a_silent_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    monkeypatch.setattr("tutor.paths.bundled_bank", lambda: bank)
    locations = Locations(data_dir=data_dir)
    app = TutorApp(locations, bank / "mini.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: len(app.screen.session.history) == 1, "the first answer")  # type: ignore[attr-defined]
    path = bank / "mini.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Roe stood in his own yard", "Roe stood in his yard"), encoding="utf-8"
    )
    app = TutorApp(locations)
    async with app.run_test(size=(100, 30)) as pilot:
        listing = await open_library(pilot, app)
        listing.highlighted = listing.get_option_index("mini-roe")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start offer")
        shown = screen_text(app)
        assert "has changed since your unfinished attempt" in shown and "Resume" not in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        assert app.screen.session.history == []  # type: ignore[attr-defined]
    assert ProgressStore(locations.database).resumable("mini-roe") is None  # the old attempt was abandoned


async def test_a_broken_scenario_shows_its_problems(tmp_path: Path, make_app: App) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        MINI.read_text(encoding="utf-8").replace("next: graham\n  officer-branch", "next: nowhere\n  officer-branch"),
        encoding="utf-8",
    )
    shutil.copytree(BANK / "sources", tmp_path / "sources")
    app = make_app(broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems screen")
        shown = screen_text(app)
        assert "cannot be played" in shown and "nowhere" in shown and "broken.yaml:" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library again")


async def test_an_unusable_progress_file_is_a_notice_not_a_crash(make_app: App, data_dir: Path) -> None:
    Locations(data_dir=data_dir).database.mkdir(parents=True)  # a folder where the database file should be
    app = make_app(MINI)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario")
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: len(app.screen.session.history) == 1, "the answer, unsaved")  # type: ignore[attr-defined]
        assert app.recorder.failed
        assert any("Progress is not being saved" in n.message for n in app._notifications)
        assert "✓" in screen_text(app)


async def test_the_chosen_theme_is_kept_in_the_settings(make_app: App, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        app.theme = "ansi-dark"
        await pilot.pause()
    assert Settings.load(Locations(data_dir=data_dir)).theme == "ansi-dark"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        assert app.theme == "ansi-dark"


async def test_the_command_palette_offers_scenarios_and_actions(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"roe doe")
        await wait_for(pilot, lambda: "Open Roe v. Doe" in screen_text(app), "the scenario command")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the mode choice")
        await pilot.press("escape", "ctrl+p", *"statistics")
        await wait_for(pilot, lambda: "Progress and statistics" in screen_text(app), "the stats command")


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_and_esc_quit_when_the_filter_is_empty(make_app: App, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(pilot, app)
        assert "q Quit" in screen_text(app).splitlines()[-1]  # the footer says how
        await pilot.press(key)
        await wait_for(pilot, lambda: app._exit, f"{key} to quit")
    assert app.return_code == 0


async def test_esc_clears_a_filter_first_and_q_in_a_filter_is_a_letter(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_library(pilot, app)
        await pilot.press(*"roe", "space", "q")
        filter_box = app.screen.query_one("#filter", Input)
        assert filter_box.value == "roe q" and not app._exit
        await pilot.press("escape")
        assert filter_box.value == "" and not app._exit and listing.has_focus
        await pilot.press("escape")
        await wait_for(pilot, lambda: app._exit, "the second Esc to quit")


async def test_enter_in_the_filter_opens_the_highlighted_match_not_the_first_row(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_library(pilot, app)
        await pilot.press(*"doe")
        await pilot.pause()
        assert listing.highlighted_option is not None and listing.highlighted_option.id == "mini-roe"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the scenario's start offer")


async def test_every_shipped_scenario_is_in_view_at_80x24_grouped_by_case_in_course_order(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutor.paths import bundled_bank
    from tutor.scenario.bank import read_library
    from tutor.study.library import part

    monkeypatch.setattr("tutor.paths.bundled_bank", lambda: SHIPPED)
    entries, course = read_library(Locations(data_dir=data_dir))
    assert bundled_bank() == SHIPPED and len(entries) >= 11
    app = TutorApp(Locations(data_dir=data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(pilot, app)
        rows = screen_text(app).splitlines()
    for entry in entries:
        number = course.position(entry.id)
        wanted = f"  {number}. {part(entry)} · "
        assert sum(row.startswith(wanted) for row in rows) == 1, f"{entry.id} is not in view at 80x24"
    cases = [row for row in rows if " v. " in row and not row.startswith(" ")]
    assert len(cases) == len({(e.case_name, e.citation) for e in entries})  # each case once
    assert cases[0].startswith("Tennessee v. Garner") and cases[-1].startswith("Floyd v. City of Detroit")
    floyd = rows.index(cases[-1])
    assert [row.split(".")[0].strip() for row in rows[floyd + 1 : floyd + 4]] == ["9", "10", "11"]


async def test_the_librarys_help_says_it_is_a_teaching_tool_not_legal_advice(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_library(pilot, app)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: "not legal advice" in screen_text(app), "the help")
        assert "qi-tutor is a teaching tool, not legal advice." in screen_text(app)


async def test_a_scenario_walked_to_its_end_reads_finished(make_app: App, data_dir: Path) -> None:
    from tests.conftest import walk_courts_path
    from tutor.scenario.load import load_scenario

    session = walk_courts_path(load_scenario(MINI)[0])
    with ProgressStore(Locations(data_dir=data_dir).database) as store:
        attempt = store.start_attempt("mini-roe", "h", "tutor")
        for outcome in session.history:
            store.record_answer(attempt, outcome)
        store.finish_attempt(attempt)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_library(pilot, app)
        await wait_for(pilot, lambda: "  Officer Doe · 5-6 questions · finished" in screen_text(app), "the mark")


async def test_a_space_typed_before_the_filter_box_has_the_focus_joins_the_filter(make_app: App) -> None:
    """Typed fast in a terminal, keys after the first can reach the list before the box takes the focus."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_library(pilot, app)
        await pilot.press("r")
        filter_box = app.screen.query_one("#filter", Input)
        assert filter_box.value == "r"
        listing.focus()  # as when the next keys arrive before the focus has moved
        await pilot.press("space", "minus", "d")
        assert filter_box.value == "r -d"
        listing.focus()
        await pilot.press("backspace")  # not printable: a key of the list's, not the filter's
        assert filter_box.value == "r -d"
