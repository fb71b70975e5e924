"""Start-up: launch to the first rendered library, against a bare Textual app, in the same run.

The bare app has the same Header, Footer and an OptionList of the same rows (the
library's own text, handed over in a JSON file so it pays nothing to find them), so
the ratio is what the tutor adds over Textual itself: importing its modules, scanning
the banks (from the library index once it is cached) and building the screen. Each
round starts both as fresh processes, one after the other, and exits each as soon as
its first frame is rendered; the median of the per-round ratios is reported. Goal:
at most 1.3x.

    .venv/bin/python bench/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.3


def run_tutor() -> None:
    from tutor.paths import Locations
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.library import LibraryScreen

    app = TutorApp(Locations.resolve())

    async def first_frame(pilot) -> None:
        while not isinstance(app.screen, LibraryScreen):
            await pilot.pause()
        await pilot.pause()
        app.exit()

    app.run(headless=True, auto_pilot=first_frame, size=(100, 30))


def run_bare(rows_file: str) -> None:
    from textual.app import App, ComposeResult
    from textual.content import Content
    from textual.widgets import Footer, Header, OptionList

    rows = json.loads(Path(rows_file).read_text(encoding="utf-8"))

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield OptionList(*(Content(row) for row in rows))
            yield Footer()

    app = Bare()

    async def first_frame(pilot) -> None:
        await pilot.pause()
        app.exit()

    app.run(headless=True, auto_pilot=first_frame, size=(100, 30))


def library_rows(env: dict[str, str]) -> list[str]:
    """The rows the library shows, as plain text (scanned once here, outside the timing)."""
    code = (
        "import json; from tutor.paths import Locations; from tutor.scenario.bank import read_library;"
        "from tutor.study.library import by_case, scenario_line;"
        "entries, course = read_library(Locations.resolve());"
        "rows = ['Review: nothing scheduled yet; play a scenario first', 'Progress and statistics'];"
        "[rows.extend([g.heading, *('  ' + scenario_line(e, course, None, False) for e in g.entries)])"
        " for g in by_case(entries, course)];"
        "print(json.dumps(rows))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--child", choices=["tutor", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "tutor":
        run_tutor()
        return
    if args.child == "bare":
        run_bare(args.rows)
        return
    with tempfile.TemporaryDirectory() as data_dir:
        env = dict(os.environ, QI_TUTOR_DATA_DIR=data_dir, TEXTUAL_ANIMATIONS="none")
        env.pop("QI_TUTOR_BANK", None)
        cold = timed(["--child", "tutor"], env)  # a first launch: builds the library index
        rows_file = Path(data_dir) / "rows.json"
        rows = library_rows(env)
        rows_file.write_text(json.dumps(rows), encoding="utf-8")
        bare_times, tutor_times, ratios = [], [], []
        for _ in range(args.rounds):
            bare = timed(["--child", "bare", "--rows", str(rows_file)], env)
            tutor = timed(["--child", "tutor"], env)
            bare_times.append(bare)
            tutor_times.append(tutor)
            ratios.append(tutor / bare)
    ratio = statistics.median(ratios)
    print(f"rounds: {args.rounds} (interleaved, fresh processes, {len(rows)} rows)")
    print(f"bare Textual app, median:      {statistics.median(bare_times) * 1000:7.0f} ms")
    print(f"qi-tutor library, median:      {statistics.median(tutor_times) * 1000:7.0f} ms")
    print(f"qi-tutor first launch (cold):  {cold * 1000:7.0f} ms (builds the library index)")
    print(f"median ratio: {ratio:.2f}x (goal at most {GOAL}x) -> {'met' if ratio <= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()
