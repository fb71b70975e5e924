"""Progress: attempts per scenario, best and latest scores, weak steps, common mistakes, the trend."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from tutor.paths import Locations
from tutor.store.stats import Stats, compute
from tutor.study.recorder import Recorder
from tutor.study.timing import time_rows
from tutor.ui.render import inert
from tutor.ui.widgets.court import heading


def misconception_labels(locations: Locations) -> dict[str, str]:
    """Labels for the misconception keys, from every bank's vocabulary that loads."""
    from tutor.scenario.load import MISCONCEPTIONS_FILE, load_model
    from tutor.scenario.model import MisconceptionFile
    from tutor.scenario.problems import ScenarioError

    labels: dict[str, str] = {}
    for bank in locations.banks:
        path = bank / MISCONCEPTIONS_FILE
        try:
            vocabulary, _ = load_model(path, MisconceptionFile) if path.is_file() else (None, None)
        except ScenarioError:
            continue  # `qi-tutor check` reports it; the stats fall back to the key
        if vocabulary is not None:
            labels.update({key: m.label for key, m in vocabulary.misconceptions.items()})
    return labels


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def stats_widgets(stats: Stats) -> list[Widget]:
    if not stats.answers:
        return [Static("No answers yet. Pick a scenario in the library to start.", markup=False)]
    found: list[Widget] = [Static(f"{stats.answers} answers recorded.", markup=False), heading("Scenarios")]
    rows = [
        inert(
            f"{s.scenario_id}: {s.attempts} attempt(s), {s.finished} finished, best {percent(s.best)}, "
            f"latest {percent(s.latest)}"
        )
        for s in stats.scenarios
    ]
    found.append(Static(Content("\n").join(rows), classes="table"))
    found.append(heading("Accuracy by step (weakest first)"))
    weakest = sorted(stats.steps, key=lambda s: s.accuracy)
    found.append(
        Static(
            Content("\n").join(
                inert(
                    f"{s.label}: full marks on {s.full_marks} of {s.answered} ({percent(s.accuracy)}); "
                    f"you miss these {percent(s.miss_rate)} of the time"
                )
                for s in weakest
            ),
            classes="table",
        )
    )
    if stats.misconceptions:
        cut = stats.misconceptions_cut()
        found.append(heading("The mistakes you make most" + (f" (the top {cut})" if cut else "")))
        found.append(
            Static(
                Content("\n").join(inert(f"{m.label}: {m.count} time(s)") for m in stats.misconceptions),
                classes="table",
            )
        )
    timed = time_rows(stats)
    if timed:
        found.append(heading("Time per question"))
        found.append(Static(Content("\n").join(inert(line) for line in timed), classes="table"))
    if stats.trend:
        found.append(heading("Trend (full marks per day)"))
        found.append(
            Static(
                Content("\n").join(
                    Content(f"{t.day}  {'█' * round(t.accuracy * 20):<20}  {percent(t.accuracy)} of {t.answered}")
                    for t in stats.trend
                ),
                classes="table",
            )
        )
    return found


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Back", id="stats-back")]

    def __init__(self, recorder: Recorder, locations: Locations) -> None:
        super().__init__()
        self.recorder, self.locations = recorder, locations

    def compose(self) -> ComposeResult:
        yield Header()
        labels = misconception_labels(self.locations)
        stats = self.recorder.use(lambda store: compute(store, labels), Stats())
        yield VerticalScroll(*stats_widgets(stats), id="stats")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = "qi-tutor", "Progress and statistics"
        self.query_one("#stats").focus()
