"""Progress: attempts per scenario, best and latest scores, weak steps, common mistakes, the trend."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.store.stats import Stats, compute
from tutor.ui.progress import Progress
from tutor.ui.render import plain
from tutor.ui.widgets.court import heading


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def stats_widgets(stats: Stats) -> list[Static]:
    if not stats.answers:
        return [Static("No answers yet. Pick a scenario in the library to start.", markup=False)]
    found = [Static(f"{stats.answers} answers recorded.", markup=False), heading("Scenarios")]
    rows = [plain(f"{s.scenario_id}: {s.attempts} attempt(s), {s.finished} finished, best {percent(s.best)}, "
                  f"latest {percent(s.latest)}") for s in stats.scenarios]
    found.append(Static(Content("\n").join(rows), classes="table"))
    found.append(heading("Accuracy by step (weakest first)"))
    weakest = sorted(stats.steps, key=lambda s: s.accuracy)
    found.append(Static(Content("\n").join(
        plain(f"{s.label}: full marks on {s.full_marks} of {s.answered} ({percent(s.accuracy)}); "
              f"you miss these {percent(s.miss_rate)} of the time") for s in weakest), classes="table"))
    if stats.misconceptions:
        found.append(heading("The mistakes you make most"))
        found.append(Static(Content("\n").join(plain(f"{m.label}: {m.count} time(s)") for m in stats.misconceptions),
                            classes="table"))
    if stats.trend:
        found.append(heading("Trend (full marks per day)"))
        found.append(Static(Content("\n").join(
            Content(f"{t.day}  {'█' * round(t.accuracy * 20):<20}  {percent(t.accuracy)} of {t.answered}")
            for t in stats.trend), classes="table"))
    return found


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Back", id="stats-back")]

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        yield Header()
        stats = self.progress.call(compute, Stats())
        yield VerticalScroll(*stats_widgets(stats), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = "qi-tutor", "Progress and statistics"
        self.query_one("#stats").focus()
