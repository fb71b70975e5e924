"""`play --watch` in the full-screen UI: poll the scenario's files, and reload the walk in place on a save.

Polled (a Textual interval over modification times) rather than notified: it needs no
dependency and no thread, and half a second is quick enough for an author's save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tutor.scenario.problems import Problem, ScenarioError
from tutor.study.playable import load_playable
from tutor.study.recorder import Attempt
from tutor.study.walk import Walk
from tutor.study.watch import carry_over, stamps
from tutor.ui.screens.problems import ProblemsScreen
from tutor.ui.screens.scenario import ScenarioScreen

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

INTERVAL = 0.5  # seconds between looks at the files


class ScenarioWatch:
    """Reloads `path` when it or its folder's vocabularies or sources change; shows problems over the walk."""

    def __init__(self, app: TutorApp, path: Path) -> None:
        self.app, self.path = app, path
        self.seen = stamps(path)
        self.problems: ProblemsScreen | None = None  # on screen while the last save was broken

    def start(self) -> None:
        self.app.set_interval(INTERVAL, self.check)

    async def check(self) -> None:
        now = stamps(self.path)
        if now != self.seen:
            self.seen = now
            await self.reload()

    async def reload(self) -> None:
        # Each change of screens is awaited: the next step reads the stack the last one left.
        try:
            playable = load_playable(self.path)
        except ScenarioError as error:
            await self.show_problems(error.problems)
            return
        await self.clear_problems()
        walking = [s for s in self.app.screen_stack if isinstance(s, ScenarioScreen)]
        if not walking:  # broken when opened, or not started yet: open it as the command line asked
            if len(self.app.screen_stack) == 1:
                self.app.open_path(self.path, self.app.start_mode)
            return
        screen = walking[-1]
        carried = carry_over(screen.session, playable.scenario, playable.content_hash)
        if screen.walk.attempt.attempt_id is not None:  # its answers stay in the history
            self.app.recorder.abandon(screen.walk.attempt.attempt_id)
        attempt = Attempt(self.app.recorder, carried.session, screen.walk.attempt.purpose)
        attempt.exam = screen.walk.attempt.exam  # a timed exam's clock runs on through the reload
        walk = Walk(playable, carried.session, attempt)
        while self.app.screen is not screen:
            await self.app.pop_screen()
        await self.app.switch_screen(ScenarioScreen(walk, screen.done))
        self.app.notify(carried.message, timeout=4)

    async def show_problems(self, problems: list[Problem]) -> None:
        """The checker's problems over the walk, which stays where it was underneath."""
        screen = ProblemsScreen(self.path, problems)
        if self.problems is not None and self.app.screen is self.problems:
            await self.app.switch_screen(screen)
        else:
            await self.app.push_screen(screen)
        self.problems = screen

    async def clear_problems(self) -> None:
        if self.problems is not None and self.app.screen is self.problems:
            await self.app.pop_screen()
        self.problems = None
