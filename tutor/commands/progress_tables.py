"""`qi-tutor stats` as Rich tables: scenarios, steps, misconceptions and the trend, each explained in words.

Every figure carries its meaning in a sentence as well as a column, because students
misread bare percentages (Anki added help text to its retention table for this).
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tutor.store.stats import Stats
from tutor.terminal_text import clean, raw_stream


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def _bar(share: float, width: int = 20) -> str:
    filled = round(share * width)
    return "#" * filled + "." * (width - filled)


def _table(title: str, *columns: tuple[str, str]) -> Table:
    """A table with (name, justify) columns; numbers go right-justified."""
    table = Table(title=title, title_justify="left")
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    return table


L, R = "left", "right"


def print_stats(stats: Stats, due: int, console: Console | None = None) -> None:
    # Rich writes its own colour codes, so it writes beneath the output guard, and every
    # value from the record (a scenario id, a misconception key) is `clean`ed here.
    console = console or Console(file=raw_stream(sys.stdout), highlight=False, emoji=False)
    if stats.empty:
        console.print(
            "No attempts yet. Play a scenario with `qi-tutor play` and your record starts here.", soft_wrap=True
        )
        return
    console.print(Text(f"{stats.answers} answers recorded.", style="bold"))

    scenarios = _table(
        "Scenarios",
        ("scenario", L),
        ("attempts", R),
        ("finished", R),
        ("best", R),
        ("latest", R),
        ("last played (UTC)", L),
    )
    for s in stats.scenarios:
        scenarios.add_row(
            Text(clean(s.scenario_id)),
            str(s.attempts),
            str(s.finished),
            _percent(s.best),
            _percent(s.latest),
            Text((s.last_played or "-")[:16].replace("T", " ")),  # Text: a stored value is never markup
        )
    console.print(scenarios)
    console.print("Best and latest are the share of the points in finished attempts.")

    steps = _table("By step, across all scenarios", ("step", L), ("answered", R), ("full marks", R), ("accuracy", R))
    for step in stats.steps:
        steps.add_row(Text(clean(step.label)), str(step.answered), str(step.full_marks), _percent(step.accuracy))
    console.print(steps)
    weakest = stats.weakest()
    if weakest is not None:
        console.print(
            Text(
                f"You miss {clean(weakest.label.lower())} questions {_percent(weakest.miss_rate)} of the time "
                f"({weakest.answered - weakest.full_marks} of {weakest.answered}).",
                style="bold",
            )
        )

    if stats.misconceptions:
        cut = stats.misconceptions_cut()
        title = "Misconceptions your wrong answers hit most" + (f" (the top {cut})" if cut else "")
        hits = _table(title, ("misconception", L), ("answers", R))
        for m in stats.misconceptions:
            hits.add_row(Text(clean(m.label)), str(m.count))
        console.print(hits)

    from tutor.study.timing import time_rows

    for line in time_rows(stats):
        console.print(Text(clean(line)))

    trend = _table(
        "Trend: share of answers with full marks, by day (UTC)", ("day", L), ("answered", R), ("accuracy", R), ("", L)
    )
    for point in stats.trend:
        trend.add_row(Text(point.day), str(point.answered), _percent(point.accuracy), _bar(point.accuracy))
    console.print(trend)
    console.print(f"{due} question(s) due for review" + (": run `qi-tutor review`." if due else "."))
