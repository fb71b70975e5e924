"""A review session: the due decision points, scenario by scenario, each with the facts it lists.

The study layer turns due cards into one node-list walk per scenario and retires
cards off the court's path; the scenario screen records and rates every answer, so
finishing a node reschedules its card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.scenario.problems import ScenarioError
from tutor.study.review import review_walks
from tutor.study.schedule import nothing_due, review_finished
from tutor.study.walk import Walk
from tutor.ui.screens.scenario import ScenarioScreen

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class ReviewRun:
    """Walks the due cards one scenario at a time, then says how it went."""

    def __init__(self, app: TutorApp, exit_when_done: bool) -> None:
        self.app, self.exit_when_done = app, exit_when_done
        self.walks: list[Walk] = []
        self.answered = 0

    def start(self) -> None:
        def problems(scenario_id: str, error: ScenarioError) -> None:
            self.app.notify(f"Skipping review of {scenario_id}: {error}", severity="warning")

        self.walks = review_walks(self.app.recorder, self.app.locations, self.app.review_limit, problems)
        self.next_walk()

    def next_walk(self) -> None:
        if not self.walks:
            recorder = self.app.recorder
            message = review_finished(recorder, self.answered) if self.answered else nothing_due(recorder)
            if self.exit_when_done:
                self.app.exit(0, message=message)
            else:
                self.app.notify(message)
            return
        self.app.push_screen(ScenarioScreen(self.walks.pop(0), done=self.finished))

    def finished(self, walk: Walk) -> None:
        self.answered += len(walk.session.history)
        self.app.pop_screen()
        self.next_walk()
