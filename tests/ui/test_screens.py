"""The screens around the questions: hints, doctrine, the opinion view, history, exam mode, review, stats, help."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static, TabbedContent, TextArea

from tests.ui.conftest import MINI, REPO, screen_text, wait_for
from tests.ui.driver import answer, wrong_response
from tutor.engine.session import court_response
from tutor.paths import Locations
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.keys import keys_markdown
from tutor.ui.screens.doctrine import DoctrineScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.history import HistoryScreen
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.opinion import OpinionScreen
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.stats import StatsScreen
from tutor.ui.screens.summary import SummaryScreen

App = Callable[..., TutorApp]


async def start(pilot, app: TutorApp) -> ScenarioScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
    assert isinstance(app.screen, ScenarioScreen)
    return app.screen


async def test_hints_come_one_at_a_time_and_a_stray_key_submits_nothing(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("2", "3", "x", "h")
        shown = screen_text(app)
        assert "Hint 1: Who is the non-moving party?" in shown and "Hint 2" not in shown
        await pilot.press("h")
        assert "Hint 2: Think about what summary judgment is for." in screen_text(app)
        assert screen.session.history == []  # numbers only select; Enter submits
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(screen.session.history) == 1, "the answer")
        assert screen.session.history[0].response == ["both"] and screen.session.history[0].hints_used == 2


async def test_the_facts_tab_a_question_lists_comes_forward(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        assert screen.query_one("#fact-tabs").active == "fact-plaintiff"  # type: ignore[attr-defined]
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.current_id == "graham"
        assert screen.query_one("#fact-tabs").active == "fact-plaintiff"  # type: ignore[attr-defined]
        assert "• Undisputed" in screen_text(app)


async def test_d_opens_the_doctrine_the_question_cites(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoctrineScreen), "the doctrine")
        assert "Saucier v. Katz, 533 U.S. 194 (2001)" in screen_text(app)
        await pilot.press("escape", "2", "enter", "d")  # on the feedback: still this question's doctrine
        await wait_for(pilot, lambda: isinstance(app.screen, DoctrineScreen), "the doctrine again")
        assert "Saucier v. Katz" in screen_text(app)


async def test_o_opens_the_opinion_at_the_quote_highlighted(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await answer(pilot, screen.session.question(), ["plaintiff"])
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionScreen), "the opinion")
        shown = screen_text(app)
        assert "Majority opinion" in shown and '1 F.5th 9, "II. ANALYSIS"' in shown
        assert "under the heading “II. ANALYSIS”" in shown
        hit = app.screen.query_one(".hit")
        assert "At this stage we must adopt the plaintiff's version of the facts." in str(hit.render())
        spans = hit.render().spans  # type: ignore[union-attr]
        assert any("reverse" in str(span.style) for span in spans)
        await pilot.press("escape")
        assert app.screen is screen


async def test_the_opinion_view_names_the_sources_known_damage(make_app: App) -> None:
    app = make_app(REPO / "scenarios" / "floyd-quaine.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        node = screen.session.question()
        await answer(pilot, node, court_response(node))
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionScreen), "the opinion")
        assert "Known damage in this text:" in screen_text(app)


async def test_history_shows_earlier_feedback_without_answering_again(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await answer(pilot, screen.session.question(), ["officer"])
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        shown = screen_text(app)
        assert "1. Whose facts count" in shown and "✗ Wrong" in shown
        await pilot.press("escape")
        assert app.screen is screen and len(screen.session.history) == 1


async def test_exam_mode_keeps_feedback_for_the_summary_and_marks_short_answers_there(make_app: App) -> None:
    app = make_app(MINI, mode="exam")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, app)
        session = screen.session
        while session.current_id != "state-right":
            node = session.question()
            await answer(pilot, node, court_response(node))
            assert "What the court held" not in screen_text(app)
        area = screen.query_one(TextArea)
        area.insert("Someone unarmed may not be shot.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: session.current_id == "today", "the next question, no marks screen")
        await answer(pilot, session.question(), court_response(session.question()))
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        summary = app.screen
        assert "Every answer, with the court's reasoning" in screen_text(app) or summary.query(".past")
        marks = summary.query_one(".exam-marks")
        summary.query_one("MarksList").focus()
        await pilot.press("2", "enter")  # the student says the answer did say he posed no threat
        await wait_for(pilot, lambda: session.history[3].corrected is not None, "the correction")
        assert session.history[3].full_marks and not marks.is_attached


async def test_retry_replays_only_the_missed_questions(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        while not screen.session.finished:
            node = screen.session.question()
            response = wrong_response(node) if screen.session.current_id == "claims" else court_response(node)
            await answer(pilot, node, response)
            await pilot.press("n")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        assert "Questions you missed" in screen_text(app)
        await pilot.press("r")
        retry = await start(pilot, app)
        assert retry.session.nodes == ["claims"]


async def test_review_serves_due_cards_with_their_facts_and_reschedules_them(make_app: App, data_dir: Path) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await answer(pilot, screen.session.question(), ["officer"])  # wrong: the card is due again at once
    store = ProgressStore(Locations(data_dir=data_dir).database)
    from tutor.store.review import ReviewQueue

    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    assert [c.node_id for c in ReviewQueue(store).due(later)] == ["whose-facts"]
    app = make_app()
    app.review_time = later
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await wait_for(pilot, lambda: "Review: 1 decision point due now" in screen_text(app), "the due count")
        await pilot.press("ctrl+r")
        screen = await start(pilot, app)
        assert screen.session.nodes == ["whose-facts"]
        tabs = screen.query_one("#fact-tabs", TabbedContent)
        assert tabs.active == "fact-plaintiff"  # the facts the node lists
        await answer(pilot, screen.session.question(), ["plaintiff"])
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library after the review")
    assert ReviewQueue(store).due(later) == []  # rescheduled beyond that day


async def test_stats_show_weak_steps(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await answer(pilot, screen.session.question(), ["officer"])
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen), "the stats")
        shown = screen_text(app)
        assert "1 answers recorded" in shown and "Whose facts count" in shown and "100% of the time" in shown
        assert "Taking the officer's account at summary judgment: 1 time(s)" in shown  # the label, not the key


async def test_help_lists_every_key_and_docs_keys_md_matches(make_app: App) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 60)) as pilot:
        await start(pilot, app)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        shown = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        for expected in ("Past answers", "Open in opinion", "Retry mistakes", "Command palette"):
            assert expected in shown
    documented = (REPO / "docs" / "keys.md").read_text(encoding="utf-8")
    assert documented == keys_markdown(), (
        "docs/keys.md is out of date: regenerate it with "
        "`python -c 'from tutor.ui.keys import keys_markdown; print(keys_markdown(), end=\"\")' > docs/keys.md`"
    )


def test_every_binding_has_an_id_so_keymaps_can_rebind_it() -> None:
    from textual.binding import Binding

    from tutor.ui.keys import contexts

    for _, owner in contexts():
        for cls in owner.__mro__:
            if cls.__module__.startswith("tutor."):
                for binding in cls.__dict__.get("BINDINGS", []):
                    assert isinstance(binding, Binding) and binding.id, f"{cls.__name__}: {binding}"
