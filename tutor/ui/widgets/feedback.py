"""Feedback on one answer: right or wrong in words and a symbol, then the court."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tutor.engine.session import Feedback, Outcome
from tutor.scenario.context import BankContext
from tutor.ui.render import clean, labelled, plain
from tutor.ui.widgets.court import CourtView
from tutor.ui.words import RIGHT, WRONG, verdict

VERDICT_CLASS = {"✓": "right", "✗": "wrong", "◐": "partly", "○": "practice"}


def item_line(outcome: Outcome, item: Feedback) -> Content:
    mark = RIGHT if item.correct else WRONG
    if outcome.kind == "choice":
        who = f"{mark} You chose" if item.chosen else "→ The court's answer"
        head = Content.assemble((f"{who}: ", "bold"), plain(item.label))
        return head + Content("\n") + plain(item.text) if item.text else head
    if outcome.kind == "factors":
        said = outcome.response.get(item.item_id, "")
        head = Content.assemble((f"{mark} ", "bold"), plain(item.label, "bold"))
        if item.practice:
            head += Content.styled(" (practice: the court did not weigh this)", "italic")
        detail = Content.assemble(
            "You said: ", plain(said), "; the court: ", plain(item.expected or ""), "\n", plain(item.text)
        )
        return head + Content("\n") + detail
    met = "met" if item.chosen else "not met"
    return Content.assemble((f"{mark} {met}: ", "bold"), plain(item.label))


def misconception_lines(outcome: Outcome, context: BankContext | None) -> Iterable[Content]:
    for key in outcome.misconceptions:
        entry = context.misconceptions.misconceptions.get(key) if context else None
        if entry is not None:
            yield Content.assemble(
                ("Common mistake: ", "bold"), plain(entry.label, "italic"), "\n", plain(entry.explanation)
            )


def answer_widgets(outcome: Outcome, context: BankContext | None) -> Iterable[Widget]:
    symbol, words = verdict(outcome)
    yield Static(f"{symbol} {words}", classes=f"verdict {VERDICT_CLASS[symbol]}", markup=False)
    if outcome.corrected is not None:
        yield Static(f"(You corrected the automatic mark; it gave {outcome.auto_earned:g}.)", markup=False)
    if outcome.kind == "short":
        yield Static(labelled("Your answer: ", str(outcome.response)), classes="your-answer")
    items = outcome.feedback
    if outcome.kind == "choice":  # what the student chose comes first, then the court's answer
        items = tuple(sorted(items, key=lambda f: not f.chosen))
    for item in items:
        yield Static(item_line(outcome, item), classes="item")
    for line in misconception_lines(outcome, context):
        yield Static(line, classes="misconception")


class FeedbackView(Vertical):
    """Everything the student is told after one answer (tutor mode, history, summary)."""

    def __init__(
        self, outcome: Outcome, context: BankContext | None, title: str | None = None, **kwargs: object
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.outcome, self.context, self.title = outcome, context, title

    def compose(self) -> ComposeResult:
        if self.title:
            yield Static(plain(clean(self.title), "bold"), classes="feedback-title")
        yield from answer_widgets(self.outcome, self.context)
        yield CourtView(self.outcome.court, self.outcome.analysis, self.outcome.later, self.context)
