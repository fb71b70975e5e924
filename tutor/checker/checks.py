"""The checker's rules that need more than one value: graph, references, dates, scoring sense.

The model (`tutor.scenario.model`) decides what one value may be; these rules decide
whether a valid-looking scenario makes sense as a whole: every `next` goes somewhere,
every key names something in the bank's vocabularies, every authority was decided by
the time the court is said to rely on it, and the court's path earns full marks.
Each rule is a small function yielding `Problem`s with its own code, pointed at the
line of the value at fault; `check_scenario` runs them all. Quote, source and pin
rules live in `tutor.checker.quote_checks`, key and date rules in
`tutor.checker.vocabulary_checks`, rubric rules in `tutor.checker.rubric_checks`,
test-taking cues in `tutor.checker.cue_checks`, the review record in
`tutor.checker.review_checks`; this module is the one entry point to them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from tutor.checker.cue_checks import cue_checks, shuffle_opt_out
from tutor.checker.doctrine_checks import quoted_later_notes, scenario_links, stale_doctrine, stale_later_notes
from tutor.checker.prose_checks import prose_quotes, readable, unfound_quotes
from tutor.checker.quote_checks import check_scenario_quotes, doctrine_quotes
from tutor.checker.review_checks import review_stale
from tutor.checker.rubric_checks import model_answers, rubric_examples
from tutor.checker.text_checks import bidi_overrides
from tutor.checker.vocabulary_checks import check_misconceptions, did_you_mean, doctrine_dates, fact_tabs
from tutor.scenario import graph
from tutor.scenario.context import BankContext
from tutor.scenario.model import (
    ChoiceNode,
    DoctrineFile,
    EndNode,
    FactorsNode,
    Scenario,
    ShortNode,
)
from tutor.scenario.problems import LoadedFile, Loc, Problem

Rule = Callable[[Scenario, LoadedFile, BankContext], Iterable[Problem]]


def _question_nodes(scenario: Scenario) -> Iterator[tuple[str, ChoiceNode | FactorsNode | ShortNode]]:
    for node_id, node in scenario.nodes.items():
        if not isinstance(node, EndNode):
            yield node_id, node


# --- graph -----------------------------------------------------------------------------


def dangling_references(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """A `start` or `next` naming no node would end a student's walk in the middle of nowhere."""
    known = scenario.nodes.keys()
    if scenario.start not in known:
        yield loaded.problem(
            ("start",), "dangling-start", f"start names no node: {scenario.start}", did_you_mean(scenario.start, known)
        )
    for node_id, node in _question_nodes(scenario):
        targets: list[tuple[Loc, str | None]] = [(("nodes", node_id, "next"), node.next)]
        if isinstance(node, ChoiceNode):
            targets += [(("nodes", node_id, "choices", n, "next"), c.next) for n, c in enumerate(node.choices)]
        for loc, target in targets:
            if target is not None and target not in known:
                yield loaded.problem(loc, "dangling-next", f"next names no node: {target}", did_you_mean(target, known))


def ignored_branches(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """Under `select: many` full marks always go on to the node's next, so a correct choice's `next` is never taken."""
    for node_id, node in _question_nodes(scenario):
        if isinstance(node, ChoiceNode) and node.select == "many":
            for number, choice in enumerate(node.choices):
                if choice.correct and choice.next is not None:
                    yield loaded.problem(
                        ("nodes", node_id, "choices", number, "next"),
                        "ignored-next",
                        f"choice {choice.id} is correct under select: many, so its next is never followed",
                        "move the branch to the node's next, or onto a wrong choice",
                        "warning",
                    )


def _has_dangling(scenario: Scenario) -> bool:
    return any(e.target not in scenario.nodes for n in scenario.nodes for e in graph.edges(scenario, n))


def graph_shape(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """Every node reachable, no cycles, no path that ends before an end node.

    Unreachable nodes are not reported while a `next` dangles: the misspelt `next` is
    almost always meant for them, and fixing it is the one change to make.
    """
    if scenario.start in scenario.nodes and not _has_dangling(scenario):
        live = graph.reachable(scenario)
        for node_id in scenario.nodes:
            if node_id not in live:
                yield loaded.problem(
                    ("nodes", node_id),
                    "unreachable-node",
                    f"node {node_id} cannot be reached from start",
                    "point a next at it, or delete it",
                )
    for edge, around in graph.cycles(scenario):
        yield loaded.problem(
            edge.loc,
            "cycle",
            f"the nodes {' -> '.join(around)} form a cycle",
            "every path must move on towards an end node",
        )
    for node_id, loc, why in graph.dead_ends(scenario):
        yield loaded.problem(
            loc, "dead-end", f"a path ends at {node_id} without reaching an end node: {why}", "give the node a next"
        )


# --- choices, factors, rubrics ------------------------------------------------------------


def duplicate_ids(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """Ids name answers in saved progress and in review; two alike would be confused."""
    lists: list[tuple[Loc, list[str]]] = [
        (("case", "sources"), [s.id for s in scenario.case.sources]),
        (("facts", "versions"), [v.id for v in scenario.facts.versions]),
    ]
    for node_id, node in _question_nodes(scenario):
        if isinstance(node, ChoiceNode):
            lists.append((("nodes", node_id, "choices"), [c.id for c in node.choices]))
        elif isinstance(node, FactorsNode):
            lists.append((("nodes", node_id, "factors"), [f.id for f in node.factors]))
            lists.append((("nodes", node_id, "scale"), [s.id for s in node.scale]))
        else:
            lists.append((("nodes", node_id, "rubric"), [r.id for r in node.rubric]))
            lists.append((("nodes", node_id, "contradictions"), [c.id for c in node.contradictions]))
    for loc, ids in lists:
        seen: set[str] = set()
        for number, item_id in enumerate(ids):
            if item_id in seen:
                yield loaded.problem(
                    (*loc, number, "id"),
                    "duplicate-id",
                    f"id {item_id} is used twice in this list",
                    "give each item its own id",
                )
            seen.add(item_id)
    for node_id, node in _question_nodes(scenario):
        if isinstance(node, ShortNode):
            rubric_ids = {r.id for r in node.rubric}
            for number, contradiction in enumerate(node.contradictions):
                if contradiction.id in rubric_ids:
                    yield loaded.problem(
                        ("nodes", node_id, "contradictions", number, "id"),
                        "duplicate-id",
                        f"id {contradiction.id} names a rubric item too",
                        "give each rubric item and contradiction its own id: an example's `meets` names both",
                    )


def choice_sense(scenario: Scenario, loaded: LoadedFile, context: BankContext) -> Iterator[Problem]:
    """The court's answer exists (once, for select one); credit never exceeds the node; wrong choices teach.

    A wrong choice without a misconception is only a warning: it still scores, but the
    student's weak spots cannot name what went wrong.
    """
    known = context.misconceptions.misconceptions
    for node_id, node in _question_nodes(scenario):
        if not isinstance(node, ChoiceNode):
            continue
        here = ("nodes", node_id)
        correct = sum(c.correct for c in node.choices)
        if node.select == "one" and correct != 1:
            yield loaded.problem(
                (*here, "choices"),
                "select-one-correct",
                f"select: one needs exactly one correct choice, this node has {correct}"
                + (f" ({', '.join(c.id for c in node.choices if c.correct)})" if correct else ""),
                "mark the court's answer `correct: true`, or use select: many",
            )
        if node.select == "many" and correct == 0:
            yield loaded.problem(
                (*here, "choices"),
                "select-many-correct",
                "select: many needs at least one correct choice",
                "mark each answer the court gave `correct: true`",
            )
        for number, choice in enumerate(node.choices):
            at = (*here, "choices", number)
            if choice.points is not None and choice.points > node.points:
                yield loaded.problem(
                    (*at, "points"),
                    "points-exceed",
                    f"choice {choice.id} is worth {choice.points:g}, more than the node's {node.points:g}",
                    "partial credit must not exceed the node's points",
                )
            if choice.misconception is not None and choice.misconception not in known:
                yield loaded.problem(
                    (*at, "misconception"),
                    "unknown-misconception",
                    f"no misconception {choice.misconception} in {context.misconceptions_file.path.name}",
                    did_you_mean(choice.misconception, known),
                )
            if not choice.correct and choice.misconception is None:
                yield loaded.problem(
                    at,
                    "missing-misconception",
                    f"wrong choice {choice.id} names no misconception",
                    "say which misconception it targets, so weak spots can be tracked",
                    "warning",
                )


def factor_answers(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """A factor's answer must be one of the options the student can pick."""
    for node_id, node in _question_nodes(scenario):
        if isinstance(node, FactorsNode):
            options = [s.id for s in node.scale]
            for number, factor in enumerate(node.factors):
                if factor.answer not in options:
                    yield loaded.problem(
                        ("nodes", node_id, "factors", number, "answer"),
                        "scale-answer",
                        f"answer {factor.answer} is not on the scale ({', '.join(options)})",
                        did_you_mean(factor.answer, options),
                    )


def court_voice(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """A node off the court's path is a wrong turn the court never took.

    It speaks in the tutor's voice, not the court's.
    """
    court = graph.court_path(scenario)
    if not court or not isinstance(scenario.nodes[court[-1]], EndNode):
        return  # the court's path is broken; the rule that breaks it says where
    live = graph.reachable(scenario)
    for node_id, node in _question_nodes(scenario):
        if node_id not in court and node.court is not None and node_id in live:
            yield loaded.problem(
                ("nodes", node_id, "court"),
                "court-speaker-analysis",
                f"node {node_id} is reached only through a wrong answer but speaks as the court",
                "use `analysis`: the tutor's own voice on where that reasoning leads",
                "warning",
            )


# A choice is read in one breath beside its rivals, and a label is a phrase on a grid or
# a rubric line: past these lengths the longest answer stands out, or the row wraps.
CHOICE_MAX_CHARS = 300
LABEL_MAX_CHARS = 100


def lengths(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    """Choices and labels short enough to read at a glance (a warning: the author may know better)."""
    for node_id, node in _question_nodes(scenario):
        items: list[tuple[str, int, str, int]] = []
        if isinstance(node, ChoiceNode):
            items += [("choices", n, c.text, CHOICE_MAX_CHARS) for n, c in enumerate(node.choices)]
        if isinstance(node, FactorsNode):
            items += [("factors", n, f.label, LABEL_MAX_CHARS) for n, f in enumerate(node.factors)]
        if isinstance(node, ShortNode):
            items += [("rubric", n, r.label, LABEL_MAX_CHARS) for n, r in enumerate(node.rubric)]
        for kind, number, text, limit in items:
            if len(text) > limit:
                key = "text" if kind == "choices" else "label"
                yield loaded.problem(
                    ("nodes", node_id, kind, number, key),
                    "too-long",
                    f"{len(text)} characters, more than {limit} for a {'choice' if kind == 'choices' else 'label'}",
                    "keep to one idea a student can weigh at a glance; the feedback or explanation can say the rest",
                    "warning",
                )


RULES: tuple[Rule, ...] = (
    dangling_references,
    lengths,
    graph_shape,
    ignored_branches,
    duplicate_ids,
    choice_sense,
    factor_answers,
    model_answers,
    rubric_examples,
    cue_checks,
    shuffle_opt_out,
    court_voice,
    fact_tabs,
    doctrine_dates,
    stale_later_notes,
    quoted_later_notes,
    check_scenario_quotes,
    prose_quotes,
    bidi_overrides,
    review_stale,
)


def check_doctrine(doctrine: DoctrineFile, loaded: LoadedFile, today: dt.date | None = None) -> list[Problem]:
    """Every problem in a doctrine file: its quotes found and pinned, its scenarios named, its checks current."""
    problems = doctrine_quotes(doctrine, loaded) + scenario_links(doctrine, loaded)
    texts = readable(doctrine.sources, loaded.path.resolve().parent)
    problems += unfound_quotes(loaded, texts, "the doctrine file's sources")
    return problems + stale_doctrine(doctrine, loaded, today)


# Rules whose every problem is a warning. `validate` and `check` run them; play stops only on
# errors, so it does not pay for them (proving prose quotes doubles a Floyd scenario's load).
ADVISORY: frozenset[Rule] = frozenset(
    {cue_checks, shuffle_opt_out, stale_later_notes, prose_quotes, bidi_overrides, review_stale}
)


def check_scenario(
    scenario: Scenario, loaded: LoadedFile, context: BankContext, advisory: bool = True
) -> list[Problem]:
    """Every problem in a scenario that loaded, each with its own code, in file order; errors only unless `advisory`."""
    rules = RULES if advisory else tuple(rule for rule in RULES if rule not in ADVISORY)
    problems = [p for rule in rules for p in rule(scenario, loaded, context)]
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.column or 0))


__all__ = ["ADVISORY", "check_doctrine", "check_misconceptions", "check_scenario", "did_you_mean"]
