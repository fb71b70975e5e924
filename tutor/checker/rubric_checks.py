"""The checker's rules for `short` nodes: the model answer earns full marks, and every example is marked as it says.

A rubric is keyword matching, so it is tested the way code is: each node carries
sample answers (`examples:`) with the marks they must get, and the checker marks each
one as the engine would (`tutor.engine.rubric.mark`). A disagreement names the item
at fault. A node must carry at least a right answer, one right answer that uses a
negation legitimately ("Reynoso saw no muzzle flash", so a rubric that ignores every
negated phrase fails it), a wrong one that uses the rubric's words (so a rubric that
only counts keywords fails it), and, when the rubric has more than one item, a partly
right one.
"""

from __future__ import annotations

from collections.abc import Iterator

from tutor import marks
from tutor.engine.rubric import mark, read, uses_words
from tutor.engine.scoring import score_node
from tutor.scenario.context import BankContext
from tutor.scenario.model import RubricExample, Scenario, ShortNode
from tutor.scenario.problems import LoadedFile, Problem


def _short_nodes(scenario: Scenario) -> Iterator[tuple[str, ShortNode]]:
    for node_id, node in scenario.nodes.items():
        if isinstance(node, ShortNode):
            yield node_id, node


def model_answers(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """The court's path includes the model answer, which must earn full marks on its own rubric."""
    for node_id, node in _short_nodes(scenario):
        marking = mark(node, node.model_answer)
        missed = [item_id for item_id, met in marking.met.items() if not met]
        why = []
        if missed:
            why.append(f"does not meet rubric item(s) {', '.join(missed)}")
        if marking.contradictions:
            why.append(f"meets contradiction(s) {', '.join(marking.contradictions)}")
        if marking.words > marking.max_words:
            why.append(f"has {marking.words} words, more than max_words ({marking.max_words})")
        if why:
            yield loaded.problem(
                ("nodes", node_id, "model_answer"),
                "model-answer-short",
                f"the model answer {'; '.join(why)}",
                "use one of each item's phrases in the model answer, in the item's polarity, or widen its `any`",
            )


def _disagreements(node: ShortNode, example: RubricExample) -> list[str]:
    """What the marking got wrong on one example, naming each item at fault."""
    marking = mark(node, example.answer)
    expected = set(example.meets)
    found = {item_id for item_id, met in marking.met.items() if met} | set(marking.contradictions)
    labels = {i.id: i.label for i in node.rubric} | {c.id: c.label for c in node.contradictions}
    faults = [f"it names no rubric item or contradiction {i}" for i in example.meets if i not in labels]
    for item_id, label in labels.items():
        kind = "contradiction" if item_id not in marking.met else "rubric item"
        if item_id in found and item_id not in expected:
            faults.append(f"{kind} {item_id} ({label}) is met, but the example says it is not")
        elif item_id in expected and item_id not in found:
            faults.append(f"{kind} {item_id} ({label}) is not met, but the example says it is")
    if marking.words > marking.max_words:
        faults.append(f"it has {marking.words} words, more than max_words ({marking.max_words}), so nothing is marked")
    return faults


def rubric_examples(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """Every example is marked as it says; each node has the right, wrong and partly right examples a rubric needs."""
    for node_id, node in _short_nodes(scenario):
        kinds: set[str] = set()
        for number, example in enumerate(node.examples):
            for fault in _disagreements(node, example):
                yield loaded.problem(
                    ("nodes", node_id, "examples", number),
                    "rubric-example",
                    f"example {number + 1}: {fault}",
                    "change the item's `any` or `polarity` (or add a contradiction) so the rubric marks the answer "
                    "as a reader would, or correct the example's `meets`",
                )
            kinds.add(_kind(node, example))
            if _kind(node, example) == "right" and any(read(example.answer).negators):
                kinds.add("right with a negation")
        wanted = ["right", "right with a negation", "wrong"] + (["partly right"] if len(node.rubric) > 1 else [])
        missing = [k for k in wanted if k not in kinds]
        if missing or len(node.examples) < 3:
            yield loaded.problem(
                ("nodes", node_id, "rubric"),
                "rubric-examples-missing",
                f"short node {node_id} has {len(node.examples)} example(s)"
                + (f"; missing: {'; '.join(_WANTED[k] for k in missing)}" if missing else ""),
                "add `examples:` (at least three): a right answer (one using a negation legitimately), a wrong "
                "answer that uses the rubric's words, and a partly right one, each with the items it `meets`",
                "warning",
            )


_WANTED = {
    "right": "a right answer",
    "right with a negation": "a right answer using a negation",
    "wrong": "a wrong answer in the rubric's words",
    "partly right": "a partly right answer",
}


def _kind(node: ShortNode, example: RubricExample) -> str:
    """right (full marks), partly right (half or more), or wrong (under half, using the rubric's words)."""
    earned = score_node(node, example.answer).earned  # as the engine marks it, contradictions and length too
    if marks.full(earned, node.points):
        return "right"
    if earned >= node.points / 2:
        return "partly right"
    words = read(example.answer)
    phrases = [p for item in node.rubric for p in item.any]
    return "wrong" if any(uses_words(words, p) for p in phrases) else "wrong without the rubric's words"
