"""The shape of a scenario: its edges, what is reachable, cycles, dead ends, the court's path.

A scenario is a directed graph of decision points. Every node must be reachable from
`start`, the graph must be acyclic, and every path must end at an `end` node; the
checker reports each failure at the `next` that causes it. `tutor.checker.walk`
computes score ranges over the same edges.

Edges follow the engine's rules (`tutor.engine.session`): a `select: one` choice goes
to its own `next` or else the node's; under `select: many` only a wrong pick's
`next` branches (full marks always go on to the node's `next`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tutor.scenario.model import ChoiceNode, EndNode, FactorsNode, Scenario, ShortNode
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
                found.append((edge, [*path[path.index(edge.target) :], edge.target]))
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
                    yield (
                        node_id,
                        ("nodes", node_id, "choices", number),
                        f"choice {choice.id} has no next and the node has none",
                    )
        else:
            yield node_id, ("nodes", node_id), "the node has no next"


def topological_order(scenario: Scenario) -> list[str]:
    """The nodes reachable from `start`, each after every node leading to it. Raises ValueError on a cycle."""
    live = reachable(scenario)
    waiting = dict.fromkeys(live, 0)
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


def next_node(
    node: ChoiceNode | FactorsNode | ShortNode | EndNode, chosen: Sequence[str], full_marks: bool
) -> str | None:
    """Where a walk goes after an answer: the one definition of branching, which `edges` draws.

    A `select: one` choice goes to its own `next` or else the node's; under `select:
    many` a wrong pick's `next` branches unless the answer earned full marks.
    """
    if isinstance(node, EndNode):
        return None
    if isinstance(node, ChoiceNode):
        if node.select == "one":
            picked = next(c for c in node.choices if c.id == chosen[0])
            return picked.next or node.next
        if not full_marks:
            for choice in node.choices:
                if choice.id in chosen and not choice.correct and choice.next:
                    return choice.next
    return node.next


def question_counts(scenario: Scenario) -> tuple[int | None, int | None]:
    """The fewest and most question nodes on a walk from start to an end (None if the graph is unsound)."""
    try:
        order = topological_order(scenario)
    except ValueError:  # a cycle: the checker reports it
        return None, None
    fewest: dict[str, int] = {}
    most: dict[str, int] = {}
    if order:
        first = int(not isinstance(scenario.nodes[order[0]], EndNode))
        fewest[order[0]] = most[order[0]] = first
    for node_id in order:
        if node_id not in fewest:
            continue
        for nxt in successors(scenario, node_id):
            step = int(not isinstance(scenario.nodes[nxt], EndNode))
            fewest[nxt] = min(fewest.get(nxt, fewest[node_id] + step), fewest[node_id] + step)
            most[nxt] = max(most.get(nxt, most[node_id] + step), most[node_id] + step)
    ends = [n for n in fewest if isinstance(scenario.nodes[n], EndNode)]
    if not ends:
        return None, None
    return min(fewest[n] for n in ends), max(most[n] for n in ends)
