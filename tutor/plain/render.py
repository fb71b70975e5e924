"""What plain mode prints: a scenario's facts, its questions, the feedback the study layer words, the summary.

Every function returns `rich.text.Text` built by appending strings, never by parsing
markup, so author text such as `[/]` or `[citation needed]` prints exactly as written.
Control characters are stripped here as well, a second line behind the checker: a
terminal obeys an escape sequence rather than showing it. Output is line-based with no
box drawing, so a screen reader or a Braille display reads it in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text

from tutor.engine.session import Outcome, Session
from tutor.scenario.bank import LibraryEntry
from tutor.scenario.context import BankContext
from tutor.scenario.model import ChoiceNode, FactorsNode, Quote, Scenario, ShortNode
from tutor.sources.passage import Passage, where
from tutor.study import library, said
from tutor.study.quoted import QuotedWords
from tutor.study.said import FACT_BULLETS, Block, Row, fact_rows, tab_label
from tutor.study.words import PRACTICE_ROW, RIGHT, WRONG, points
from tutor.terminal_text import clean


def lines(*parts: str | tuple[str, str]) -> Text:
    """One line of output from plain strings and (string, style) pairs; nothing is parsed."""
    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(clean(part[0]), style=part[1])
        else:
            out.append(clean(part))
    return out


# --- the case and its facts -----------------------------------------------------------


def header(scenario: Scenario, mode: str) -> list[Text]:
    case = scenario.case
    officer = f" ({scenario.defendant})" if scenario.defendant else ""
    when = "after each answer" if mode == "tutor" else "at the end (exam mode)"
    return [
        lines((scenario.title, "bold")),
        lines(f"{case.name}, {case.citation}{officer}"),
        lines(f"Posture: {case.posture}"),
        lines(scenario.summary),
        lines(f"Feedback comes {when}. Type ? at any prompt for help."),
    ]


def row_text(row: Row, prefix: str = "") -> Text:
    """One row of the study layer's spans as a line; nothing is parsed."""
    return lines(prefix, *((span.text, span.style) if span.style else span.text for span in row))


def facts(scenario: Scenario, tabs: Sequence[str] | None, quoted: QuotedWords) -> list[Text]:
    """The named fact tabs (all of them when `tabs` is empty or None), in display order."""
    wanted = [t for t in scenario.fact_tabs() if not tabs or t in tabs]
    out = [lines(("Facts", "bold"))]
    for tab in wanted:
        out.append(lines((tab_label(scenario, tab), "bold")))
        out += [row_text(r, FACT_BULLETS.get(kind, "")) for kind, r in fact_rows(scenario, tab, quoted)]
    return out


def library_row(number: int, entry: LibraryEntry, status: str) -> Text:
    """One playable scenario under its case: the number to type, its part, its length, where the student stands."""
    count = library.question_count(entry)
    return lines(f"  {number}. ", (library.part(entry), "bold"), f" [{entry.id}] · {count} · {status}")


# --- a question -------------------------------------------------------------------------


def question(
    scenario: Scenario, node: ChoiceNode | FactorsNode | ShortNode, where: str, quoted: QuotedWords
) -> list[Text]:
    """`where` is the study layer's "Question N of M" (or "Retry: N of M")."""
    out = [lines((said.question_title(node, where), "bold"))]
    out.append(row_text(said.prose(node.prompt, quoted)))
    if node.facts:
        names = ", ".join(tab_label(scenario, t) for t in node.facts)
        out.append(lines(f"Facts for this question: {names} (f shows them)"))
    if isinstance(node, ChoiceNode):
        if node.select == "many":
            out.append(lines("Choose every answer that applies, e.g. 1,3."))
        out += [lines(f"  {i}. ", c.text) for i, c in enumerate(node.choices, 1)]
    elif isinstance(node, FactorsNode):
        out.append(lines("For each row, type the number of one option:"))
        out += [lines(f"  {i}. ", s.label) for i, s in enumerate(node.scale, 1)]
    else:
        out.append(lines("Type your answer over as many lines as you like; a line holding only . ends it."))
    return out


def factor_row(node: FactorsNode, index: int) -> Text:
    factor = node.factors[index]
    practice = f" ({PRACTICE_ROW})" if not factor.court_weighed else ""
    return lines(f"Row {index + 1} of {len(node.factors)}: ", (factor.label, "bold"), practice)


def rubric(node: ShortNode, met: Iterable[str]) -> list[Text]:
    met = set(met)
    out = [lines(("The rubric, with the automatic mark:", "bold"))]
    for i, item in enumerate(node.rubric, 1):
        mark = f"{RIGHT} met" if item.id in met else f"{WRONG} not met"
        out.append(lines(f"  {i}. {mark}: ", item.label, f" ({points(item.points)} pt)"))
    return out


# --- what the study layer says --------------------------------------------------------------

# The number `o N` opens a quote by, given as it is printed (and whether it is a doctrine entry's quote).
Numbering = Callable[[Quote, bool], int]


def blocks(said_blocks: Iterable[Block], number: Numbering) -> list[Text]:
    """Each block's rows as lines: a heading after a blank line, a quote with the number `o N` opens it by."""
    out: list[Text] = []
    for block in said_blocks:
        if block.kind == "heading":
            out += [lines(), row_text(tuple(said.Span(s.text, "bold") for s in block.rows[0]))]
            continue
        if block.quote is not None:
            out.append(row_text(block.rows[0], f"  Quote {number(block.quote, block.from_doctrine)}. "))
            out += [row_text(r, "    ") for r in block.rows[1:]]  # a restored reading's line
            continue
        style = "bold green" if block.tone == "right" else "bold" if block.kind == "verdict" else ""
        for r in block.rows:
            out.append(row_text(tuple(said.Span(s.text, style) for s in r)) if style else row_text(r))
    return out


def doctrine(
    scenario: Scenario, node: ChoiceNode | FactorsNode | ShortNode, context: BankContext | None, number: Numbering
) -> list[Text]:
    """`d`: the doctrine the question cites, as the study layer says it, its quotes numbered for `o N`."""
    return blocks(said.doctrine(node.doctrine, context, scenario.id), number)


def explained(
    scenario: Scenario, outcome: Outcome, context: BankContext | None, number: Numbering, quoted: QuotedWords
) -> list[Text]:
    """Everything the student is owed after one answer: verdict, feedback, the court, later law."""
    return blocks(said.explained(scenario, outcome, context, quoted), number)


def review_heading(number: Numbering) -> list[Text]:
    """Over exam mode's review of every answer."""
    return blocks([said.heading(said.REVIEW_HEADING)], number)


def review_answer(
    session: Session, index: int, context: BankContext | None, number: Numbering, quoted: QuotedWords
) -> list[Text]:
    """One answer in exam mode's review: its title, then everything the student is owed."""
    scenario, outcome = session.scenario, session.history[index]
    return [
        lines(),
        *blocks([said.review_title(scenario, index + 1, outcome.node_id)], number),
        *explained(scenario, outcome, context, number, quoted),
    ]


def summary(
    session: Session, context: BankContext | None, number: Numbering, unanswered: int, quoted: QuotedWords
) -> list[Text]:
    """The summary of a walk, as the study layer says it."""
    return blocks(said.summary(session, context, unanswered, quoted), number)


def passage(number: int, found: Passage) -> list[Text]:
    """Quote `number` in its opinion: the source, the pin, its paragraph with the court's words
    between » and « (a pipe has no colour to highlight them), and the source's known damage."""
    out = [lines(), lines((f"Quote {number} in the opinion: ", "bold"), found.title)]
    out.append(lines("Pin: ", found.quote.pin))
    if found.text is None:
        out.append(lines(f"The source file {found.missing}: {found.path}"))
    else:
        out.append(lines(where(found.location)))
        paragraph = found.marked_paragraph()
        if paragraph is not None:
            out.append(lines(paragraph))
    if found.damage:
        out.append(lines(("Known damage in this text: ", "bold"), found.damage))
    return out
