"""Timed exams and "this question is wrong" in the full UI, on a fake clock: no test waits for time to pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import MINI, screen_text, wait_for
from tests.ui.driver import answer
from tutor.engine.session import court_response
from tutor.paths import Locations
from tutor.scenario.model import FactorsNode
from tutor.store.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.report import ReportScreen
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.screens.start import StartScreen
from tutor.ui.screens.stats import StatsScreen
from tutor.ui.screens.summary import SummaryScreen
from tutor.ui.widgets.clock import ExamClock

App = Callable[..., TutorApp]


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def timed_app(make_app: App, minutes: int, clock: FakeClock) -> TutorApp:
    app = make_app(MINI, mode="exam")
    app.minutes = minutes
    app.recorder.clock = clock
    return app


def store(data_dir: Path) -> ProgressStore:
    return ProgressStore(Locations(data_dir=data_dir).database)


async def scenario_screen(pilot: Pilot, app: TutorApp) -> ScenarioScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ScenarioScreen), "the scenario screen")
    screen = app.screen
    assert isinstance(screen, ScenarioScreen)
    return screen


async def test_the_clock_warns_at_five_minutes_and_closes_answers_at_zero(make_app: App, data_dir: Path) -> None:
    clock = FakeClock()
    app = timed_app(make_app, 10, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await scenario_screen(pilot, app)
        face = screen.query_one(ExamClock)
        assert "Time left: 10:00" in screen_text(app)
        clock.now += 30
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        assert len(screen.session.history) == 1
        clock.now += 4 * 60 + 30  # 5:00 left
        face.tick()
        await pilot.pause()
        assert "Time left: 5:00" in screen_text(app) and face.has_class("-warning")
        assert any("Five minutes left" in str(n.message) for n in app._notifications)
        node = screen.session.question()
        assert isinstance(node, FactorsNode)
        scale = [s.id for s in node.scale]
        for index, factor in enumerate(node.factors):  # every row filled in, not yet submitted
            await pilot.press(*(["tab"] if index else []), str(scale.index(factor.answer) + 1))
        clock.now += 5 * 60 + 1  # past zero while the second question waits
        await pilot.press("enter")  # too late: refused (or the clock's own tick got there first)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.pause()
        assert len(screen.session.history) == 1
        unanswered = [str(w.render()) for w in app.screen.query_one("#summary-time").query("Static")]
        assert "- The Graham factors" in unanswered and "- Whose facts count: 30 s" in unanswered
    record = store(data_dir)
    answers = record.rows("SELECT node_id, seconds FROM answers")
    assert [(r["node_id"], r["seconds"]) for r in answers] == [("whose-facts", 30.0)]
    attempt = record.rows("SELECT id, time_limit, timed_out_at, finished_at FROM attempts")[0]
    assert attempt["time_limit"] == 600 and attempt["timed_out_at"] and attempt["finished_at"]
    assert [u.node_id for u in record.unanswered(attempt["id"])] == ["graham", "claims", "state-right", "today"]


async def test_at_zero_the_clock_itself_ends_the_exam(make_app: App, data_dir: Path) -> None:
    clock = FakeClock()
    app = timed_app(make_app, 1, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await scenario_screen(pilot, app)
        clock.now += 61
        screen.query_one(ExamClock).tick()
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        time_view = summary.query_one("#summary-time")
        lines = [str(w.render()) for w in time_view.query("Static")]
        assert any("Counting those as not earned: 0 of 5 points (0 answered, 5 unanswered)" in line for line in lines)
    attempt = store(data_dir).rows("SELECT id FROM attempts")
    assert attempt, "a time-out with nothing answered still records the attempt and its unanswered questions"
    assert len(store(data_dir).unanswered(attempt[0]["id"])) == 5


async def test_a_resumed_timed_exam_keeps_the_time_already_used(make_app: App, data_dir: Path) -> None:
    clock = FakeClock()
    app = timed_app(make_app, 10, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await scenario_screen(pilot, app)
        clock.now += 125
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        clock.now += 50  # on the second question when the app is killed: this question's time is lost
    again = timed_app(make_app, 10, FakeClock())
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, StartScreen), "the offer to resume")
        await pilot.press("enter")  # resume is offered first
        screen = await scenario_screen(pilot, again)
        assert screen.session.current_id == "graham"
        assert "Time left: 7:55" in screen_text(again)


async def test_bang_reports_the_question_and_the_report_survives_a_restart(make_app: App, data_dir: Path) -> None:
    app = make_app(MINI)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await scenario_screen(pilot, app)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), "the report dialog")
        app.screen.query_one(Input).insert_text_at_cursor("Choice 3 is also \x1b[2Jright =cmd")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "back at the question")
        await answer(pilot, screen.session.question(), ["officer"])  # wrong: feedback on screen
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), "the report dialog")
        assert "this feedback" in screen_text(app)
        app.screen.query_one(Input).insert_text_at_cursor("the feedback cites nothing")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "back at the feedback")
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), "the report dialog")
        await pilot.press("escape")  # backing out reports nothing
        await wait_for(pilot, lambda: app.screen is screen, "back at the feedback")
    reopened = store(data_dir)  # a new connection to the same file: the reports were committed
    rows = reopened.rows("SELECT node_id, seen, shown, comment FROM reports ORDER BY id")
    assert [(r["node_id"], r["seen"]) for r in rows] == [("whose-facts", "question"), ("whose-facts", "feedback")]
    assert rows[0]["comment"] == "Choice 3 is also [2Jright =cmd"  # the escape character is gone
    assert "1. Roe's, because" in rows[0]["shown"] and "Answered: officer" in rows[1]["shown"]


async def test_time_per_question_is_recorded_in_tutor_mode_too(make_app: App, data_dir: Path) -> None:
    clock = FakeClock()
    app = make_app(MINI)
    app.recorder.clock = clock
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await scenario_screen(pilot, app)
        assert not screen.query(ExamClock)
        clock.now += 12.5
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        clock.now += 100  # reading the feedback is not the next question's time
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.session.current_id == "graham" and not screen.awaiting_next, "q2")
        clock.now += 7
        await answer(pilot, screen.session.question(), court_response(screen.session.question()))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen), "the stats")
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "You spend longest on whose facts count questions (12 s on average)." in shown
        assert ": 7 s on average over 1 answer(s)" in shown
    assert [r["seconds"] for r in store(data_dir).rows("SELECT seconds FROM answers ORDER BY seq")] == [12.5, 7.0]
