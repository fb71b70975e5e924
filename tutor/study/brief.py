"""A case brief of one scenario: the caption, the posture, the facts by side, each point on the court's
path with the court's holding, reasoning and words, what the court did not reach, the outcome, later law.

The brief is built from the same blocks the feedback uses (`tutor.study.said`), so every
voice is labelled as it is after an answer: "The court's answer" only where a court decided
the point, quotes with speaker and pin, the tutor's analysis under its own heading, a
separate opinion under its own, later law under "Since this decision". `render` turns the
blocks into Markdown or plain text, stripped of what a terminal would obey.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from tutor.scenario.context import BankContext
from tutor.scenario.graph import court_path
from tutor.scenario.model import SEPARATE_OPINIONS, ChoiceNode, Court, EndNode, FactorsNode, Scenario, ShortNode
from tutor.study.quoted import QuotedWords
from tutor.study.said import (
    FACT_BULLETS,
    Block,
    Row,
    Span,
    block,
    court,
    fact_rows,
    heading,
    later,
    node_title,
    outcome,
    prose,
    quote_block,
    row,
    tab_label,
)
from tutor.study.words import STATUS_WORDS, node_holder, step_label
from tutor.terminal_text import clean

Format = Literal["md", "txt"]

SEPARATE_HEADING = "Separate opinions (their authors' words, not the court's)"
UNDECIDED_HEADING = "What the court did not reach, or our text lacks"


def _title(text: str) -> Block:
    return block("title", row(text))


def _section(text: str) -> Block:
    return block("section", row(text))


def _decision(text: str) -> Block:
    return block("decision", row(text))


def _caption(scenario: Scenario) -> list[Block]:
    case = scenario.case
    rows = [row(case.citation), row(case.court), row(f"Decided {case.decided.isoformat()}")]
    if scenario.defendant:
        rows.append(row(("The defendant this brief follows: ", "bold"), scenario.defendant))
    made = (
        f"A case brief made by qi-tutor from the scenario {scenario.id}. The court's words are quoted with "
        "their pins; everything else is the tutor's summary of the opinion."
    )
    texts = [f"- {s.title or s.id} ({s.role}): {s.path}" for s in case.sources]
    return [
        _title(case.name),
        block("caption", *rows),
        block("note", row((made, "italic"))),
        _section("Posture"),
        block("text", row(case.posture)),
        _section("The texts quoted"),
        *(block("item", row(t)) for t in texts),
    ]


def _facts(scenario: Scenario, quoted: QuotedWords) -> list[Block]:
    out = [
        _section("Facts"),
        block("note", row(("The facts as the scenario tells them, in the tutor's words.", "italic"))),
    ]
    for tab in scenario.fact_tabs():
        out.append(block("heading", row(tab_label(scenario, tab))))
        out += [block(kind, (Span(FACT_BULLETS.get(kind, "")), *r)) for kind, r in fact_rows(scenario, tab, quoted)]
    return out


def _answer(node: ChoiceNode | FactorsNode | ShortNode) -> list[Block]:
    """The right answer, labelled with who holds it."""
    who = node_holder(node.step, node.court)
    if isinstance(node, ChoiceNode):
        return [block("answer", row((f"{who}: ", "bold"), c.text)) for c in node.choices if c.correct]
    if isinstance(node, FactorsNode):
        labels = {s.id: s.label for s in node.scale}
        out = [block("answer", row((f"{who}, factor by factor:", "bold")))]
        for factor in node.factors:
            practice = "" if factor.court_weighed else " (the court did not weigh this: the tutor's answer)"
            out.append(block("item", row(f"- {factor.label}: {labels[factor.answer]}{practice}")))
        return out
    return [block("answer", row(("A model answer (the tutor's words): ", "bold"), node.model_answer))]


def _court(held: Court | None, analysis: str | None, quoted: QuotedWords) -> list[Block]:
    """The court's blocks with separate opinions moved under their own heading."""
    if held is None:
        return court(None, analysis, quoted=quoted)
    own = held.model_copy(update={"quotes": [q for q in held.quotes if q.speaker not in SEPARATE_OPINIONS]})
    separate = [q for q in held.quotes if q.speaker in SEPARATE_OPINIONS]
    out = court(own, analysis, quoted=quoted)
    return out + ([heading(SEPARATE_HEADING), *map(quote_block, separate)] if separate else [])


def _points(scenario: Scenario, path: list[str], context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    out = [_section("The decision points, on the court's path")]
    number = 0
    for node_id in path:
        node = scenario.nodes[node_id]
        if isinstance(node, EndNode):
            continue
        number += 1
        out.append(_decision(f"{number}. {node_title(scenario, node_id)} ({step_label(node.step)})"))
        out.append(block("prompt", row(("The question: ", "bold")) + prose(node.prompt, quoted)))
        out += _answer(node)
        out += _court(node.court, node.analysis, quoted)
        out += later(node.later, context, quoted)
    return out


def _undecided(scenario: Scenario, path: list[str]) -> list[Block]:
    rows: list[Row] = []
    for node_id in path:
        held = scenario.nodes[node_id].court
        if held is not None and held.status != "decided":
            rows.append(row(f"- {node_title(scenario, node_id)}: {STATUS_WORDS[held.status]}. ", held.note or ""))
    if not rows:
        return []
    return [_section(UNDECIDED_HEADING), *(block("item", r) for r in rows)]


def brief(scenario: Scenario, context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    """The whole brief, in reading order."""
    path = court_path(scenario)
    return [
        *_caption(scenario),
        *_facts(scenario, quoted),
        *_points(scenario, path, context, quoted),
        *_undecided(scenario, path),
        _section("Outcome"),
        *_outcome(scenario, context, quoted),
    ]


def _outcome(scenario: Scenario, context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    """The outcome as the summary words it, a separate opinion's words moved under their own heading."""
    said = outcome(scenario, None, context, quoted)
    separate = [b for b in said if b.quote is not None and b.quote.speaker in SEPARATE_OPINIONS]
    if not separate:
        return said
    own = [b for b in said if b not in separate]
    at = next((n for n, b in enumerate(own) if b.kind == "heading"), len(own))  # before "Since this decision"
    return [*own[:at], heading(SEPARATE_HEADING), *separate, *own[at:]]


# --- rendering ---------------------------------------------------------------------------------

_LEVELS = {"title": 1, "section": 2, "decision": 3, "heading": 4}
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md_row(r: Row) -> str:
    out = []
    for span in r:
        text = clean(span.text).translate(_MD_SPECIAL)
        if span.style and text.strip():
            mark = {"bold": "**", "italic": "*", "bold italic": "***"}.get(span.style, "")
            lead, core, tail = text[: len(text) - len(text.lstrip())], text.strip(), text[len(text.rstrip()) :]
            text = f"{lead}{mark}{core}{mark}{tail}"
        out.append(text)
    return "".join(out)


def _md(blocks: Iterable[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        level = _LEVELS.get(b.kind)
        if level is not None:
            out += ["#" * level + " " + _md_row(b.rows[0]), ""]
            continue
        lines = [_md_row(r) for r in b.rows]
        if b.kind == "quote":
            lines = ["> " + line for line in lines]
        elif len(lines) > 1:  # rows of one block are lines of one paragraph
            lines = [line + "  " for line in lines[:-1]] + lines[-1:]
        out += [*lines, ""]
    return out


def _txt(blocks: Iterable[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        lines = [clean(line) for line in b.lines]
        level = _LEVELS.get(b.kind)
        if level in (1, 2):
            out += [lines[0], ("=" if level == 1 else "-") * len(lines[0]), ""]
        elif level is not None:
            out += [lines[0], ""]
        else:
            out += [*lines, ""]
    return out


def render(blocks: Iterable[Block], fmt: Format) -> str:
    """The brief as Markdown or plain text: one line per row, a blank line between blocks."""
    lines = _md(blocks) if fmt == "md" else _txt(blocks)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def brief_name(scenario: Scenario, fmt: Format) -> str:
    return f"{scenario.id}-brief.{fmt}"


def write_brief(
    scenario: Scenario, context: BankContext | None, folder: Path, quoted: QuotedWords, fmt: Format = "md"
) -> Path:
    """Write the brief into `folder` (made if need be) and return where. Raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / brief_name(scenario, fmt)
    target.write_text(render(brief(scenario, context, quoted), fmt), encoding="utf-8")
    return target
