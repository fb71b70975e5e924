"""What is said after an answer and at the end of a walk, as plain data both front ends render.

A `Block` is what the UI shows as one widget and plain mode prints as consecutive
lines: a kind (which the UI uses as its CSS class), rows of `Span`s, a tone for
verdicts, and the quote a quote block stands for (so the UI can open it and plain
mode can number it). Spans hold text only, never markup: each front end makes it
inert (`Content`, `rich.Text`) and strips control characters on the way out.

Who holds an answer is decided here and nowhere else (`words.holder`): "The
court's answer" only where a court decided the point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tutor.engine.session import Outcome, Session, Summary
from tutor.scenario.context import BankContext
from tutor.scenario.graph import court_path
from tutor.scenario.model import STEPS, ChoiceNode, Court, EndNode, FactorsNode, LaterNote, Quote, Scenario, ShortNode
from tutor.study.quoted import QuotedWords
from tutor.study.words import (
    PRACTICE,
    PRACTICE_ROW,
    RESTORED,
    RIGHT,
    STATUS_WORDS,
    TONE,
    WRONG,
    checked_through,
    holder,
    mark,
    play_pointer,
    points,
    row_holder,
    speaker,
    step_label,
    step_mark,
    verdict,
)


@dataclass(frozen=True)
class Span:
    """A run of text in one style ("", "bold", "italic", "bold italic"); never parsed as markup."""

    text: str
    style: str = ""


Row = tuple[Span, ...]
Part = str | tuple[str, str]


def row(*parts: Part) -> Row:
    """A row from plain strings and (text, style) pairs."""
    return tuple(Span(p) if isinstance(p, str) else Span(p[0], p[1]) for p in parts)


def prose(text: str, quoted: QuotedWords, style: str = "") -> Row:
    """An author's prose with the pin of each span it puts in double quotes after the span, in
    italics as a quote's own pin is: the words a student reads as a text's say where they stand."""
    out: list[Span] = []
    for part, pin in quoted.split(text):
        if part:
            out.append(Span(part, style))
        if pin is not None:
            out += [Span(" (", style), Span(pin, "italic"), Span(")", style)]
    return tuple(out)


def pinned(text: str, quoted: QuotedWords) -> str:
    """`prose` as one string, for formats without styles (an export's feedback)."""
    return "".join(span.text for span in prose(text, quoted))


@dataclass(frozen=True)
class Block:
    """One thing said: a widget in the UI, consecutive lines in plain mode."""

    kind: str
    rows: tuple[Row, ...]
    tone: str = ""
    quote: Quote | None = None
    from_doctrine: bool = False  # the quote is a doctrine entry's: it opens in the doctrine file's source

    @property
    def lines(self) -> list[str]:
        return ["".join(span.text for span in r) for r in self.rows]


def block(kind: str, *rows: Row, tone: str = "", quote: Quote | None = None, from_doctrine: bool = False) -> Block:
    return Block(kind, tuple(rows), tone, quote, from_doctrine)


def heading(text: str) -> Block:
    return block("heading", row(text))


def node_title(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes[node_id]
    return node.title or step_label(node.step)


def question_title(node: ChoiceNode | FactorsNode | ShortNode, where: str) -> str:
    """A question's first line: `where` ("Question 2 of 7", "Retry: 1 of 8"), its title, its step."""
    step = step_label(node.step)
    title = node.title or step
    return f"{where}: {title}" + (f" ({step})" if title != step else "")


# --- after one answer ---------------------------------------------------------------------


def verdict_block(outcome: Outcome) -> Block:
    symbol, words = verdict(outcome)
    return block("verdict", row(f"{symbol} {words}"), tone=TONE[symbol])


def _choice_items(node: ChoiceNode, outcome: Outcome, quoted: QuotedWords) -> Iterable[Block]:
    # The number each choice had on screen (the attempt's seed may have shuffled them).
    numbers = {c: i for i, c in enumerate(outcome.shown_order or [c.id for c in node.choices], 1)}
    # What the student chose comes first, then what they missed or should have chosen.
    for item in sorted(outcome.feedback, key=lambda f: not f.chosen):
        if item.chosen:
            who = f"{RIGHT} You chose" if item.correct else f"{WRONG} You chose, wrongly,"
        elif node.select == "many":
            who = f"{WRONG} You missed"
        else:
            who = f"→ {holder(outcome)}"
        head = row((f"{who} {numbers[item.item_id]}. ", "bold"), item.label)
        yield block("item", head, prose(item.text, quoted)) if item.text else block("item", head)


def _factor_items(node: FactorsNode, outcome: Outcome, quoted: QuotedWords) -> Iterable[Block]:
    labels = {s.id: s.label for s in node.scale}
    expected = {f.id: labels[f.answer] for f in node.factors}
    for item in outcome.feedback:
        symbol = PRACTICE if item.practice else RIGHT if item.correct else WRONG
        head = row((f"{symbol} ", "bold"), (item.label, "bold"))
        if item.practice:
            head += row((f" ({PRACTICE_ROW})", "italic"))
        said = row(
            "You said: ",
            labels.get(outcome.response.get(item.item_id, ""), ""),
            f"; {row_holder(outcome, item.practice)}: ",
            expected[item.item_id],
        )
        yield block("item", head, said, prose(item.text, quoted))


def _short_items(node: ShortNode, outcome: Outcome) -> Iterable[Block]:
    yield block("your-answer", row(("Your answer: ", "bold"), str(outcome.response)))
    for item in outcome.feedback:
        yield block("item", row((f"{RIGHT} met: " if item.chosen else f"{WRONG} not met: ", "bold"), item.label))
    yield block("model-answer", row(("A model answer: ", "bold"), node.model_answer))


def feedback(scenario: Scenario, outcome: Outcome, context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    """The verdict and a block per choice, factor row or rubric item, then common mistakes."""
    node = scenario.nodes[outcome.node_id]
    out = [verdict_block(outcome)]
    if outcome.corrected is not None:
        out.append(
            block(
                "note",
                row(
                    f"Your own mark: {points(outcome.earned)} of {points(outcome.possible)} "
                    f"(automatic mark {points(outcome.auto_earned)})."
                ),
            )
        )
    if isinstance(node, ChoiceNode):
        out += _choice_items(node, outcome, quoted)
    elif isinstance(node, FactorsNode):
        out += _factor_items(node, outcome, quoted)
    elif isinstance(node, ShortNode):
        out += _short_items(node, outcome)
    for key in outcome.misconceptions:
        known = context.misconceptions.misconceptions.get(key) if context else None
        if known is not None:
            mistake = row(("Common mistake: ", "bold"), (known.label, "italic"), ". ", known.explanation)
            out.append(block("misconception", mistake))
    return out


def quote_block(quote: Quote, from_doctrine: bool = False) -> Block:
    """The quote with its speaker and pin; a second row says so where it restores what the copy lost."""
    who = speaker(quote) or "The court:"
    words = row((who, "bold"), " “", quote.text, "” (", (quote.pin, "italic"), ")")
    if quote.restored:
        return block("quote", words, restored_row(), quote=quote, from_doctrine=from_doctrine)
    return block("quote", words, quote=quote, from_doctrine=from_doctrine)


def restored_row() -> Row:
    """The one line a restored quote carries, in both front ends."""
    return row((RESTORED, "italic"))


NO_DOCTRINE = "This question cites no doctrine entry."


def doctrine(keys: Sequence[str], context: BankContext | None, scenario_id: str | None = None) -> list[Block]:
    """The entries a question cites: name, citation, date and when checked; the rule; the entry's own quotes
    (each opens in its shipped text); and, where the bank walks the case itself, the scenario to play."""
    entries = context.doctrine.entries if context else {}
    known = [entries[k] for k in keys if k in entries]
    if not known:
        return [block("note", row(NO_DOCTRINE))]
    out: list[Block] = []
    for entry in known:
        title = row(
            (entry.name, "bold italic"), f", {entry.citation} (decided {entry.decided})", checked_through(entry.checked)
        )
        out.append(block("doctrine-entry", title, row(("Rule: ", "bold"), entry.rule)))
        out += [quote_block(q, from_doctrine=True) for q in entry.quotes]
        if entry.scenario and entry.scenario != scenario_id:
            out.append(block("pointer", row(play_pointer(entry.name, entry.scenario))))
    return out


COURT_HEADING = "What the court held"


def court(held: Court | None, analysis: str | None, titled: bool = True, *, quoted: QuotedWords) -> list[Block]:
    """What the court held (its status, holding, reasoning, note, quotes), then the tutor's analysis."""
    out: list[Block] = []
    if held is not None:
        if titled:
            out.append(heading(COURT_HEADING))
        if held.status != "decided":
            out.append(block("status", row(STATUS_WORDS[held.status], ".")))
        if held.holding:
            out.append(block("court-text", row(("Holding: ", "bold")) + prose(held.holding, quoted)))
        if held.reasoning:
            out.append(block("court-text", row(("Reasoning: ", "bold")) + prose(held.reasoning, quoted)))
        if held.note:
            out.append(block("note", row(("Note: ", "bold")) + prose(held.note, quoted)))
        out += [quote_block(q) for q in held.quotes]
    if analysis:
        out += [
            heading("The tutor's analysis (the tutor's words, not the court's)"),
            block("analysis", prose(analysis, quoted)),
        ]
    return out


def later(notes: Sequence[LaterNote], context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    """Law decided since the opinion that bears on this point."""
    if not notes:
        return []
    out = [heading("Since this decision")]
    for note in notes:
        entry = context.doctrine.entries.get(note.doctrine) if context else None
        if entry is None:
            out.append(block("later", row("- ") + prose(note.bearing, quoted) + row(checked_through(note.checked))))
            continue
        first = row(
            "- ",
            (entry.name, "bold italic"),
            f", {entry.citation}, decided {entry.decided}: ",
        )
        first += prose(note.bearing, quoted) + row(checked_through(note.checked or entry.checked))
        out.append(block("later", first, row("  ", entry.later)) if entry.later else block("later", first))
        if note.quoted:  # the later case's own words, each opening in its shipped text
            out += [quote_block(q, from_doctrine=True) for q in entry.quotes]
    return out


def explained(scenario: Scenario, outcome: Outcome, context: BankContext | None, quoted: QuotedWords) -> list[Block]:
    """Everything the student is owed after one answer: verdict, feedback, the court, later law."""
    return [
        *feedback(scenario, outcome, context, quoted),
        *court(outcome.court, outcome.analysis, quoted=quoted),
        *later(outcome.later, context, quoted),
    ]


# --- the end of a walk -------------------------------------------------------------------------

REVIEW_HEADING = "Your answers, with the court's"


def review_title(scenario: Scenario, number: int, node_id: str) -> Block:
    """The title over one answer in the exam review."""
    return block("feedback-title", row((f"Question {number}: {node_title(scenario, node_id)}", "bold")))


def step_rows(result: Summary) -> list[Block]:
    out = []
    for step in STEPS:
        score = result.by_step.get(step)
        if score is None:
            continue
        out.append(
            block(
                "step-row",
                row(
                    f"{step_mark(score)} {step_label(step)}: {points(score.earned)} of {points(score.possible)} points"
                    f" ({score.full_marks} of {score.answered} with full marks)"
                ),
            )
        )
    return out


def summary(session: Session, context: BankContext | None, unanswered: int, quoted: QuotedWords) -> list[Block]:
    """The score, agreement with the court, both paths, what was missed, and the court's outcome.

    `unanswered`: the questions a timed exam left open when its time ran out (listed with the time).
    """
    scenario, result = session.scenario, session.summary()
    out = [
        heading("Summary"),
        block("verdict", row(f"Score: {points(result.earned)} of {points(result.possible)} points")),
    ]
    agreement = (
        f"You agreed with the court on {result.agreed} of the {result.agreement_counted} questions it decided."
        if result.agreement_counted
        else "The court decided none of these: none counts as agreed with the court."
    )
    out.append(block("note", row(agreement)))
    out += [heading("Score by step"), *step_rows(result)]
    if session.nodes is None:  # a retry or review walks a list, not the court's tree
        out += paths(session, result)
    if result.missed:
        out.append(heading("Questions you missed"))
        for missed in result.missed:
            held = (missed.court.holding or missed.court.note) if missed.court else missed.analysis
            out.append(
                block(
                    "missed",
                    row(
                        f"- {node_title(scenario, missed.node_id)} ({points(missed.earned)} of "
                        f"{points(missed.possible)}): "
                    )
                    + prose(held or "", quoted),
                )
            )
    elif unanswered:  # answered all right, but not all answered: that is no "no miss"
        out.append(
            block(
                "note",
                row(
                    f"You missed none of the {len(session.history)} question(s) you answered; "
                    f"{unanswered} went unanswered when time ran out."
                ),
            )
        )
    else:
        out.append(block("note", row("You missed no question.")))
    return out + outcome(scenario, result.end, context, quoted)


def partings(path: Sequence[str], court: Sequence[str]) -> list[tuple[str | None, str]]:
    """Where `path` left `court`: (the last node both took, or None at the start; the court's next node).

    After a detour a walk may rejoin the court's path (a wrong turn's `next` leads back);
    each later parting is listed too. Empty when the walk took the court's path.
    """
    found: list[tuple[str | None, str]] = []
    i = j = 0
    while i < len(path) and j < len(court):
        if path[i] == court[j]:
            i, j = i + 1, j + 1
            continue
        found.append((court[j - 1] if j else None, court[j]))
        rest = court[j:]
        while i < len(path) and path[i] not in rest:
            i += 1
        if i == len(path):
            return found
        j = court.index(path[i], j)
    if j < len(court):  # the walk ended before the court's path did
        found.append((court[j - 1] if j else None, court[j]))
    return found


def paths(session: Session, result: Summary) -> list[Block]:
    """The student's path, each question with its verdict; the court's nodes only where the paths part."""
    scenario = session.scenario
    marked = {o.node_id: mark(o.earned, o.possible) for o in session.history}
    yours = " → ".join(
        f"{marked[n]} {node_title(scenario, n)}" if n in marked else node_title(scenario, n) for n in result.path
    )
    out = [block("path", row("Your path: ", yours))]
    parted = partings(result.path, result.court_path)
    if not parted:
        out.append(block("path", row("You took the court's path.")))
    for after, went in parted:
        where = f"after {node_title(scenario, after)}" if after else "at the start"
        out.append(block("path", row(f"The court's path left yours {where}: it went to {node_title(scenario, went)}.")))
    return out


def outcome(
    scenario: Scenario, reached: EndNode | None, context: BankContext | None, quoted: QuotedWords
) -> list[Block]:
    """The outcome the court reached, and where the student's walk ended if elsewhere."""
    court_end = scenario.nodes[court_path(scenario)[-1]]
    out: list[Block] = []
    if reached is not None and reached is not court_end:
        out.append(
            block("note", row("Your walk ended at: ", reached.outcome.result, " (", reached.outcome.disposition, ")"))
        )
    if isinstance(court_end, EndNode):
        out.append(
            block(
                "verdict",
                row(
                    ("The outcome the court reached: ", "bold"),
                    court_end.outcome.result,
                    " (",
                    court_end.outcome.disposition,
                    ")",
                ),
            )
        )
        out += court(court_end.court, None, titled=False, quoted=quoted)  # its holding, reasoning and quotes
        out += later(court_end.later, context, quoted)
    return out


# --- facts ----------------------------------------------------------------------------------


def tab_label(scenario: Scenario, tab: str) -> str:
    """A fact tab's name: a version's own label, or the kind of fact."""
    for version in scenario.facts.versions:
        if version.id == tab:
            return version.label
    return tab.capitalize()


FACT_BULLETS = {"item": "- ", "witness": "- ", "point": "- ", "side": "  "}  # how text lays out each kind of fact row


def fact_rows(scenario: Scenario, tab: str, quoted: QuotedWords) -> list[tuple[str, Row]]:
    """The rows of one fact tab, each with its kind ("text", "item", "witness", "point", "side"):
    the front ends lay the kinds out (bullets, indents); the words are the same."""
    facts = scenario.facts
    if tab == "background":
        return [("text", prose(facts.background, quoted))]
    if tab == "undisputed":
        return [("item", prose(item, quoted)) for item in facts.undisputed]
    if tab == "witnesses":
        return [("witness", row((f"{w.name}: ", "bold")) + prose(w.text, quoted)) for w in facts.witnesses]
    if tab == "disputes":
        out: list[tuple[str, Row]] = []
        for d in facts.disputes:
            out += [("point", prose(d.point, quoted, "bold"))]
            out.append(("side", row(("Plaintiff: ", "bold")) + prose(d.plaintiff, quoted)))
            out.append(("side", row(("Defendant: ", "bold")) + prose(d.defendant, quoted)))
        return out
    return [("text", prose(v.text, quoted)) for v in facts.versions if v.id == tab]
