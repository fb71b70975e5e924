"""The doctrine a question cites: each authority's name, citation, date and rule."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.scenario.context import BankContext
from tutor.study.said import quote_block
from tutor.ui.render import block_content, inert, labelled


class DoctrineScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,d", "dismiss", "Close", id="doctrine-close")]

    def __init__(self, keys: list[str], context: BankContext | None) -> None:
        super().__init__()
        self.keys, self.context = keys, context

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="doctrine", classes="dialog"):
            yield Static("Doctrine this question relies on", classes="dialog-title", markup=False)
            entries = self.context.doctrine.entries if self.context else {}
            known = [entries[k] for k in self.keys if k in entries]
            if not known:
                yield Static("This question cites no doctrine entry.", markup=False)
            for entry in known:
                title = Content.assemble(
                    inert(entry.name, "bold italic"), inert(f", {entry.citation}"), f" (decided {entry.decided})"
                )
                yield Static(title + Content("\n") + labelled("Rule: ", entry.rule), classes="doctrine-entry")
                for quote in entry.quotes:
                    yield Static(block_content(quote_block(quote)), classes="quote")
            yield Static("Escape closes.", classes="instructions", markup=False)
