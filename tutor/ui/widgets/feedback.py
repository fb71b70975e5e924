"""Feedback on one answer, as the study layer words it: verdict, each choice or row, the court, later law."""

from __future__ import annotations

from tutor.engine.session import Outcome
from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.study import said
from tutor.study.quoted import QuotedWords
from tutor.ui.widgets.court import BlocksView


class FeedbackView(BlocksView):
    """Everything the student is told after one answer (tutor mode, history, summary)."""

    def __init__(
        self,
        scenario: Scenario,
        outcome: Outcome,
        context: BankContext | None,
        title: said.Block | None = None,
        *,
        quoted: QuotedWords,
        **kwargs: object,
    ) -> None:
        blocks = said.explained(scenario, outcome, context, quoted)
        super().__init__([title, *blocks] if title is not None else blocks, **kwargs)
        self.outcome = outcome
