"""A scenario's questions as the exports carry them: facts, prompt, answers, and the answer in the study layer's words.

The formats (GIFT, QTI, Anki) differ in what they can hold, never in what is said:
every one of them writes these items. The answer is worded by `tutor.study`: who
holds it (`node_holder`: "The court's answer" only where a court decided the
point), what the court held with each quote's speaker and pin (`said.court`), the
tutor's analysis, and later law under "Since this decision" (`said.later`).

Branching is lost in every format: each node is a standalone question. The court's
path comes first, then the wrong turns' branches (GIFT and QTI only; the deck holds
the court's path).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tutor.scenario.context import BankContext
from tutor.scenario.graph import court_path, topological_order
from tutor.scenario.model import ChoiceNode, EndNode, FactorsNode, QuestionNode, Scenario, ShortNode
from tutor.study import said
from tutor.study.quoted import QuotedWords
from tutor.study.words import node_holder

Kind = Literal["one", "many", "matching", "essay"]
Line = tuple[str, str]  # (kind, text)


@dataclass(frozen=True)
class Answer:
    """One choice (multiple choice) or one row and its answer (matching)."""

    text: str
    correct: bool
    feedback: str = ""
    fraction: float = 0.0  # the share of the node's points it earns (negative: what a wrong pick costs)
    match: str = ""  # matching: the scale label that is this row's answer


@dataclass(frozen=True)
class Item:
    """One exported question."""

    scenario: Scenario
    node_id: str
    kind: Kind
    title: str
    facts: tuple[tuple[str, str], ...]  # (tab label, text) per fact row
    prompt: str
    answers: tuple[Answer, ...]
    answer_lines: tuple[Line, ...]  # who holds the answer and what it is, then the court and later law
    scale: tuple[str, ...]  # matching: the scale's labels, in the file's order
    points: float  # what the node is worth
    on_court_path: bool
    number: int  # the node's place among the scenario's exported questions, from 1

    @property
    def node(self) -> QuestionNode:
        node = self.scenario.nodes[self.node_id]
        assert not isinstance(node, EndNode)  # `items` yields question nodes only
        return node

    @property
    def step(self) -> str:
        return self.node.step

    @property
    def correct(self) -> tuple[str, ...]:
        """The texts of the correct choices (a grid's rows are all `correct`: each has its `match`)."""
        return tuple(a.text for a in self.answers if a.correct)


def question_order(scenario: Scenario, court_only: bool = False) -> list[str]:
    """The question nodes to export: the court's path, then (unless `court_only`) every other in graph order."""
    on_path = [n for n in court_path(scenario) if scenario.nodes[n].type != "end"]
    if court_only:
        return on_path
    rest = [n for n in topological_order(scenario) if n not in on_path and scenario.nodes[n].type != "end"]
    return on_path + rest


def fact_lines(scenario: Scenario, node: QuestionNode, quoted: QuotedWords) -> tuple[tuple[str, str], ...]:
    """The fact tabs the node names (the background when it names none), in the study layer's words."""
    out = []
    for tab in node.facts or ["background"]:
        label = said.tab_label(scenario, tab)
        out += [(label, "".join(span.text for span in r)) for _, r in said.fact_rows(scenario, tab, quoted)]
    return tuple(out)


def _choices(node: ChoiceNode, quoted: QuotedWords) -> tuple[Answer, ...]:
    """Choices in file order, with the engine's scoring as fractions (`tutor.engine.scoring`)."""
    if node.select == "one":
        return tuple(
            Answer(
                c.text,
                c.correct,
                said.pinned(c.feedback, quoted),
                min(c.points, node.points) / node.points if c.points is not None else float(c.correct),
            )
            for c in node.choices
        )
    share = 1 / sum(c.correct for c in node.choices)  # each wrong pick costs what a right one earns
    return tuple(
        Answer(c.text, c.correct, said.pinned(c.feedback, quoted), share if c.correct else -share) for c in node.choices
    )


def _rows(node: FactorsNode, quoted: QuotedWords) -> tuple[Answer, ...]:
    """The rows the court weighed; practice rows score nothing and are left out."""
    labels = {s.id: s.label for s in node.scale}
    return tuple(
        Answer(f.label, True, said.pinned(f.explanation, quoted), match=labels[f.answer])
        for f in node.factors
        if f.court_weighed
    )


def answer_lines(
    node: QuestionNode, answers: tuple[Answer, ...], context: BankContext | None, quoted: QuotedWords
) -> tuple[Line, ...]:
    """The answer as the tutor words it after play: who holds it, what it is, the court, later law.

    Each line comes with its kind: "answer" for the first lines, else the study layer's block
    kind ("heading", "quote", "analysis", "later"...), so a format can set headings apart.
    """
    who = node_holder(node.step, node.court)
    if isinstance(node, ShortNode):
        # The model answer is the tutor's paraphrase, so say so unless the tutor holds the answer anyway.
        said_by = "" if who == "The tutor's answer" else ", in the tutor's words"
        first = [f"{who}{said_by}: {node.model_answer}"]
    elif isinstance(node, FactorsNode):
        first = [f"{who}:", *(f"- {a.text}: {a.match}. {a.feedback}" for a in answers)]
    elif isinstance(node, ChoiceNode) and node.select == "many":
        first = [f"{who}:", *(f"- {a.text}" for a in answers if a.correct)]
    else:
        first = [f"{who}: " + next(a.text for a in answers if a.correct)]
    blocks = [*said.court(node.court, node.analysis, quoted=quoted), *said.later(node.later, context, quoted)]
    return (*(("answer", line) for line in first), *((b.kind, line) for b in blocks for line in b.lines))


def _kind(node: QuestionNode) -> Kind:
    if isinstance(node, ChoiceNode):
        return node.select
    return "matching" if isinstance(node, FactorsNode) else "essay"


def items(
    scenario: Scenario, context: BankContext | None, quoted: QuotedWords, court_only: bool = False
) -> Iterator[Item]:
    """Every exported question of `scenario` (see `question_order`)."""
    path = set(court_path(scenario))
    number = 0
    for node_id in question_order(scenario, court_only):
        node = scenario.nodes[node_id]
        if isinstance(node, EndNode):  # question_order leaves ends out; this tells the type checker
            continue
        answers = (
            _choices(node, quoted)
            if isinstance(node, ChoiceNode)
            else _rows(node, quoted)
            if isinstance(node, FactorsNode)
            else ()
        )
        if isinstance(node, FactorsNode) and not answers:
            continue  # practice only: nothing the court weighed, nothing to grade
        number += 1
        yield Item(
            scenario=scenario,
            node_id=node_id,
            kind=_kind(node),
            title=said.node_title(scenario, node_id),
            facts=fact_lines(scenario, node, quoted),
            prompt=node.prompt,
            answers=answers,
            answer_lines=answer_lines(node, answers, context, quoted),
            scale=tuple(s.label for s in node.scale) if isinstance(node, FactorsNode) else (),
            points=node.points,
            on_court_path=node_id in path,
            number=number,
        )
