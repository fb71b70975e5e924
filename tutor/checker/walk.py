"""`check --walk`: score ranges, question counts and the court's path, by dynamic programming.

Over the graph in topological order (never enumerating paths for the numbers), `walk`
computes for each end node the lowest and highest score reachable, the points offered,
the fewest and most questions on the way, and how many paths lead there; then the
court's path (every correct choice, each weighed factor's answer, the model answer)
and what it earns, which must be full marks; and lists paths only up to a cap.

Each answer's way out is scored as the engine scores it (`tutor.engine.scoring`): a
`select: one` choice earns its own points or the node's; under `select: many` full
marks go on to the node's next and a wrong pick's branch costs at least one share.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor import marks
from tutor.engine.scoring import score_node
from tutor.engine.session import court_response
from tutor.scenario.graph import court_path, successors, topological_order
from tutor.scenario.model import ChoiceNode, EndNode, FactorsNode, QuestionNode, Scenario


@dataclass(frozen=True)
class Way:
    """One way out of a node: where it leads and the lowest and highest score earned on the way."""

    target: str
    low: float
    high: float


def possible(node: QuestionNode) -> float:
    """The points a node can earn: a factors node with no weighed row is practice (0)."""
    if isinstance(node, FactorsNode) and not any(f.court_weighed for f in node.factors):
        return 0.0
    return node.points


def ways_out(node: QuestionNode) -> list[Way]:
    """The answers' ways out, scored as the engine scores them (`tutor.engine.scoring`)."""
    if isinstance(node, ChoiceNode) and node.select == "one":
        ways = []
        for choice in node.choices:
            earned = choice.points if choice.points is not None else (node.points if choice.correct else 0.0)
            if choice.next or node.next:
                ways.append(Way(choice.next or node.next, min(earned, node.points), min(earned, node.points)))  # type: ignore[arg-type]
        return ways
    ways = [Way(node.next, 0.0, possible(node))] if node.next else []
    if isinstance(node, ChoiceNode):
        # A wrong pick branches, and costs at least one correct pick's share.
        share = node.points / max(1, sum(c.correct for c in node.choices))
        ways += [Way(c.next, 0.0, node.points - share) for c in node.choices if not c.correct and c.next]
    return ways


@dataclass(frozen=True)
class Reach:
    """Every path from `start` to one node, summarised."""

    low: float  # lowest total score
    high: float  # highest total score
    offered: float  # the most points any path offers (what "high" is out of)
    fewest: int  # question nodes on the shortest path
    most: int  # question nodes on the longest path
    paths: int  # how many distinct node paths

    def then(self, node: QuestionNode, way: Way, other: Reach | None) -> Reach:
        """This reach extended through `node` by `way`, merged with what already reaches the way's target."""
        step = Reach(
            self.low + way.low,
            self.high + way.high,
            self.offered + possible(node),
            self.fewest + 1,
            self.most + 1,
            self.paths,
        )
        if other is None:
            return step
        low, fewest = min(step.low, other.low), min(step.fewest, other.fewest)
        return Reach(
            low,
            max(step.high, other.high),
            max(step.offered, other.offered),
            fewest,
            max(step.most, other.most),
            step.paths + other.paths,
        )


@dataclass(frozen=True)
class WalkResult:
    ends: dict[str, Reach]  # per end node reachable from start
    court_path: tuple[str, ...]
    court_earned: float  # what the court's answers earn along its path
    court_possible: float  # the points the court's path offers
    paths: tuple[tuple[str, ...], ...]  # at most max_paths, start to end
    total_paths: int

    @property
    def court_full_marks(self) -> bool:
        return marks.full(self.court_earned, self.court_possible)

    @property
    def truncated(self) -> bool:
        return self.total_paths > len(self.paths)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape `qi-tutor check --walk` prints."""
        ends = [
            {
                "end": end,
                "min_score": r.low,
                "max_score": r.high,
                "possible": r.offered,
                "min_questions": r.fewest,
                "max_questions": r.most,
                "paths": r.paths,
            }
            for end, r in self.ends.items()
        ]
        court = {
            "nodes": list(self.court_path),
            "score": self.court_earned,
            "possible": self.court_possible,
            "full_marks": self.court_full_marks,
        }
        return {
            "ends": ends,
            "court_path": court,
            "paths": [list(p) for p in self.paths],
            "path_count": self.total_paths,
        }


def _court_score(scenario: Scenario, path: list[str]) -> tuple[float, float]:
    """What the court's answers earn along its path, out of what the path offers, as the engine scores them."""
    earned = total = 0.0
    for node_id in path:
        node = scenario.nodes[node_id]
        if isinstance(node, EndNode):
            continue
        if isinstance(node, ChoiceNode):
            correct = sum(c.correct for c in node.choices)
            if correct == 0 or (node.select == "one" and correct > 1):
                continue  # the court's answer is undefined here; the checker reports it
        score = score_node(node, court_response(node))
        earned, total = earned + score.earned, total + score.possible
    return earned, total


def _list_paths(scenario: Scenario, order: list[str], cap: int) -> list[tuple[str, ...]]:
    """Up to `cap` start-to-end paths, depth first, never entering a node from which no end is reached."""
    ends_below = {n for n in order if isinstance(scenario.nodes[n], EndNode)}
    for node_id in reversed(order):
        if any(nxt in ends_below for nxt in successors(scenario, node_id)):
            ends_below.add(node_id)
    found: list[tuple[str, ...]] = []
    stack: list[tuple[str, ...]] = [(scenario.start,)] if scenario.start in ends_below else []
    while stack and len(found) < cap:
        path = stack.pop()
        if isinstance(scenario.nodes[path[-1]], EndNode):
            found.append(path)
            continue
        stack += [(*path, nxt) for nxt in reversed(successors(scenario, path[-1])) if nxt in ends_below]
    return found


def walk(scenario: Scenario, max_paths: int = 20) -> WalkResult:
    """Score ranges to every end, the court's path and score, and up to `max_paths` paths.

    Dynamic programming over the (node, answer) edges in topological order: linear in
    the graph's size however many paths there are. Raises ValueError on a cycle.
    """
    order = topological_order(scenario)
    reach: dict[str, Reach] = {scenario.start: Reach(0.0, 0.0, 0.0, 0, 0, 1)} if order else {}
    for node_id in order:
        node = scenario.nodes[node_id]
        if isinstance(node, EndNode) or node_id not in reach:
            continue
        here = reach[node_id]
        best: dict[str, Way] = {}
        for way in ways_out(node):
            if way.target in scenario.nodes:
                seen = best.get(way.target)
                best[way.target] = Way(way.target, min(way.low, seen.low), max(way.high, seen.high)) if seen else way
        for target, way in best.items():
            reach[target] = here.then(node, way, reach.get(target))
    ends = {n: r for n, r in reach.items() if isinstance(scenario.nodes[n], EndNode)}
    court = court_path(scenario)
    earned, total = _court_score(scenario, court)
    return WalkResult(
        ends,
        tuple(court),
        earned,
        total,
        tuple(_list_paths(scenario, order, max_paths)),
        sum(r.paths for r in ends.values()),
    )
