"""The shape of a scenario: its edges, what is reachable, cycles, dead ends, and the walk.

A scenario is a directed graph of decision points. Every node must be reachable from
`start`, the graph must be acyclic, and every path must end at an `end` node; the
checker reports each failure at the `next` that causes it. `walk` then computes, over
the graph in topological order (dynamic programming, never path enumeration), the
lowest and highest score and the fewest and most questions from `start` to each end,
the court's path and its score, and lists paths only up to a cap.

Edges follow the engine's rules (`tutor.engine.session`): a `select: one` choice goes
to its own `next` or else the node's; under `select: many` only a wrong pick's
`next` branches (full marks always go on to the node's `next`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tutor.engine.scoring import score_node
from tutor.engine.session import court_response
from tutor.scenario.model import ChoiceNode, EndNode, FactorsNode, QuestionNode, Scenario
from tutor.scenario.problems import Loc


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    choice: str | None  # the choice whose `next` this is; None for the node's own `next`
    loc: Loc  # where the `next` making this edge is written


def edges(scenario: Scenario, node_id: str) -> list[Edge]:
    """Every way out of a node, including edges to ids that do not exist."""
    node = scenario.nodes[node_id]
    if isinstance(node, EndNode):
        return []
    out = []
    if node.next is not None:
        out.append(Edge(node_id, node.next, None, ("nodes", node_id, "next")))
    if isinstance(node, ChoiceNode):
        for number, choice in enumerate(node.choices):
            if choice.next is not None and (node.select == "one" or not choice.correct):
                out.append(Edge(node_id, choice.next, choice.id, ("nodes", node_id, "choices", number, "next")))
    return out


def successors(scenario: Scenario, node_id: str) -> list[str]:
    """Existing nodes one step on, each once."""
    found = dict.fromkeys(e.target for e in edges(scenario, node_id) if e.target in scenario.nodes)
    return list(found)


def reachable(scenario: Scenario) -> set[str]:
    """Every node some path from `start` visits (empty when `start` names no node)."""
    if scenario.start not in scenario.nodes:
        return set()
    seen, todo = {scenario.start}, [scenario.start]
    while todo:
        for nxt in successors(scenario, todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def cycles(scenario: Scenario) -> list[tuple[Edge, list[str]]]:
    """Each cycle once, as the edge that closes it and the nodes around it (iterative DFS: no recursion limit)."""
    colour: dict[str, int] = {}  # 1: on the current path, 2: finished
    found = []
    for root in scenario.nodes:
        if root in colour:
            continue
        colour[root] = 1
        path, stack = [root], [iter(edges(scenario, root))]
        while stack:
            edge = next(stack[-1], None)
            if edge is None:
                colour[path.pop()] = 2
                stack.pop()
            elif edge.target in scenario.nodes and colour.get(edge.target) == 1:
                found.append((edge, path[path.index(edge.target) :] + [edge.target]))
            elif edge.target in scenario.nodes and edge.target not in colour:
                colour[edge.target] = 1
                path.append(edge.target)
                stack.append(iter(edges(scenario, edge.target)))
    return found


def dead_ends(scenario: Scenario) -> Iterator[tuple[str, Loc, str]]:
    """(node, where, why) for every answer after which the walk would have nowhere to go."""
    for node_id, node in scenario.nodes.items():
        if isinstance(node, EndNode) or node.next is not None:
            continue
        if isinstance(node, ChoiceNode) and node.select == "one":
            for number, choice in enumerate(node.choices):
                if choice.next is None:
                    yield node_id, ("nodes", node_id, "choices", number), f"choice {choice.id} has no next and the node has none"
        else:
            yield node_id, ("nodes", node_id), "the node has no next"


def topological_order(scenario: Scenario) -> list[str]:
    """The nodes reachable from `start`, each after every node leading to it. Raises ValueError on a cycle."""
    live = reachable(scenario)
    waiting = {n: 0 for n in live}
    for node_id in live:
        for nxt in successors(scenario, node_id):
            waiting[nxt] += 1
    order, ready = [], [n for n in live if waiting[n] == 0]
    while ready:
        node_id = ready.pop()
        order.append(node_id)
        for nxt in successors(scenario, node_id):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(live):
        raise ValueError("the scenario's graph has a cycle: walk needs an acyclic graph")
    return order


def court_path(scenario: Scenario) -> list[str]:
    """From `start`, the court's answer at every node (its one correct choice, else the node's next) to the end.

    Stops early where the court's answer is not well defined (no single correct choice,
    a missing node, a loop), so it is safe on a scenario that has not passed the checker.
    """
    path: list[str] = []
    node_id: str | None = scenario.start
    while node_id in scenario.nodes and node_id not in path:
        path.append(node_id)
        node = scenario.nodes[node_id]
        if isinstance(node, EndNode):
            break
        node_id = node.next
        if isinstance(node, ChoiceNode) and node.select == "one":
            right = [c for c in node.choices if c.correct]
            node_id = (right[0].next or node.next) if len(right) == 1 else None
    return path


# --- the walk: score ranges by dynamic programming ----------------------------------------


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
    fewest: int  # question nodes on the shortest path
    most: int  # question nodes on the longest path
    paths: int  # how many distinct node paths

    def then(self, way: Way, other: Reach | None) -> Reach:
        """This reach extended by one question and `way`, merged with what already reaches its target."""
        step = Reach(self.low + way.low, self.high + way.high, self.fewest + 1, self.most + 1, self.paths)
        if other is None:
            return step
        return Reach(min(step.low, other.low), max(step.high, other.high), min(step.fewest, other.fewest), max(step.most, other.most), step.paths + other.paths)


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
        return self.court_earned >= self.court_possible - 1e-9

    @property
    def truncated(self) -> bool:
        return self.total_paths > len(self.paths)

    def as_dict(self) -> dict[str, object]:
        return {
            "ends": {end: vars(reach) for end, reach in self.ends.items()},
            "court_path": list(self.court_path),
            "court_earned": self.court_earned,
            "court_possible": self.court_possible,
            "court_full_marks": self.court_full_marks,
            "paths": [list(p) for p in self.paths],
            "total_paths": self.total_paths,
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
    stack = [(scenario.start,)] if scenario.start in ends_below else []
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
    reach: dict[str, Reach] = {scenario.start: Reach(0.0, 0.0, 0, 0, 1)} if order else {}
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
            reach[target] = here.then(way, reach.get(target))
    ends = {n: r for n, r in reach.items() if isinstance(scenario.nodes[n], EndNode)}
    court = court_path(scenario)
    earned, total = _court_score(scenario, court)
    return WalkResult(ends, tuple(court), earned, total, tuple(_list_paths(scenario, order, max_paths)), sum(r.paths for r in ends.values()))
