"""The Textual app: the library first, then scenarios, review, stats and help.

`run_app` and `run_review_app` are what `qi-tutor` / `qi-tutor play` and
`qi-tutor review` call; everything else is reached from the library, the keys and
the command palette.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from tutor import exit_codes
from tutor.paths import Locations
from tutor.scenario.bank import Course, LibraryEntry, find, read_library
from tutor.settings import Settings
from tutor.study.recorder import Recorder
from tutor.ui.palette import ScenarioCommands
from tutor.ui.screens.library import LibraryScreen

# Only what the first frame (the library) needs is imported above: start-up is measured
# against a bare Textual app (bench/bench_startup.py). The rest is imported on first use.
if TYPE_CHECKING:
    from tutor.engine.session import Mode
    from tutor.study.playable import Playable
    from tutor.study.walk import Walk


class TutorApp(App[int]):
    """The full-screen tutor: the library, then scenarios, review, stats and help, over one guarded recorder."""

    CSS_PATH = "app.tcss"
    TITLE = "qi-tutor"
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("ctrl+t", "stats", "Stats", show=False, id="stats"),
        Binding("ctrl+r", "review", "Review", show=False, id="review"),
    ]

    def __init__(
        self,
        locations: Locations,
        scenario: Path | None = None,
        mode: Mode = "tutor",
        retry: bool = False,
        review: bool = False,
        minutes: int | None = None,
        watch: bool = False,
    ) -> None:
        super().__init__()
        self.locations = locations
        self.start_path, self.start_mode, self.start_retry, self.review_only = scenario, mode, retry, review
        self.minutes = minutes  # `--minutes`: the timed exam's length (else the study layer's default)
        self.watch_start = watch  # reload start_path when it changes (`play --watch`)
        self.recorder = Recorder.at(locations, lambda text: self.notify(text, severity="warning", timeout=8))
        self.settings = Settings.load(locations)
        self.entries: list[LibraryEntry] = []
        self.course = Course()  # the banks' course: the library's order, and what a summary names as next
        self.review_limit: int | None = None  # at most this many due questions per review session
        self.focusing_press = False  # set when the terminal regains focus: see on_event
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    @property
    def review_time(self) -> dt.datetime | None:
        """ "Now" for the review queue; tests move it forward."""
        return self.recorder.review_time

    @review_time.setter
    def review_time(self, when: dt.datetime | None) -> None:
        self.recorder.review_time = when

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """As App.notify, but messages are plain text by default: many quote author text."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def on_event(self, event: events.Event) -> None:
        """A press that gives the terminal back its focus only focuses it.

        A click into a browser page (`qi-tutor serve`) or into a terminal window in the
        background arrives as focus, then press and release; Textual would make that a click
        on whatever lies under the pointer, and the library would open a scenario nobody chose.
        A key pressed first means the focus came another way (Tab), and clicks count again;
        a focus report while the app already had the focus (some terminals send one at start) arms nothing.
        """
        if isinstance(event, events.AppFocus):
            self.focusing_press = not self.app_focus
        elif isinstance(event, events.Key):
            self.focusing_press = False
        elif self.focusing_press and isinstance(event, events.MouseDown | events.MouseUp) and not event.is_forwarded:
            self.focusing_press = not isinstance(event, events.MouseUp)
            return
        await super().on_event(event)

    def get_default_screen(self) -> Screen[None]:
        """The library is the bottom of the screen stack (a review-only run has an empty screen)."""
        if self.review_only:
            return Screen()
        self.entries, self.course = read_library(self.locations)
        return LibraryScreen(self.entries, self.recorder, self.course)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.keep_theme)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning")
        if self.review_only:
            self.start_review(exit_when_done=True)
            return
        if self.start_path is not None:
            self.open_path(self.start_path, self.start_mode, self.start_retry)
            if self.watch_start:
                from tutor.ui.watch import ScenarioWatch

                ScenarioWatch(self, self.start_path).start()

    def show_review(self) -> None:
        """The library's review entry: what is due, or how many are scheduled and when the next falls due."""
        from tutor.study.schedule import review_line

        library = self.screen_stack[0]
        if isinstance(library, LibraryScreen):
            library.show_review(review_line(self.recorder))

    def keep_theme(self, theme: Theme) -> None:
        """Save a newly chosen theme in the settings, so the next run opens with it."""
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            try:
                self.settings.save(self.locations)
            except OSError as error:
                self.notify(f"Could not save the theme: {error}", severity="warning")

    # --- opening scenarios -----------------------------------------------------------

    def open_entry(self, entry: LibraryEntry) -> None:
        self.open_path(Path(entry.path))

    def open_path(self, path: Path, mode: Mode | None = None, retry: bool = False) -> None:
        """Load `path`; offer resume/restart/retry where there is a choice, then start the walk."""
        from tutor.scenario.problems import ScenarioError
        from tutor.study.offers import offer
        from tutor.study.playable import load_playable
        from tutor.ui.screens.problems import ProblemsScreen
        from tutor.ui.screens.start import StartScreen

        try:
            playable = load_playable(path)
        except ScenarioError as error:
            self.push_screen(ProblemsScreen(path, error.problems))
            return
        start = offer(self.recorder, playable, self.minutes)
        if retry and start.missed:
            self.begin(playable, "retry")
            return
        if mode is not None and start.saved is None:
            self.begin(playable, "timed" if mode == "exam" and self.minutes else mode)
            return
        self.push_screen(StartScreen(start), lambda choice: self.begin(playable, choice) if choice else None)

    def begin(self, playable: Playable, choice: str) -> None:
        """Start the walk `choice` asks for ("resume", "tutor", "exam", "timed" or "retry")."""
        from tutor.study.offers import begin, offer
        from tutor.ui.screens.scenario import ScenarioScreen

        start = offer(self.recorder, playable, self.minutes)
        self.push_screen(ScenarioScreen(begin(self.recorder, playable, start, choice)))

    def retry(self, walk: Walk) -> None:
        """Replay the questions `walk` missed."""
        self.begin(walk.playable, "retry")

    # --- review, stats, help ---------------------------------------------------------

    def start_review(self, exit_when_done: bool = False) -> None:
        from tutor.ui.screens.review import ReviewRun

        ReviewRun(self, exit_when_done).start()

    def action_review(self) -> None:
        self.start_review()

    def action_stats(self) -> None:
        from tutor.ui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.recorder, self.locations))

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.recorder.close()


def run_app(args: argparse.Namespace, locations: Locations) -> int:
    """`qi-tutor` and `qi-tutor play [ID-OR-FILE] [--mode] [--retry]`: the full-screen tutor."""
    path = None
    if getattr(args, "scenario", None):
        path = find(locations, args.scenario)
    app = TutorApp(
        locations,
        path,
        getattr(args, "mode", "tutor"),
        getattr(args, "retry", False),
        minutes=getattr(args, "minutes", None),
        watch=getattr(args, "watch", False),
    )
    return exit_status(app, app.run())


def run_review_app(args: argparse.Namespace, locations: Locations) -> int:
    """`qi-tutor review [--limit N]`: the due questions, then exit."""
    app = TutorApp(locations, review=True)
    app.review_limit = getattr(args, "limit", None)
    return exit_status(app, app.run())


def exit_status(app: TutorApp, result: int | None) -> int:
    """The app's own result, or CRASHED when it ended on an unhandled error (Textual sets return_code 1)."""
    if app.return_code:
        return exit_codes.CRASHED
    return result or exit_codes.OK
