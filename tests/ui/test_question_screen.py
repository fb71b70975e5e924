"""The question screen shows every word, says where the walk stands, and refuses an empty answer.

Read from the rendered screen (`screen_text`), as a student would see it: each `many`
choice and each rubric item of the shipped bank is found whole, with no "…", at 80x24
and 100x30; with NO_COLOR a ticked row differs from an unticked one in text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.ui.conftest import MINI, SHIPPED, screen_text, wait_for
from tests.ui.driver import answer
from tutor.engine.session import Session, court_response
from tutor.scenario.bank import bank_files
from tutor.scenario.model import STEP_CRUMBS, ChoiceNode, ShortNode
from tutor.study.playable import Playable, load_playable
from tutor.study.recorder import Attempt
from tutor.study.walk import Walk
from tutor.study.words import TICKED, UNTICKED
from tutor.ui.app import TutorApp
from tutor.ui.screens.scenario import ScenarioScreen
from tutor.ui.widgets.breadcrumb import Breadcrumb
from tutor.ui.widgets.choice import TickList

SCENARIOS = bank_files(SHIPPED)
BOX = re.compile(r"\[[x ]\] (\d+)\. ")
EDGE = re.compile(r"[\s▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▕]+$")  # a scrollbar or a border at a row's right end


def ticked_nodes() -> Iterator[tuple[Playable, str, list[str]]]:
    """(scenario, node, the texts its check boxes show) for every `many` choice and `short` node."""
    for path in SCENARIOS:
        playable = load_playable(path)
        for node_id, node in playable.scenario.nodes.items():
            if isinstance(node, ChoiceNode) and node.select == "many":
                yield playable, node_id, [c.text for c in node.choices]
            elif isinstance(node, ShortNode):
                yield playable, node_id, [item.label for item in node.rubric]


def rows_of(screen: str, number: int) -> str:
    """The text of check box `number` on screen: its first row and the rows it wraps onto, joined."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        found = next((m for m in BOX.finditer(line) if int(m[1]) == number), None)
        if found is None:
            continue
        column = found.start()
        parts = [EDGE.sub("", line[column:])]
        for below in lines[index + 1 :]:
            segment = EDGE.sub("", below[column:])
            if not segment.strip() or BOX.match(segment.strip()):
                break
            parts.append(segment)
        return " ".join(" ".join(parts).split())
    return ""


async def boxes_in_view(pilot: Pilot, ticks: TickList, where: str) -> list[str]:
    """Every check box's rows as the screen shows them, each highlighted in turn so it scrolls into view."""
    found = []
    for index in range(ticks.option_count):
        ticks.highlighted = index
        # Under load the scroll may take more than a frame or two: read once the row holds still.
        reads = [""]

        def settled(number: int = index + 1, reads: list[str] = reads) -> bool:
            reads.append(rows_of(screen_text(pilot.app), number))
            return bool(reads[-1]) and reads[-1] == reads[-2]

        await wait_for(pilot, settled, f"{where}: box {index + 1} to stand still in view")
        found.append(reads[-1])
    return found


async def ticks_on_screen(pilot: Pilot, walk: Walk) -> TickList:
    """Open `walk` and bring up its check boxes: the choices, or the rubric after a short answer."""
    app = pilot.app
    screen = ScenarioScreen(walk)
    app.push_screen(screen)
    await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
    node = walk.session.question()
    if isinstance(node, ShortNode):
        area = screen.query_one(TextArea)
        area.insert(node.model_answer)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(screen.query("MarksList")), "the rubric marks")
    return screen.query_one(TickList)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_every_check_box_shows_every_word(
    size: tuple[int, int], make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    cut: list[str] = []
    async with app.run_test(size=size) as pilot:
        for playable, node_id, texts in ticked_nodes():
            session = Session(playable.scenario, nodes=[node_id], seed=None)
            walk = Walk(playable, session, Attempt(app.recorder, session))
            ticks = await ticks_on_screen(pilot, walk)
            if isinstance(walk.scenario.nodes[node_id], ChoiceNode):
                await pilot.press("1")  # tick the first row
            shown = await boxes_in_view(pilot, ticks, f"{walk.scenario.id} {node_id}")
            for number, (text, rows) in enumerate(zip(texts, shown, strict=True), 1):
                if " ".join(text.split()) not in rows or "…" in rows:
                    cut.append(f"{walk.scenario.id} {node_id} row {number}: {rows!r}")
            first = shown[0]
            assert first.startswith(f"{TICKED} 1. "), f"{node_id}: the ticked row reads {first!r}"
            unticked = [n for n, v in enumerate(ticks.values, 1) if v not in ticks.ticked]
            for number in unticked:
                assert shown[number - 1].startswith(f"{UNTICKED} {number}. ")
            app.pop_screen()
            await pilot.pause()
    assert not cut, "\n".join(cut)


def exam_walk(app: TutorApp, path: Path = MINI) -> Walk:
    playable = load_playable(path)
    session = Session(playable.scenario, mode="exam", seed=None)
    return Walk(playable, session, Attempt(app.recorder, session))


async def test_exam_mode_shows_no_score_verdict_or_tick_until_the_summary(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        walk = exam_walk(app)
        screen = ScenarioScreen(walk)
        app.push_screen(screen)
        session = walk.session
        while not session.finished:
            await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
            node = session.question()
            header = str(screen.query_one(Breadcrumb).render())
            assert not set(header) & {"✓", "✗", "◐"}, header
            assert "Score" not in header and "Exam mode: no score until the summary" in header
            shown = screen_text(app)
            assert not re.search(r"[✓✗◐]|Score|Right \(|Wrong \(", shown), shown
            assert f"Question {len(session.history) + 1} of about 5" in shown
            if session.history:
                assert "·" in header  # a step answered: visited, its verdict kept for the summary
            before = len(session.history)
            if isinstance(node, ShortNode):  # exam mode asks for no marks until the summary
                screen.query_one(TextArea).insert(node.model_answer)
                await pilot.press("ctrl+s")
            else:
                await answer(pilot, node, court_response(node))
            await wait_for(pilot, lambda before=before: len(session.history) > before, "the answer")  # type: ignore[misc]


async def test_tutor_mode_ticks_a_step_only_for_full_marks(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        playable = load_playable(MINI)
        # Whose facts wrongly, the claims half right, then the court's answer on the state-right step.
        session = Session(playable.scenario, nodes=["whose-facts", "claims", "graham"], seed=None)
        screen = ScenarioScreen(Walk(playable, session, Attempt(app.recorder, session)))
        app.push_screen(screen)
        headers = []
        for keys in (["2", "enter"], ["1", "enter"]):
            await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
            before = len(session.history)
            await pilot.press(*keys)
            await wait_for(pilot, lambda before=before: len(session.history) > before, "the answer")  # type: ignore[misc]
            await pilot.press("n")
            await pilot.pause()
            headers.append(str(screen.query_one(Breadcrumb).render()))
        assert [o.full_marks for o in session.history] == [False, False] and session.history[1].earned > 0
        assert "✗ Whose facts" in headers[0] and "✓" not in headers[0], headers[0]
        assert "◐" in headers[1] and "✓" not in headers[1], headers[1]
        await answer(pilot, session.question(), court_response(session.question()))
        await wait_for(pilot, lambda: len(session.history) == 3, "the grid's answer")
        header = str(screen.query_one(Breadcrumb).render())
        # The grid's steps with full marks; Whose facts, first of the steps, keeps its ✗ where its name gives way.
        assert header.count("✓") >= 1 and header.startswith("✗"), header


async def test_enter_on_an_untouched_question_says_so_and_records_nothing(
    make_app: Callable[..., TutorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        playable = load_playable(MINI)
        session = Session(playable.scenario, seed=None)
        walk = Walk(playable, session, Attempt(app.recorder, session))
        screen = ScenarioScreen(walk)
        app.push_screen(screen)
        await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Nothing is chosen yet" in screen_text(app), "the refusal")
        assert session.history == [] and walk.attempt.attempt_id is None  # no attempt opened, nothing saved
        await pilot.press("down", "enter")  # a choice highlighted: now Enter answers
        await wait_for(pilot, lambda: len(session.history) == 1, "the answer")


def longest_choices_with_a_hint() -> tuple[Playable, str]:
    """The shipped question with hints whose choices take the most words: its hint starts below the fold."""
    found = [
        (sum(len(c.text) for c in node.choices), playable, node_id)
        for path in SCENARIOS
        for playable in [load_playable(path)]
        for node_id, node in playable.scenario.nodes.items()
        if isinstance(node, ChoiceNode) and node.hints
    ]
    _, playable, node_id = max(found, key=lambda f: f[0])
    return playable, node_id


async def test_a_hint_below_the_fold_scrolls_into_view(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        playable, node_id = longest_choices_with_a_hint()
        session = Session(playable.scenario, nodes=[node_id], seed=None)
        screen = ScenarioScreen(Walk(playable, session, Attempt(app.recorder, session)))
        app.push_screen(screen)
        await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
        pane, hints = screen.query_one("#question"), screen.query_one("#hints")
        assert hints.virtual_region.y > pane.scroll_y + pane.size.height  # below the fold before the key
        await pilot.press("h")
        first = session.question().hints[0]
        await wait_for(pilot, lambda: " ".join(first.split()[:4]) in screen_text(app), "the hint in view")


async def test_c_jumps_to_what_the_court_held(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        playable = load_playable(MINI)
        session = Session(playable.scenario, seed=None)
        screen = ScenarioScreen(Walk(playable, session, Attempt(app.recorder, session)))
        app.push_screen(screen)
        await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: bool(screen.query("#feedback")), "the feedback")
        await pilot.pause()
        assert "What the court held" not in screen_text(app)  # a long feedback: below the fold at 80x24
        await pilot.press("c")
        await wait_for(pilot, lambda: "What the court held" in screen_text(app), "the court's holding in view")


@pytest.mark.parametrize("width", [80, 100])
async def test_the_header_keeps_to_one_row_and_every_verdict_as_it_narrows(
    width: int, make_app: Callable[..., TutorApp]
) -> None:
    """The names of the steps farthest from the question give way to "…"; no verdict does, and a
    wider terminal brings the names back."""
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        playable = load_playable(SHIPPED / "sigley-mockler.yaml")
        session = Session(playable.scenario, seed=None)
        for _ in range(6):
            session.answer(court_response(session.question()))
        screen = ScenarioScreen(Walk(playable, session, Attempt(app.recorder, session)))
        app.push_screen(screen)
        await wait_for(pilot, lambda: bool(screen.query("#answer")), "the question")
        crumb = screen.query_one(Breadcrumb)
        here = f"▶ {STEP_CRUMBS[session.question().step]}"
        await wait_for(pilot, lambda: crumb.size.height == 1 and here in str(crumb.render()), "a one-row header")
        header = str(crumb.render())
        step = session.question().step
        answered = [s for s in session.summary().by_step if s != step]  # the step on screen shows ▶ instead
        assert "…" in header and len(answered) >= 2, header
        assert sum(header.count(glyph) for glyph in "✓✗◐") == len(answered), header
        await pilot.resize_terminal(200, 30)
        await wait_for(pilot, lambda: "…" not in str(crumb.render()), "the names back at 200 columns")
        assert "Whose facts" in str(crumb.render())
