"""Past answers of this walk, with their feedback, to read again without answering again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from tutor.study import said
from tutor.study.walk import Walk
from tutor.ui.render import inert
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.feedback import FeedbackView


class HistoryScreen(QuoteOpener):
    BINDINGS = [
        Binding("escape,p", "dismiss", "Back to the question", id="history-back"),
        Binding("o", "open_quote", "Open quote", id="history-open-quote"),
    ]

    def __init__(self, walk: Walk) -> None:
        super().__init__()
        self.walk = walk

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            history = self.walk.session.history
            if not history:
                yield Static("No answers yet in this walk.", markup=False)
            for number, outcome in enumerate(history, 1):
                node = self.walk.scenario.nodes[outcome.node_id]
                title = f"{number}. {node.title or outcome.node_id}"
                if self.walk.session.mode == "exam":
                    yield Static(inert(f"{title}: answered; the feedback comes with the summary."), classes="past")
                else:
                    heading = said.block("feedback-title", said.row((title, "bold")))
                    yield FeedbackView(
                        self.walk.scenario,
                        outcome,
                        self.walk.context,
                        heading,
                        quoted=self.walk.playable.quoted,
                        classes="past",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = self.walk.scenario.case.name, "Past answers"
        self.query_one("#history").focus()
