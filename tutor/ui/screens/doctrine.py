"""The doctrine a question cites: each authority's name, citation, date and rule, its words, and its scenario.

What is shown is the study layer's (`said.doctrine`), as plain mode's `d` prints it. A
quote opens (o, or Enter on it) in the shipped text the doctrine file names: for the
Supreme Court's cases, the full opinion at the passage.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.scenario.context import BankContext
from tutor.scenario.model import Quote
from tutor.sources.passage import Passage
from tutor.study.said import doctrine
from tutor.study.walk import doctrine_passage
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.court import block_widgets


class DoctrineScreen(ModalScreen[None], QuoteOpener):
    BINDINGS = [
        Binding("escape,d", "dismiss", "Close", id="doctrine-close"),
        Binding("o", "open_quote", "Open quote", id="doctrine-open-quote"),
    ]

    def __init__(self, keys: list[str], context: BankContext | None, scenario_id: str | None = None) -> None:
        super().__init__()
        self.keys, self.context, self.scenario_id = keys, context, scenario_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="doctrine", classes="dialog"):
            yield Static("Doctrine this question relies on", classes="dialog-title", markup=False)
            yield from block_widgets(doctrine(self.keys, self.context, self.scenario_id))
            yield Static("o opens a quote in its opinion. Escape closes.", classes="instructions", markup=False)

    def passage(self, quote: Quote, from_doctrine: bool) -> Passage | None:
        return doctrine_passage(self.context, quote) if self.context is not None else None
