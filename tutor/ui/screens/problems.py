"""A scenario that failed its checks: every problem the checker found, instead of a crash."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.scenario.problems import Problem
from tutor.ui.render import inert


class ProblemsScreen(Screen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Back", id="problems-back")]

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__()
        self.path, self.problems = path, problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            yield Static(
                inert(f"This scenario cannot be played: {len(self.problems)} problem(s) in {self.path}", "bold"),
                classes="heading",
            )
            yield Static(
                "Fix these in the file (or ask its author to), then open it again. "
                "`qi-tutor validate FILE` prints the same list.",
                markup=False,
            )
            for problem in self.problems:
                text = problem.render() + (f"\n  fix: {problem.hint}" if problem.hint else "")
                yield Static(inert(text), classes="problem")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Scenario problems"
