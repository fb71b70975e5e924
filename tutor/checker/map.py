"""A scenario's tree for its author: every node with its step and type, the court's path, wrong turns, scores.

`qi-tutor map SCENARIO` prints it as indented text (`tree`) or as Graphviz `dot`.
The court's path is marked `*`; an edge that leaves it is a wrong turn, and an edge
from a wrong turn back onto it says where it rejoins. Each end shows the score range
`check --walk` computes for it (the fewest and most points a student who reaches it
can have, of the most the way there offers).
"""

from __future__ import annotations

from itertools import pairwise

from tutor.checker.walk import walk
from tutor.scenario import graph
from tutor.scenario.model import EndNode, Scenario


def _order(scenario: Scenario) -> list[str]:
    """Reachable nodes in walking order, then any the walk never reaches (the checker reports those)."""
    try:
        order = graph.topological_order(scenario)
    except ValueError:  # a cycle: the checker says where; the map still shows every node
        order = []
    return order + [n for n in scenario.nodes if n not in order]


def _kind(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes[node_id]
    return f"{node.step}, {node.type}"


def tree(scenario: Scenario) -> str:
    """The map as indented text, one node a line with its ways out below it."""
    court = graph.court_path(scenario)
    on_path = set(court)
    ends = walk(scenario, max_paths=0).ends
    lines = [
        f"{scenario.id}: {scenario.title}",
        "* the court's path; at an end, score A-B of C: the fewest and most points there, of the most the way offers",
        "",
    ]
    for node_id in _order(scenario):
        node = scenario.nodes[node_id]
        title = f" {node.title}" if node.title else ""
        mark = "*" if node_id in on_path else " "
        line = f"{mark} {node_id} [{_kind(scenario, node_id)}]{title}"
        if isinstance(node, EndNode) and node_id in ends:
            reach = ends[node_id]
            line += f": score {reach.low:g}-{reach.high:g} of {reach.offered:g}, {reach.fewest}-{reach.most} questions"
        lines.append(line)
        for edge in graph.edges(scenario, node_id):
            via = f"choice {edge.choice}" if edge.choice else "next"
            note = ""
            if node_id in on_path and edge.target not in on_path:
                note = " (wrong turn)"
            elif node_id not in on_path and edge.target in on_path:
                note = " (rejoins the court's path)"
            missing = "" if edge.target in scenario.nodes else " (no such node)"
            lines.append(f"    {via} -> {edge.target}{note}{missing}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot(scenario: Scenario) -> str:
    """The map as a Graphviz digraph: the court's path in bold, wrong turns dashed, choices on their edges."""
    court = graph.court_path(scenario)
    on_path = set(court)
    court_edges = set(pairwise(court))
    ends = walk(scenario, max_paths=0).ends
    out = [f"digraph {_quoted(scenario.id)} {{", "  rankdir=TB;", "  node [shape=box, fontname=Helvetica];"]
    for node_id in _order(scenario):
        node = scenario.nodes[node_id]
        label = f"{node_id}\\n{_kind(scenario, node_id)}"
        if isinstance(node, EndNode) and node_id in ends:
            reach = ends[node_id]
            label += f"\\nscore {reach.low:g}-{reach.high:g} of {reach.offered:g}"
        style = ", style=bold" if node_id in on_path else ""
        shape = ", shape=doubleoctagon" if isinstance(node, EndNode) else ""
        out.append(f'  {_quoted(node_id)} [label="{label}"{style}{shape}];')
    for node_id in _order(scenario):
        for edge in graph.edges(scenario, node_id):
            attrs = []
            if edge.choice:
                attrs.append(f"label={_quoted(edge.choice)}")
            if (edge.source, edge.target) in court_edges:
                attrs.append("style=bold")
            elif edge.source in on_path and edge.target not in on_path:
                attrs.append("style=dashed")
            suffix = f" [{', '.join(attrs)}]" if attrs else ""
            out.append(f"  {_quoted(edge.source)} -> {_quoted(edge.target)}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"
