"""What showing each inline quote's pin costs: pinning a scenario's every quoted span, against loading it.

Not a test: run it by hand, `python bench/bench_pins.py [--rounds 5]`.

Play pins the words prose puts in double quotes as it shows them (`tutor.study.quoted`),
each span searched once in the shipped texts and kept. This measures the worst a walk can
meet, every span of a scenario pinned from cold, against the baseline a student already
waits for: `load_playable` (read, validate, check) of the same scenario, from cold. "In
play" pins right after the load, as a walk does, reusing the texts the checker read; "cold"
clears the texts' cache first, so every text a span needs is read again. Each ratio is the
median over rounds, per scenario, in this run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor.checker.prose_checks import NOT_PROSE  # noqa: E402
from tutor.checker.text_checks import loaded_strings  # noqa: E402
from tutor.scenario.bank import bank_files  # noqa: E402
from tutor.scenario.load import load_scenario  # noqa: E402
from tutor.sources import text  # noqa: E402
from tutor.sources.spans import quoted_spans  # noqa: E402
from tutor.study.playable import Playable, load_playable  # noqa: E402
from tutor.study.quoted import quoted_words  # noqa: E402


def spans_of(path: Path) -> list[str]:
    _, loaded = load_scenario(path)
    return [s for _, t in loaded_strings(loaded.data, (), NOT_PROSE, keys=False) for s in quoted_spans(t)]


def pin_all(playable: Playable, spans: list[str]) -> float:
    start = time.perf_counter()
    pins = quoted_words(playable.scenario, playable.folder, playable.context)
    for span in spans:
        pins.pin(span)
    return time.perf_counter() - start


def one_round(path: Path, spans: list[str]) -> tuple[float, float, float]:
    """(load from cold, then pin every span as play does, then pin every span with no text read yet)."""
    text._cached.cache_clear()
    start = time.perf_counter()
    playable = load_playable(path)
    loaded = time.perf_counter() - start
    in_play = pin_all(playable, spans)
    text._cached.cache_clear()
    return loaded, in_play, pin_all(playable, spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{'scenario':16} {'spans':>5} {'load ms':>8} {'in play ms':>10} {'ratio':>6} {'cold ms':>8} {'ratio':>6}")
    in_play_ratios, cold_ratios = [], []
    for path in bank_files(ROOT / "scenarios"):
        spans = spans_of(path)
        rounds = [one_round(path, spans) for _ in range(args.rounds)]
        load, in_play, cold = (statistics.median(r[i] for r in rounds) for i in range(3))
        in_play_ratios.append(statistics.median(r[1] / r[0] for r in rounds))
        cold_ratios.append(statistics.median(r[2] / r[0] for r in rounds))
        print(
            f"{path.stem:16} {len(spans):5} {load * 1000:8.1f} {in_play * 1000:10.1f} {in_play_ratios[-1]:6.2f}"
            f" {cold * 1000:8.1f} {cold_ratios[-1]:6.2f}"
        )
    print(
        f"pinning every span, against loading: in play median {statistics.median(in_play_ratios):.2f}"
        f" (worst {max(in_play_ratios):.2f}); cold median {statistics.median(cold_ratios):.2f}"
        f" (worst {max(cold_ratios):.2f})"
    )


if __name__ == "__main__":
    main()
