"""The tutor's own words around author text: verdicts, court statuses, who is speaking.

Kept apart from the widgets so every screen (feedback, history, summary, review)
says the same thing the same way, and so the rules are tested without a terminal.
"""

from __future__ import annotations

from tutor.engine.session import Outcome
from tutor.scenario.model import STEP_LABELS, CourtStatus, Quote

STATUS_WORDS: dict[CourtStatus, str] = {
    "decided": "The court decided this",
    "not-reached": "The court did not reach this",
    "text-missing": "Our text of the opinion stops before this",
    "outcome-only": "The opinion gives only the outcome",
    "lower-court": "A lower court's ruling",
}

RIGHT, WRONG, PARTLY, PRACTICE = "✓", "✗", "◐", "○"


def points(value: float) -> str:
    """1.0 -> "1", 0.5 -> "0.5": scores read as people write them."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def verdict(outcome: Outcome) -> tuple[str, str]:
    """(symbol, words) for an answer: never colour alone."""
    score = f"({points(outcome.earned)} of {points(outcome.possible)})"
    if outcome.possible == 0:
        return PRACTICE, "Practice only: not scored"
    if outcome.full_marks:
        return RIGHT, f"Right {score}"
    if outcome.earned > 0:
        return PARTLY, f"Partly right {score}"
    return WRONG, f"Wrong {score}"


def speaker(quote: Quote) -> str | None:
    """Who is speaking, or None for the court itself (whose words stand bare)."""
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


def step_label(step: str) -> str:
    return STEP_LABELS.get(step, step)
