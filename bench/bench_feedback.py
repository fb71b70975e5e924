"""An answer to its painted feedback, against painting the same words in one `Static`, as a ratio in one run.

Not a test: run it by hand, `python bench/bench_feedback.py [--rounds 7]`.

The feedback measured is the longest in the shipped bank (every question's court
answer and every wrong choice of a one-answer question, by characters of what the
study layer says). One side answers it on the real scenario screen (scoring, the
SQLite record, the feedback's widgets, the scroll to the verdict) until the screen
is idle; the other mounts one `Static` holding the same text on a bare screen. The
two alternate within each round, and the ratio is the median of the per-round
ratios, so the machine's drift hits both sides alike.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.containers import VerticalScroll  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tutor.engine.session import Session, court_response  # noqa: E402
from tutor.paths import Locations  # noqa: E402
from tutor.scenario.bank import bank_files  # noqa: E402
from tutor.scenario.model import ChoiceNode, FactorsNode, ShortNode  # noqa: E402
from tutor.study import said  # noqa: E402
from tutor.study.playable import Playable, load_playable  # noqa: E402
from tutor.study.recorder import Attempt  # noqa: E402
from tutor.study.walk import Walk  # noqa: E402
from tutor.ui.app import TutorApp  # noqa: E402
from tutor.ui.screens.scenario import ScenarioScreen  # noqa: E402
from tutor.ui.widgets.answer import AnswerReady  # noqa: E402


def longest_feedback() -> tuple[Playable, str, Any, str]:
    """(scenario, node, response, the feedback's text) for the longest feedback in the shipped bank."""
    best: tuple[Playable, str, Any, str] | None = None
    for path in bank_files(ROOT / "scenarios"):
        playable = load_playable(path)
        scenario = playable.scenario
        for node_id, node in scenario.nodes.items():
            if not isinstance(node, ChoiceNode | FactorsNode | ShortNode):
                continue
            responses = [court_response(node)]
            if isinstance(node, ChoiceNode) and node.select == "one":
                responses += [[c.id] for c in node.choices if not c.correct]
            for response in responses:
                outcome = Session(scenario, nodes=[node_id], seed=None).answer(response)
                blocks = said.explained(scenario, outcome, playable.context, playable.quoted)
                text = "\n".join(line for b in blocks for line in b.lines)
                if best is None or len(text) > len(best[3]):
                    best = (playable, node_id, response, text)
    assert best is not None, "the shipped bank has no question"
    return best


async def idle(pilot: Pilot) -> None:
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def feedback_once(pilot: Pilot, app: TutorApp, playable: Playable, node_id: str, response: Any) -> float:
    session = Session(playable.scenario, nodes=[node_id], seed=None)
    screen = ScenarioScreen(Walk(playable, session, Attempt(app.recorder, session)))
    await app.push_screen(screen)
    while not screen.query("#answer"):
        await pilot.pause()
    await idle(pilot)
    started = time.perf_counter()
    screen.post_message(AnswerReady(response))
    while not screen.query("#feedback .verdict"):
        await pilot.pause()
    await idle(pilot)
    took = time.perf_counter() - started
    app.pop_screen()
    await idle(pilot)
    return took


async def static_once(pilot: Pilot, app: TutorApp, text: str) -> float:
    screen: Screen[None] = Screen()
    await app.push_screen(screen)
    await idle(pilot)
    started = time.perf_counter()
    await screen.mount(VerticalScroll(Static(text, markup=False)))
    await idle(pilot)
    took = time.perf_counter() - started
    app.pop_screen()
    await idle(pilot)
    return took


async def measure(rounds: int) -> None:
    playable, node_id, response, text = longest_feedback()
    print(f"longest feedback: {playable.scenario.id} {node_id}, {len(text)} characters")
    with tempfile.TemporaryDirectory() as data:
        app = TutorApp(Locations(data_dir=Path(data)))
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            await idle(pilot)
            await feedback_once(pilot, app, playable, node_id, response)  # warm: imports, CSS, the store
            await static_once(pilot, app, text)
            ratios, feedback, static = [], [], []
            for _ in range(rounds):
                f = await feedback_once(pilot, app, playable, node_id, response)
                s = await static_once(pilot, app, text)
                feedback.append(f)
                static.append(s)
                ratios.append(f / s)
    print(f"answer to painted feedback: median {statistics.median(feedback) * 1000:.1f} ms")
    print(f"one Static, same text:      median {statistics.median(static) * 1000:.1f} ms")
    print(f"ratio (median of {rounds} per-round ratios): {statistics.median(ratios):.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    asyncio.run(measure(parser.parse_args().rounds))


if __name__ == "__main__":
    main()
