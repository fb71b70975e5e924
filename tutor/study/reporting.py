""" "This question is wrong": what a report says about what the student saw, in both front ends.

The UI's `!` and plain mode's `!` (the question waiting) and `!!` (the feedback just
shown) build a `Report` here and keep it through the recorder, so the store gets the
same words from both. What was on screen is summarised in a line: the prompt, and for
feedback the answer given and its verdict; the student's comment is kept as typed,
bounded and cleaned by the store (`tutor.store.reports`).
"""

from __future__ import annotations

from tutor.engine.session import Outcome
from tutor.scenario.model import ChoiceNode, FactorsNode, ShortNode
from tutor.store.export import answer_text
from tutor.store.reports import MAX_COMMENT, Report, add_report
from tutor.study.walk import Walk
from tutor.study.words import verdict

ASK = "What is wrong with it? One line (Enter with nothing cancels):"
THANKS = "Thank you: your report is saved with this question, for your instructor."
CANCELLED = "Nothing reported."
NOT_SAVED = "Your report could not be saved (progress is not being saved)."
TOO_LONG = f"Only the first {MAX_COMMENT} characters of a report are kept."


def question_report(walk: Walk, node: ChoiceNode | FactorsNode | ShortNode, node_id: str, comment: str) -> Report:
    """A report about the question on screen (`node` as shown: its choices in the attempt's order)."""
    shown = str(node.prompt)
    if isinstance(node, ChoiceNode):
        shown += " Choices: " + "; ".join(f"{n}. {c.text}" for n, c in enumerate(node.choices, 1))
    return Report(walk.scenario.id, walk.playable.content_hash, node_id, "question", shown, comment)


def feedback_report(walk: Walk, outcome: Outcome, comment: str) -> Report:
    """A report about the feedback shown for `outcome`."""
    node = walk.scenario.nodes[outcome.node_id]
    prompt = str(getattr(node, "prompt", ""))
    symbol, words = verdict(outcome)
    shown = f"{prompt} Answered: {answer_text(outcome.response)}. Feedback: {symbol} {words}"
    return Report(walk.scenario.id, walk.playable.content_hash, outcome.node_id, "feedback", shown, comment)


def keep(walk: Walk, report: Report) -> str:
    """Save `report`; the words to tell the student (thanks, or why it was not saved)."""
    recorder = walk.attempt.recorder
    saved = recorder.use(lambda store: add_report(store, report), None)
    if saved is None:
        return NOT_SAVED
    return THANKS if len(report.comment) <= MAX_COMMENT else f"{THANKS} {TOO_LONG}"
