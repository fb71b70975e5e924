"""What blind position strategies earn under the engine's order, against an order balanced over places.

Not a test: run it by hand, `python bench/bench_positions.py [--seeds 100]`.

The engine draws each question's order on its own from the attempt's seed
(`tutor.engine.order`). The alternative measured here spreads the right answers evenly
over the places: one pass over the scenario's one-answer questions (the court's path
first, then the rest), each right answer put in the place, counted from the first and
from the last, that has held fewest so far, ties broken by the seed. Both run the same
strategies through the real engine, as `tests/scenario/test_strategies.py` does:

- "option 1", which balancing exists to cap on every seed;
- "the place least used so far", which reads the earlier right answers' places from
  their feedback and so profits from any balancing.

Each figure is a share of the court's-path score, over seeds 0 to N-1 (each seed an
attempt), and the summary gives the ratios in this run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scenario.test_strategies import disputed, first, least_used_place, play, scenario  # noqa: E402
from tutor.engine.order import shown_order  # noqa: E402
from tutor.engine.session import Session  # noqa: E402
from tutor.scenario.bank import bank_files  # noqa: E402
from tutor.scenario.graph import court_path, topological_order  # noqa: E402
from tutor.scenario.model import ChoiceNode, Scenario  # noqa: E402

STRATEGIES = {"option 1": first, "the place least used so far": least_used_place}


def balanced(s: Scenario, seed: int) -> dict[str, list[str]]:
    """Each one-answer question's order with the right answer in its least-held place so far."""
    path = court_path(s)
    walk = path + [n for n in topological_order(s) if n not in path]
    held_first: dict[int, int] = {}
    held_last: dict[int, int] = {}
    ties = random.Random(f"balanced:{seed}:{s.id}")
    orders = {}
    for node_id in walk:
        node = s.nodes[node_id]
        if not isinstance(node, ChoiceNode) or node.select != "one" or not node.shuffle:
            continue
        right = [c.id for c in node.choices if c.correct]
        if len(right) != 1:
            continue
        k = len(node.choices)
        place = min(range(k), key=lambda p: (held_first.get(p, 0) + held_last.get(k - 1 - p, 0), ties.random()))
        held_first[place] = held_first.get(place, 0) + 1
        held_last[k - 1 - place] = held_last.get(k - 1 - place, 0) + 1
        rest = [i for i in shown_order([c.id for c in node.choices], node_id, seed) if i != right[0]]
        orders[node_id] = rest[:place] + right + rest[place:]
    return orders


@contextmanager
def balanced_orders() -> Iterator[None]:
    engine = Session.choice_order
    cache: dict[tuple[str, int], dict[str, list[str]]] = {}

    def choice_order(self: Session, node_id: str | None = None) -> list[str]:
        node_id = node_id or self.current_id or ""
        if self.seed is None:
            return engine(self, node_id)
        key = (self.scenario.id, self.seed)
        if key not in cache:
            cache[key] = balanced(self.scenario, self.seed)
        return cache[key].get(node_id) or engine(self, node_id)

    Session.choice_order = choice_order  # type: ignore[method-assign]
    try:
        yield
    finally:
        Session.choice_order = engine  # type: ignore[method-assign]


def shares(path: Path, seeds: range) -> dict[str, list[float]]:
    s, best = scenario(path)
    return {name: [play(s, pick, disputed, seed) / best for seed in seeds] for name, pick in STRATEGIES.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    seeds = range(parser.parse_args().seeds)
    paths = bank_files(ROOT / "scenarios")
    engine = {p.stem: shares(p, seeds) for p in paths}
    with balanced_orders():
        even = {p.stem: shares(p, seeds) for p in paths}
    print(f"share of the court's-path score over seeds 0-{seeds[-1]}: mean / worst seed")
    print(f"{'scenario':16} {'strategy':28} {'engine':>13} {'balanced':>13}")
    for stem in engine:
        for name in STRATEGIES:
            a, b = engine[stem][name], even[stem][name]
            print(
                f"{stem:16} {name:28} {statistics.mean(a):6.0%} {max(a):6.0%} {statistics.mean(b):6.0%} {max(b):6.0%}"
            )
    for name in STRATEGIES:
        a = [statistics.mean(engine[stem][name]) for stem in engine]
        b = [statistics.mean(even[stem][name]) for stem in even]
        worst_a = max(max(engine[stem][name]) for stem in engine)
        worst_b = max(max(even[stem][name]) for stem in even)
        print(
            f"{name}: mean over the bank {statistics.mean(a):.0%} (engine) against {statistics.mean(b):.0%} "
            f"(balanced), ratio {statistics.mean(b) / statistics.mean(a):.2f}; "
            f"worst seed {worst_a:.0%} against {worst_b:.0%}"
        )


if __name__ == "__main__":
    main()
