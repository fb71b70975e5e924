"""What plain mode prints: a scenario's facts, its questions, the court's answer, the summary.

Every function returns `rich.text.Text` built by appending strings, never by parsing
markup, so author text such as `[/]` or `[citation needed]` prints exactly as written.
Control characters are stripped here as well, a second line behind the checker: a
terminal obeys an escape sequence rather than showing it. Output is line-based with no
box drawing, so a screen reader or a Braille display reads it in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text

from tutor.engine.session import Outcome, Summary, court_path
from tutor.scenario.bank import LibraryEntry
from tutor.scenario.context import BankContext
from tutor.scenario.model import (
    STEP_LABELS,
    STEPS,
    ChoiceNode,
    Court,
    EndNode,
    FactorsNode,
    LaterNote,
    Quote,
    Scenario,
    ShortNode,
)
from tutor.sources.passage import Passage, where
from tutor.terminal_text import clean
from tutor.ui.words import RIGHT, STATUS_WORDS, WRONG, points, speaker
from tutor.ui.words import verdict as word_verdict


def lines(*parts: str | tuple[str, str]) -> Text:
    """One line of output from plain strings and (string, style) pairs; nothing is parsed."""
    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(clean(part[0]), style=part[1])
        else:
            out.append(clean(part))
    return out


def node_title(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes[node_id]
    return node.title or STEP_LABELS[node.step]


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


def fact_tab_label(scenario: Scenario, tab: str) -> str:
    for version in scenario.facts.versions:
        if version.id == tab:
            return version.label
    return tab.capitalize()


def facts(scenario: Scenario, tabs: Sequence[str] | None = None) -> list[Text]:
    """The named fact tabs (all of them when `tabs` is empty or None), in display order."""
    wanted = [t for t in scenario.fact_tabs() if not tabs or t in tabs]
    out = [lines(("Facts", "bold"))]
    facts_ = scenario.facts
    for tab in wanted:
        out.append(lines((fact_tab_label(scenario, tab), "bold")))
        if tab == "background":
            out.append(lines(facts_.background))
        elif tab == "undisputed":
            out += [lines("- ", item) for item in facts_.undisputed]
        elif tab == "witnesses":
            out += [lines(f"- {w.name}: ", w.text) for w in facts_.witnesses]
        elif tab == "disputes":
            for d in facts_.disputes:
                out += [lines("- ", d.point), lines("  Plaintiff: ", d.plaintiff), lines("  Defendant: ", d.defendant)]
        else:
            out += [lines(v.text) for v in facts_.versions if v.id == tab]
    return out


def library_row(number: int, entry: LibraryEntry) -> Text:
    """One playable scenario in the library list: title, case, officer, questions a walk asks, tags."""
    low, high = entry.fewest_questions, entry.most_questions
    count = (
        "" if low is None or high is None else f"; {low} questions" if low == high else f"; {low} to {high} questions"
    )
    tags = f"; tags: {', '.join(entry.tags)}" if entry.tags else ""
    return lines(
        f"{number}. ",
        (entry.title or "", "bold"),
        f" [{entry.id}]: ",
        entry.case_name or "",
        ", ",
        entry.citation or "",
        f" ({entry.defendant})" if entry.defendant else "",
        count,
        tags,
    )


# --- a question -------------------------------------------------------------------------


def question(scenario: Scenario, node: ChoiceNode | FactorsNode | ShortNode, number: int) -> list[Text]:
    step = STEP_LABELS[node.step]
    title = node.title or step
    out = [lines((f"Question {number}: {title}", "bold"), f" ({step})" if title != step else "")]
    out.append(lines(node.prompt))
    if node.facts:
        names = ", ".join(fact_tab_label(scenario, t) for t in node.facts)
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
    practice = " (practice: the court did not weigh this factor)" if not factor.court_weighed else ""
    return lines(f"Row {index + 1} of {len(node.factors)}: ", (factor.label, "bold"), practice)


def rubric(node: ShortNode, met: Iterable[str]) -> list[Text]:
    met = set(met)
    out = [lines(("The rubric, with the automatic mark:", "bold"))]
    for i, item in enumerate(node.rubric, 1):
        mark = "✓ met" if item.id in met else "✗ not met"
        out.append(lines(f"  {i}. {mark}: ", item.label, f" ({points(item.points)} pt)"))
    return out


def doctrine(node: ChoiceNode | FactorsNode | ShortNode, context: BankContext | None) -> list[Text]:
    if not node.doctrine:
        return [lines("This question cites no doctrine.")]
    out = []
    for key in node.doctrine:
        entry = context.doctrine.entries.get(key) if context else None
        if entry is None:
            out.append(lines(key))
            continue
        out.append(lines((entry.name, "bold"), f", {entry.citation}: ", entry.rule))
    return out


# --- after an answer ---------------------------------------------------------------------


def verdict(outcome: Outcome) -> Text:
    symbol, words = word_verdict(outcome)
    return lines((f"{symbol} {words}", "bold green" if symbol == RIGHT else "bold"))


def feedback(scenario: Scenario, outcome: Outcome, context: BankContext | None) -> list[Text]:
    node = scenario.nodes[outcome.node_id]
    out: list[Text] = []
    if isinstance(node, ChoiceNode):
        numbers = {c: i for i, c in enumerate(outcome.shown_order or [c.id for c in node.choices], 1)}
        answer = "The court's answer" if outcome.counts_for_agreement else "The answer"
        for item in outcome.feedback:
            if item.chosen:
                who = f"{RIGHT} You chose" if item.correct else f"{WRONG} You chose, wrongly,"
            else:
                who = f"{WRONG} You missed" if node.select == "many" else answer
            out.append(lines(f"{who} {numbers[item.item_id]}. ", item.label, " — ", item.text))
    elif isinstance(node, FactorsNode):
        labels = {s.id: s.label for s in node.scale}
        for item in outcome.feedback:
            mark = "✓" if item.correct else "✗"
            practice = " (practice)" if item.practice else ""
            said = labels[outcome.response[item.item_id]]
            out.append(
                lines(
                    f"{mark} ",
                    item.label,
                    practice,
                    ": you said ",
                    said,
                    "; the answer is ",
                    item.expected or "",
                    ". ",
                    item.text,
                )
            )
    elif isinstance(node, ShortNode):
        for item in outcome.feedback:
            out.append(lines("✓ met: " if item.chosen else "✗ not met: ", item.label))
        if outcome.corrected is not None:
            out.append(
                lines(
                    f"Your own mark: {points(outcome.earned)} of {points(outcome.possible)} "
                    f"(automatic mark {points(outcome.auto_earned)})."
                )
            )
        out.append(lines("A model answer: ", node.model_answer))
    for key in outcome.misconceptions:
        known = context.misconceptions.misconceptions.get(key) if context else None
        if known:
            out.append(lines(("Common mistake: ", "bold"), known.label, ". ", known.explanation))
    return out


Numbering = Callable[[Quote], int]  # the number `o N` opens a quote by, given as it is printed


def court(held: Court | None, analysis: str | None, number: Numbering) -> list[Text]:
    out: list[Text] = []
    if held is not None:
        out += [lines(), lines(("What the court held", "bold"))]
        if held.status != "decided":
            out.append(lines(STATUS_WORDS[held.status], "."))
        if held.holding:
            out.append(lines("Holding: ", held.holding))
        if held.reasoning:
            out.append(lines("Reasoning: ", held.reasoning))
        if held.note:
            out.append(lines("Note: ", held.note))
        out += [
            lines(f"  Quote {number(q)}. ", speaker(q) or "The court:", " “", q.text, "” (", q.pin, ")")
            for q in held.quotes
        ]
    if analysis:
        out += [lines(), lines(("The tutor's analysis", "bold"), " (the tutor's words, not the court's): ", analysis)]
    return out


def later(notes: Sequence[LaterNote], context: BankContext | None) -> list[Text]:
    if not notes:
        return []
    out = [lines(), lines(("Since this decision", "bold"))]
    for note in notes:
        entry = context.doctrine.entries.get(note.doctrine) if context else None
        if entry is None:
            out.append(lines("- ", note.bearing))
            continue
        out.append(lines("- ", (entry.name, "bold"), f", {entry.citation}, decided {entry.decided}: ", note.bearing))
        if entry.later:
            out.append(lines("  ", entry.later))
    return out


def explained(scenario: Scenario, outcome: Outcome, context: BankContext | None, number: Numbering) -> list[Text]:
    """Everything the student is owed after one answer: verdict, feedback, the court, later law."""
    return [
        verdict(outcome),
        *feedback(scenario, outcome, context),
        *court(outcome.court, outcome.analysis, number),
        *later(outcome.later, context),
    ]


# --- the end ------------------------------------------------------------------------------


def summary(scenario: Scenario, result: Summary, context: BankContext | None, number: Numbering) -> list[Text]:
    out = [lines(("Summary", "bold")), lines(f"Score: {points(result.earned)} of {points(result.possible)} points")]
    out.append(lines("By step:"))
    for step in STEPS:
        score = result.by_step.get(step)
        if score is not None:
            out.append(
                lines(
                    f"  {STEP_LABELS[step]}: {points(score.earned)} of {points(score.possible)} points"
                    f" ({score.answered} answered, {score.full_marks} with full marks)"
                )
            )
    if result.agreement_counted:
        out.append(lines(f"Agreement with the court: {result.agreed} of {result.agreement_counted} points it decided"))
    out.append(lines("Your path: ", " → ".join(node_title(scenario, n) for n in result.path)))
    out.append(lines("The court's path: ", " → ".join(node_title(scenario, n) for n in result.court_path)))
    if result.missed:
        out += [lines(), lines(("Missed questions", "bold"))]
        for missed in result.missed:
            held = missed.court.holding or missed.court.note if missed.court else missed.analysis
            out.append(
                lines(
                    f"- {node_title(scenario, missed.node_id)} ({points(missed.earned)} of "
                    f"{points(missed.possible)}): ",
                    held or "",
                )
            )
    else:
        out.append(lines("You missed no question."))
    out += outcome(scenario, result.end, context, number)
    return out


def outcome(scenario: Scenario, reached: EndNode | None, context: BankContext | None, number: Numbering) -> list[Text]:
    """The outcome the court reached, and where the student's walk ended if elsewhere."""
    court_end = scenario.nodes[court_path(scenario)[-1]]
    out: list[Text] = []
    if reached is not None and reached is not court_end:
        out.append(lines("Your walk ended at: ", reached.outcome.result, " (", reached.outcome.disposition, ")"))
    if isinstance(court_end, EndNode):
        out += [
            lines(),
            lines(
                ("The outcome the court reached: ", "bold"),
                court_end.outcome.result,
                " (",
                court_end.outcome.disposition,
                ")",
            ),
        ]
        out += court(court_end.court, None, number)[2:]  # its holding, reasoning and quotes, under the outcome
        out += later(court_end.later, context)
    return out


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
