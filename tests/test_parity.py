"""Both front ends say the same thing: the real Textual widgets against the real plain printer.

For every question node of every shipped scenario: the court's answer, each wrong
choice of a one-answer node, one partly-right answer for each `many`, `factors` and
`short` node (every factor row, practice rows included, is in each factors answer);
then exam mode's review and the summary of a walk that misses at least one node, and
the doctrine view (`d`) of every question that cites doctrine.
The UI side mounts the widgets under `App.run_test()` (one app per scenario) and
reads each `Static` as its `Content.plain`; the plain side prints to a recording
`rich.Console`. After `normalised`, the two sequences of lines must be equal.

Layout that is allowed to differ (the documented list): runs of whitespace and
blank lines; plain mode's `Quote N. ` before a quote, the number `o N` opens it by.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from tutor.engine.session import Outcome, Session, court_response
from tutor.plain import render
from tutor.scenario.bank import bank_files
from tutor.scenario.model import ChoiceNode, FactorsNode, Quote, ShortNode
from tutor.study import said
from tutor.study.playable import Playable, load_playable
from tutor.study.recorder import Attempt, Recorder
from tutor.study.walk import Walk
from tutor.ui.screens.summary import review_widgets
from tutor.ui.widgets.court import BlocksView, block_widgets
from tutor.ui.widgets.feedback import FeedbackView

REPO = Path(__file__).resolve().parents[1]
SHIPPED = bank_files(REPO / "scenarios")

QUOTE_NUMBER = re.compile(r"^Quote \d+\. ")


def normalised(text: str) -> list[str]:
    """Lines with whitespace runs collapsed, blank lines dropped, and the documented layout removed."""
    out = []
    for line in text.splitlines():
        line = " ".join(line.split())
        line = QUOTE_NUMBER.sub("", line)
        if line:
            out.append(line)
    return out


QuestionNode = ChoiceNode | FactorsNode | ShortNode


def partly_right(node: QuestionNode) -> Any:
    """An answer that earns some points but not all, or None where the node has no such answer."""
    if isinstance(node, ChoiceNode):
        if node.select == "one":
            return None
        right = [c.id for c in node.choices if c.correct]
        wrong = [c.id for c in node.choices if not c.correct]
        return right[:1] + wrong[:1] if len(right) == 1 and wrong else right[:1]
    if isinstance(node, FactorsNode):
        scale = [s.id for s in node.scale]
        first = node.factors[0]
        off = scale[(scale.index(first.answer) + 1) % len(scale)]
        return {f.id: off if f is first else f.answer for f in node.factors}
    return node.rubric[0].any[0] if node.rubric[0].any else "a partial answer"


def cases(playable: Playable) -> Iterator[tuple[str, Outcome]]:
    scenario = playable.scenario
    for node_id, node in scenario.nodes.items():
        if not isinstance(node, ChoiceNode | FactorsNode | ShortNode):
            continue
        responses: list[tuple[str, Any]] = [("the court's answer", court_response(node))]
        if isinstance(node, ChoiceNode) and node.select == "one":
            responses += [(f"wrong choice {c.id}", [c.id]) for c in node.choices if not c.correct]
        partly = partly_right(node)
        if partly is not None:
            responses.append(("partly right", partly))
        for label, response in responses:
            session = Session(scenario, nodes=[node_id], content_hash=playable.content_hash)
            yield f"{scenario.id} {node_id}: {label}", session.answer(response)


def missing_walk(playable: Playable) -> Session:
    """An exam walk along the tree that misses the first node, short answers marked as the tutor marked them."""
    scenario = playable.scenario
    session = Session(scenario, mode="exam", content_hash=playable.content_hash)
    first = True
    while not session.finished:
        node = session.question()
        wrong = [c.id for c in node.choices if not c.correct and not c.next] if isinstance(node, ChoiceNode) else []
        session.answer(wrong[:1] if first and wrong else court_response(node))
        first = first and not wrong
    for outcome in list(session.history):
        if outcome.kind == "short":
            session.correct_short(outcome.node_id, [f.item_id for f in outcome.feedback if f.chosen])
    assert session.summary().missed, f"{scenario.id}: the walk meant to miss a node missed none"
    return session


def printed(texts: Iterable[Any]) -> str:
    console = Console(file=io.StringIO(), record=True, width=100, soft_wrap=True, markup=False, highlight=False)
    for text in texts:
        console.print(text)
    return console.export_text()


def numbering() -> Any:
    quotes: list[tuple[Quote, bool]] = []

    def number(quote: Quote, from_doctrine: bool = False) -> int:
        if (quote, from_doctrine) not in quotes:
            quotes.append((quote, from_doctrine))
        return quotes.index((quote, from_doctrine)) + 1

    return number


def shown(widgets: Iterable[Widget]) -> str:
    """What the mounted widgets say: each Static's content, as plain text, in order."""
    found = []
    for widget in widgets:
        for static in [widget, *widget.query(Static)] if isinstance(widget, Static) else widget.query(Static):
            found.append(static.render().plain)  # type: ignore[union-attr]
    return "\n".join(found)


class Stage(App[None]):
    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="stage")


def first_difference(ui: list[str], plain: list[str]) -> str:
    for index, (left, right) in enumerate(zip(ui, plain, strict=False)):
        if left != right:
            return f"line {index + 1}:\n  UI:    {left}\n  plain: {right}"
    return f"lengths differ: UI {len(ui)} lines, plain {len(plain)}"


async def differences(path: Path) -> list[str]:
    """Every case in one scenario where the front ends disagree, named by scenario and node."""
    playable = load_playable(path)
    scenario, context, quoted = playable.scenario, playable.context, playable.quoted
    found: list[str] = []
    app = Stage()
    async with app.run_test(size=(120, 40)):
        stage = app.query_one("#stage")

        async def ui_lines(widgets: list[Widget]) -> list[str]:
            await stage.remove_children()
            await stage.mount_all(widgets)
            return normalised(shown(widgets))

        for name, outcome in cases(playable):
            ui = await ui_lines([FeedbackView(scenario, outcome, context, quoted=quoted)])
            plain = normalised(printed(render.explained(scenario, outcome, context, numbering(), quoted)))
            if ui != plain:
                found.append(f"{name}: {first_difference(ui, plain)}")
        for node_id, node in scenario.nodes.items():
            if isinstance(node, ChoiceNode | FactorsNode | ShortNode) and node.doctrine:
                ui = await ui_lines(list(block_widgets(said.doctrine(node.doctrine, context, scenario.id))))
                plain = normalised(printed(render.doctrine(scenario, node, context, numbering())))
                if ui != plain:
                    found.append(f"{scenario.id} {node_id}: the doctrine view: {first_difference(ui, plain)}")
        session = missing_walk(playable)
        recorder = Recorder.at(_nowhere(), lambda message: None)
        walk = Walk(playable, session, Attempt(recorder, session))
        ui = await ui_lines([*review_widgets(walk), BlocksView(said.summary(session, context, 0, quoted))])
        number = numbering()
        texts = render.review_heading(number)
        for index in range(len(session.history)):
            texts += render.review_answer(session, index, context, number, quoted)
        plain = normalised(printed([*texts, *render.summary(session, context, number, 0, quoted)]))
        if ui != plain:
            found.append(f"{scenario.id} exam review and summary: {first_difference(ui, plain)}")
    return found


def _nowhere() -> Any:
    from tutor.paths import Locations

    return Locations(data_dir=Path("/nonexistent/qi-tutor-parity"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
async def test_both_front_ends_say_the_same(path: Path) -> None:
    assert not await differences(path)


async def test_a_changed_label_in_one_renderer_names_its_node(monkeypatch: pytest.MonkeyPatch) -> None:
    # One word changed in the plain printer only: the parity check must say where.
    original = render.explained

    def drifted(*args: Any, **kwargs: Any) -> Any:
        texts = original(*args, **kwargs)
        return [type(t)(t.plain.replace("What the court held", "What the court decided")) for t in texts]

    monkeypatch.setattr(render, "explained", drifted)
    found = await differences(SHIPPED[0])
    assert found
    scenario = load_playable(SHIPPED[0]).scenario
    decided = next(n for n, node in scenario.nodes.items() if node.type != "end" and node.court is not None)
    assert any(f"{scenario.id} {decided}: the court's answer" in line for line in found), found[:3]
    assert "What the court decided" in "\n".join(found)


async def test_a_restored_reading_is_said_once_per_quote_in_both_front_ends() -> None:
    """Floyd's copy is lower-cased and lost its 's and n't: a quote giving the opinion's reading says so.

    The line is the study layer's (`words.RESTORED`); a Supreme Court quote, whose copy
    has its capitals, carries none.
    """
    from tutor.study.words import RESTORED

    for name, restored in (("floyd-quaine", True), ("garner", False)):
        playable = load_playable(REPO / "scenarios" / f"{name}.yaml")
        scenario, context = playable.scenario, playable.context
        node_id, node = next(
            (i, n) for i, n in scenario.nodes.items() if isinstance(n, ChoiceNode) and n.court and n.court.quotes
        )
        assert node.court is not None
        expected = sum(q.restored for q in node.court.quotes)
        assert (expected > 0) == restored, f"{name} {node_id}: {expected} restored quotes"
        outcome = Session(scenario, nodes=[node_id]).answer(court_response(node))
        plain = normalised(printed(render.explained(scenario, outcome, context, numbering(), playable.quoted)))
        app = Stage()
        async with app.run_test(size=(120, 40)):
            view = FeedbackView(scenario, outcome, context, quoted=playable.quoted)
            await app.query_one("#stage").mount(view)
            ui = normalised(shown([view]))
        assert ui.count(RESTORED) == plain.count(RESTORED) == expected, name


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_both_front_ends_head_each_question_alike(path: Path) -> None:
    # Along the court's path, and through a retry list: the same "Question N of M" (or
    # "Retry: N of M") line over the same question, from the study layer's one wording.
    from tutor.study.words import progress
    from tutor.ui.widgets.question import prompt_content

    playable = load_playable(path)
    scenario = playable.scenario
    tree = Session(scenario, seed=None)
    questions = [n for n in scenario.nodes if scenario.nodes[n].type != "end"]
    retry = Session(scenario, nodes=questions[:3], seed=None)
    for session in (tree, retry):
        while not session.finished:
            node = session.question()
            where = progress(session)
            ui = normalised(prompt_content(node, where, playable.quoted).plain)
            plain = normalised(printed(render.question(scenario, node, where, playable.quoted)))
            assert ui[:2] == plain[:2], f"{scenario.id} {session.current_id}: {ui[:2]} != {plain[:2]}"
            assert ui[0].startswith(f"Retry: {len(session.history) + 1} of 3" if session.nodes else "Question ")
            session.answer(court_response(node))


def test_the_refusal_of_an_empty_answer_has_one_wording() -> None:
    import inspect

    from tutor.plain import play
    from tutor.study.words import NOTHING_CHOSEN
    from tutor.ui.widgets import choice

    # Both front ends build their refusal from the study layer's sentence, not a copy of it.
    for module in (play, choice):
        source = inspect.getsource(module)
        assert "NOTHING_CHOSEN" in source and NOTHING_CHOSEN not in source, module.__name__
