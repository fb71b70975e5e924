"""The tutor's own words around author text: verdicts, court statuses, who is speaking, who holds an answer.

One copy for both front ends, so every screen and plain mode say the same thing the
same way, and the rules are tested without a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor import marks
from tutor.scenario.graph import court_path, question_counts
from tutor.scenario.model import STEP_LABELS, Court, CourtStatus, EndNode, Quote

if TYPE_CHECKING:
    from tutor.engine.session import Outcome, Session, StepScore

STATUS_WORDS: dict[CourtStatus, str] = {
    "decided": "The court decided this",
    "not-reached": "The court did not reach this",
    "text-missing": "Our text of the opinion stops before this",
    "outcome-only": "The opinion gives only the outcome",
    "lower-court": "A lower court's ruling",
}

# One meaning per symbol, on every screen and in plain mode: a verdict is ✓ (full marks
# only), ◐ (some points) or ✗ (none); where a student stands and where they have been are
# other glyphs, never a verdict's, so a visited step cannot read as a right one.
RIGHT, WRONG, PARTLY, PRACTICE = "✓", "✗", "◐", "○"
TONE = {RIGHT: "right", WRONG: "wrong", PARTLY: "partly", PRACTICE: "practice"}
HERE, VISITED = "▶", "·"  # the step on screen; a step answered in exam mode, whose verdict waits
TICKED, UNTICKED = "[x]", "[ ]"  # a check box's state in a glyph, not only in colour

NOTHING_CHOSEN = "Nothing is chosen yet, so nothing was recorded."
EXAM_HIDES = "Exam mode: no score until the summary"

PRACTICE_ROW = "practice: the court did not weigh this"


def points(value: float) -> str:
    """1.0 -> "1", 0.5 -> "0.5": scores read as people write them."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def mark(earned: float, possible: float) -> str:
    """The verdict's symbol for `earned` of `possible`: ✓ only for full marks."""
    if possible == 0:
        return PRACTICE
    if marks.full(earned, possible):
        return RIGHT
    return PARTLY if earned > 0 else WRONG


def step_mark(score: StepScore) -> str:
    """One step's symbol over all its answers: ✓ only when every one had full marks."""
    if score.possible == 0:
        return PRACTICE
    if score.full_marks == score.answered:
        return RIGHT
    return PARTLY if score.earned > 0 else WRONG


VERDICT_WORDS = {RIGHT: "Right", PARTLY: "Partly right", WRONG: "Wrong"}


def verdict(outcome: Outcome) -> tuple[str, str]:
    """(symbol, words) for an answer: never colour alone."""
    symbol = mark(outcome.earned, outcome.possible)
    if symbol == PRACTICE:
        return PRACTICE, "Practice only: not scored"
    return symbol, f"{VERDICT_WORDS[symbol]} ({points(outcome.earned)} of {points(outcome.possible)})"


def progress(session: Session, purpose: str | None = None, place: tuple[int, int] | None = None) -> str:
    """Where the walk stands: "Question 3 of 7" ("of about 7" where branches differ in length),
    "Retry: 1 of 8" or "Review: 3 of 12" for a walk through a fixed list.

    M is the court's path: the walk a student who agrees with the court takes. `place` is
    (questions before this walk, questions in all) for a review that spans scenarios, so the
    count runs on across them instead of starting again at each.
    """
    answered = len(session.history)
    number = answered if session.finished else answered + 1
    if session.nodes is not None:
        before, total = place or (0, len(session.nodes))
        return f"{'Review' if purpose == 'review' else 'Retry'}: {before + number} of {total}"
    scenario = session.scenario
    court = sum(1 for n in court_path(scenario) if not isinstance(scenario.nodes[n], EndNode))
    fewest, most = question_counts(scenario)
    about = "about " if fewest != most else ""
    return f"Question {number} of {about}{court}"


def score_line(session: Session) -> str | None:
    """The running score for a header, or None in exam mode, which shows none until the summary."""
    if session.mode == "exam" and not session.finished:
        return None
    summary = session.summary()
    final = "Final score" if session.finished else "Score"
    return f"{final} {points(summary.earned)} of {points(summary.possible)}"


def holder(outcome: Outcome) -> str:
    """Who holds the right answer at the node `outcome` answered; see `node_holder`."""
    return node_holder(outcome.step, outcome.court)


def node_holder(step: str, court: Court | None) -> str:
    """Who holds the right answer at a node: a court only where one decided the point.

    A `today` node is graded on law decided after the opinion; a node no court decided
    (a wrong turn's `analysis`, a point not reached) has the tutor's answer. The exports
    word a node without an answer, so the rule takes the node's parts, not an outcome.
    """
    if step == "today":
        return "The answer under later law"
    if court is not None and court.status == "decided":
        return "The court's answer"
    return "The tutor's answer"


def row_holder(outcome: Outcome, practice: bool) -> str:
    """The same for one factor row: a practice row's answer is the tutor's, never the court's."""
    if practice:
        return "the tutor's answer"
    return {"The court's answer": "the court"}.get(holder(outcome), holder(outcome).lower())


def speaker(quote: Quote) -> str | None:
    """Who is speaking, or None for the court itself."""
    if quote.speaker == "court":
        return None
    if quote.speaker == "court-quoting":
        return f"The court, quoting {quote.quoting}:"
    if quote.speaker in ("concurrence", "dissent"):
        joined = f", joined by {quote.joined}" if quote.joined else ""
        return f"{quote.speaker.capitalize()} ({quote.judge}{joined}):"
    if quote.speaker == "party":
        return f"{quote.who or 'A party'} (party):"
    return f"{quote.who or 'The lower court'}:"


RESTORED = (
    "Restored reading: the shipped copy of this opinion lacks some of these words as printed here "
    "(a capital, an 's or n't, or a reading its errata give); the quote gives the opinion's reading."
)


def checked_through(month: str | None) -> str:
    """ " (checked through 2026-12)": later law is good law only as of the month it was checked."""
    return f" (checked through {month})" if month else ""


def play_pointer(case_name: str, scenario_id: str) -> str:
    """Where a student walks a case a node applies: its own scenario."""
    return f"Play the {case_name} scenario: qi-tutor play {scenario_id}"


def step_label(step: str) -> str:
    return STEP_LABELS.get(step, step)
