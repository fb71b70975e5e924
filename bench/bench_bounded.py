"""How the quote check, the opinion view and the YAML loader bear hostile input, as ratios in one run.

Not a test: run it by hand, `python bench/bench_bounded.py [--rounds 5]`.

Goals (issue 9):
- the quote check (source read and normalised with its 4 KB errata file, then one
  ellipsis quote searched, tests/hostile.py's red-team shape) near-linear: growth
  exponent log(t2/t1) / log(s2/s1) at most 1.2 between 500 KB and 4 MB;
- opening the opinion view on a 4 MB source costs about what it costs on a 40 KB one;
- YAML with a problem on every line (tests/scenario/test_yamlload.py's files) parsed in
  time linear in its lines (about 10x its own first tenth), and the alias bomb refused
  in about what a clean parse of its nine lines costs.

Every measurement runs once per round, round-robin, and each ratio is the median of
the per-round ratios, so the machine's drift hits both sides alike. The quote check is
also reported against a linear baseline of the same size measured in the same round
(reading the file and `str.split()`), so "x baseline" stays put when the check is linear.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402
from tests.scenario.test_yamlload import ALIAS_BOMB, MANY_SMALL_PROBLEMS  # noqa: E402
from tutor.scenario.problems import ScenarioError  # noqa: E402
from tutor.scenario.yamlload import parse_yaml  # noqa: E402
from tutor.sources import text as source_module  # noqa: E402
from tutor.sources.quotes import search_quote  # noqa: E402
from tutor.sources.text import source_text  # noqa: E402

SIZES = {"50 KB": 50_000, "500 KB": 500_000, "4 MB": 3_900_000}  # 4 MB: just under the source cap


def _quote_check(path: Path) -> Callable[[], float]:
    def run() -> float:
        source_module._cached.cache_clear()  # measure the whole check, not the cache
        started = time.perf_counter()
        search_quote(hostile.QUOTE, source_text(path))
        return time.perf_counter() - started

    return run


def _linear(path: Path) -> Callable[[], float]:
    def run() -> float:
        started = time.perf_counter()
        len(path.read_text(encoding="utf-8").split())
        return time.perf_counter() - started

    return run


def _opinion_bank(folder: Path, lines: int) -> Path:
    bank = folder / f"bank-{lines}"
    shutil.copytree(ROOT / "tests" / "data" / "bank", bank)
    opinion = bank / "sources" / "mini-opinion.txt"
    filler = "".join(f"Filler paragraph {n} of the record, long enough to be a line.\n" for n in range(lines // 2))
    opinion.write_text(filler + opinion.read_text(encoding="utf-8") + filler, encoding="utf-8")
    return bank / "mini.yaml"


def _open_opinion(scenario: Path, data_dir: Path) -> Callable[[], float]:
    from tutor.paths import Locations
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.opinion import OpinionScreen
    from tutor.ui.screens.scenario import ScenarioScreen

    async def measure() -> float:
        for stale in data_dir.glob("*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        app = TutorApp(Locations(data_dir=data_dir), scenario, "tutor", False, False)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            while not isinstance(app.screen, ScenarioScreen):
                await pilot.pause(0.01)
            await pilot.press("1", "enter")
            await pilot.pause(0.05)
            started = time.perf_counter()
            await pilot.press("o")
            while not (isinstance(app.screen, OpinionScreen) and app.screen.query("#opinion-hit")):
                await pilot.pause(0)
            await pilot.pause()  # the first layout and render of the screen
            return time.perf_counter() - started

    return lambda: asyncio.run(measure())


def _parse(text: str) -> Callable[[], float]:
    def run() -> float:
        started = time.perf_counter()
        with contextlib.suppress(ScenarioError):  # a refusal is the outcome; its time is what is measured
            parse_yaml(text, Path("bench.yaml"))
        return time.perf_counter() - started

    return run


def _clean_like(text: str) -> str:
    """A clean list with as many lines as `text` (and fewer bytes, so under the size cap too)."""
    return "- 1\n" * text.count("\n")


def _rounds(commands: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for number in range(rounds):
        for name, command in commands.items():
            times[name].append(command())
        print(f"  round {number + 1}/{rounds}: " + ", ".join(f"{n} {t[-1]:.3f}s" for n, t in times.items()))
    return times


def _ratio(times: dict[str, list[float]], measured: str, baseline: str) -> float:
    return statistics.median(m / b for m, b in zip(times[measured], times[baseline], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qi-bench-bounded-") as temporary:
        folder = Path(temporary)
        paths = {
            name: hostile.write_source(folder / "sources", name.replace(" ", ""), size) for name, size in SIZES.items()
        }
        sizes = {name: path.stat().st_size for name, path in paths.items()}
        commands: dict[str, Callable[[], float]] = {}
        for name, path in paths.items():
            commands[f"check {name}"] = _quote_check(path)
            commands[f"linear {name}"] = _linear(path)
        print("quote check (hostile source + 4 KB errata + one ellipsis quote):")
        times = _rounds(commands, options.rounds)
        for name in SIZES:
            print(
                f"  {name} ({sizes[name]:,} bytes): median {statistics.median(times[f'check {name}']):.3f}s, "
                f"{_ratio(times, f'check {name}', f'linear {name}'):.1f}x the linear baseline"
            )
        for small, large in (("50 KB", "500 KB"), ("500 KB", "4 MB")):
            ratio = _ratio(times, f"check {large}", f"check {small}")
            exponent = math.log(ratio) / math.log(sizes[large] / sizes[small])
            print(f"  growth {small} -> {large}: {ratio:.1f}x the time, exponent {exponent:.2f} (goal <= 1.2)")

        print("opening the opinion view:")
        small_bank = _opinion_bank(folder, 640)  # about 40 KB
        large_bank = _opinion_bank(folder, 60_000)  # about 3.9 MB
        print(
            f"  sources: {(small_bank.parent / 'sources' / 'mini-opinion.txt').stat().st_size:,} and "
            f"{(large_bank.parent / 'sources' / 'mini-opinion.txt').stat().st_size:,} bytes"
        )
        views = _rounds(
            {
                "40 KB": _open_opinion(small_bank, folder / "data-small"),
                "4 MB": _open_opinion(large_bank, folder / "data-large"),
            },
            options.rounds,
        )
        print(f"  4 MB / 40 KB: {_ratio(views, '4 MB', '40 KB'):.2f}x (goal: about 1)")

    print("hostile YAML: against a clean file with as many lines, and against its own first tenth:")
    files = {**MANY_SMALL_PROBLEMS, "alias bomb": ALIAS_BOMB}
    parses: dict[str, Callable[[], float]] = {}
    for name, text in files.items():
        lines = text.splitlines(keepends=True)
        parses[name] = _parse(text)
        parses[f"clean {name}"] = _parse(_clean_like(text))
        parses[f"tenth {name}"] = _parse("".join(lines[: max(1, len(lines) // 10)]))
    taken = _rounds(parses, options.rounds)
    for name, text in files.items():
        line = f"  {name} ({text.count(chr(10)):,} lines): median {statistics.median(taken[name]):.3f}s, "
        line += f"{_ratio(taken, name, f'clean {name}'):.1f}x the clean file"
        if text.count("\n") >= 100:  # a tenth of the alias bomb's nine lines is not the same file
            line += f", {_ratio(taken, name, f'tenth {name}'):.1f}x its first tenth (linear: about 10)"
        print(line)


if __name__ == "__main__":
    main()
