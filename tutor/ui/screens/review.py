"""A review session: the due decision points, scenario by scenario, each with the facts it lists.

Each scenario's due nodes become one node-list Session; the scenario screen rates every
answer through the review queue, so finishing a node reschedules its card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.engine.session import Session
from tutor.scenario.problems import ScenarioError
from tutor.ui.play import Play, load_play
from tutor.ui.screens.scenario import ScenarioScreen

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class ReviewRun:
    """Walks the due cards one scenario at a time, then says how it went."""

    def __init__(self, app: TutorApp, exit_when_done: bool) -> None:
        self.app, self.exit_when_done = app, exit_when_done
        self.plays: list[Play] = []
        self.answered = 0

    def start(self) -> None:
        from tutor.scenario.bank import find

        cards = self.app.progress.review(lambda queue: queue.due(self.app.review_time, limit=self.app.review_limit), [])
        by_scenario: dict[str, list[str]] = {}
        for card in cards:
            by_scenario.setdefault(card.scenario_id, []).append(card.node_id)
        for scenario_id, nodes in by_scenario.items():
            try:
                play = load_play(find(self.app.locations, scenario_id))
            except (LookupError, ScenarioError) as error:
                self.app.notify(f"Skipping review of {scenario_id}: {error}", severity="warning")
                continue
            nodes = [n for n in dict.fromkeys(nodes) if n in play.scenario.nodes]
            if nodes:
                play.session = Session(play.scenario, nodes=nodes, content_hash=play.content_hash)
                play.attempt_id = self.app.progress.start(
                    play.scenario, play.content_hash, "tutor", nodes, "review", seed=play.session.seed
                )
                self.plays.append(play)
        self.next_play()

    def next_play(self) -> None:
        if not self.plays:
            message = (
                f"Review finished: {self.answered} question(s) rescheduled."
                if self.answered
                else "Nothing is due for review. Come back later."
            )
            if self.exit_when_done:
                self.app.exit(0, message=message)
            else:
                self.app.notify(message)
            return
        self.app.push_screen(ScenarioScreen(self.plays.pop(0), done=self.finished))

    def finished(self, play: Play) -> None:
        self.answered += len(play.session.history)
        self.app.pop_screen()
        self.next_play()
