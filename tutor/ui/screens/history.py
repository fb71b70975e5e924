"""Past answers of this walk, with their feedback, to read again without answering again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from tutor.ui.play import Play
from tutor.ui.render import plain
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.feedback import FeedbackView


class HistoryScreen(QuoteOpener):
    BINDINGS = [
        Binding("escape,p", "dismiss", "Back to the question", id="history-back"),
        Binding("o", "open_quote", "Open quote", id="history-open-quote"),
    ]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            history = self.play.session.history
            if not history:
                yield Static("No answers yet in this walk.", markup=False)
            for number, outcome in enumerate(history, 1):
                node = self.play.scenario.nodes[outcome.node_id]
                title = f"{number}. {node.title or outcome.node_id}"
                if self.play.session.mode == "exam":
                    yield Static(plain(f"{title}: answered; the feedback comes with the summary."), classes="past")
                else:
                    yield FeedbackView(outcome, self.play.context, title=title, classes="past")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = self.play.scenario.case.name, "Past answers"
        self.query_one("#history").focus()
