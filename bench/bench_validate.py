"""How fast `qi-tutor validate` is, as ratios against baselines measured in the same run.

Not a test: run it by hand, `python bench/bench_validate.py [--files 1000] [--rounds 5]`.
The machine this project is measured on drifts by up to 2x between minutes, so
every command runs once per round, round-robin, and
each ratio is the median of the per-round ratios: drift hits both sides alike.

Goals (issue 2):
- validate of 1,000 generated ~25 KB scenarios, every guard on: at most 1.6x a bare
  `yaml.load(..., CSafeLoader)` of the same files; with `--jobs 2`, below 1.0x;
- validate of one file, whole process: at most 1.2x `python -c "import yaml, tutor.scenario.model"`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

BARE_LOAD = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("generated-*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _as_installed(temporary: Path) -> None:
    """Let child processes cache bytecode, as an installed package does.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI images), every run
    would recompile each of our modules from source: a cost no installed user pays,
    and one that falls on validate (many modules) more than on the import baseline.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(temporary / "pycache")


def _rounds(commands: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for number in range(rounds):
        for name, command in commands.items():
            times[name].append(command())
        print(
            f"  round {number + 1}/{rounds}: " + ", ".join(f"{n} {t[-1]:.2f}s" for n, t in times.items()),
            file=sys.stderr,
        )
    return times


def _ratio(times: dict[str, list[float]], measured: str, baseline: str) -> float:
    return statistics.median(m / b for m, b in zip(times[measured], times[baseline], strict=True))


def _in_process(folder: Path) -> Callable[[], float]:
    """Every guard, without process start-up: load_model on every file (parse + pydantic)."""
    from tutor.scenario.load import load_scenario

    paths = sorted(folder.glob("generated-*.yaml"))

    def run() -> float:
        started = time.perf_counter()
        for path in paths:
            load_scenario(path)
        return time.perf_counter() - started

    return run


def _bare_in_process(folder: Path) -> Callable[[], float]:
    import yaml

    paths = sorted(folder.glob("generated-*.yaml"))

    def run() -> float:
        started = time.perf_counter()
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        return time.perf_counter() - started

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="qi-bench-") as temporary:
        folder = Path(temporary) / "bank"
        paths = corpus.write_bank(folder, options.files)
        sizes = [p.stat().st_size for p in paths]
        os.environ["QI_TUTOR_DATA_DIR"] = str(Path(temporary) / "data")
        _as_installed(Path(temporary))
        print(f"{len(paths)} scenarios, {statistics.mean(sizes) / 1000:.1f} KB each on average", file=sys.stderr)

        print("in process: load_scenario (every guard + pydantic) vs bare CSafeLoader", file=sys.stderr)
        loads = _rounds({"bare": _bare_in_process(folder), "load": _in_process(folder)}, options.rounds)

        print("whole process, all files", file=sys.stderr)
        validate = [python, "-m", "tutor", "validate"]
        _run([*validate, str(paths[0])])  # warm up: write the bytecode cache
        many = _rounds(
            {
                "bare": lambda: _run([python, "-c", BARE_LOAD, str(folder)]),
                "validate": lambda: _run([*validate, str(folder)]),
                "jobs2": lambda: _run([*validate, "--jobs", "2", str(folder)]),
            },
            options.rounds,
        )
        print("whole process, one file", file=sys.stderr)
        one = _rounds(
            {
                "imports": lambda: _run([python, "-c", "import yaml, tutor.scenario.model"]),
                "validate": lambda: _run([*validate, str(paths[0])]),
            },
            options.rounds * 3,
        )
    rows = [
        (
            "load_scenario of every file, in process / bare CSafeLoader load",
            _ratio(loads, "load", "bare"),
            1.6,
            loads["load"],
        ),
        (
            "validate DIR / bare CSafeLoader load of the same files",
            _ratio(many, "validate", "bare"),
            1.6,
            many["validate"],
        ),
        (
            "validate --jobs 2 DIR / bare CSafeLoader load, one process",
            _ratio(many, "jobs2", "bare"),
            1.0,
            many["jobs2"],
        ),
        (
            "validate FILE / python -c 'import yaml, tutor.scenario.model'",
            _ratio(one, "validate", "imports"),
            1.2,
            one["validate"],
        ),
    ]
    print(f"\n{'measure':<70} {'ratio':>6} {'goal':>6}  median s")
    for name, ratio, goal, seconds in rows:
        print(f"{name:<70} {ratio:6.2f} {goal:6.2f}  {statistics.median(seconds):.3f}")
    print(
        f"bare CSafeLoader, whole process: {statistics.median(many['bare']):.2f} s; in process: "
        f"{statistics.median(loads['bare']):.2f} s"
    )


if __name__ == "__main__":
    main()
