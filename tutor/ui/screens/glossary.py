"""The glossary entries of the terms on screen: pick a term, read the tutor's definition and the court's words."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.scenario.context import BankContext
from tutor.scenario.glossary import lookup
from tutor.study.glossary import entry
from tutor.ui.widgets.court import BlocksView


class GlossaryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,g", "dismiss", "Close", id="glossary-close")]

    def __init__(self, terms: list[str], context: BankContext) -> None:
        super().__init__()
        self.terms, self.context = terms, context

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="glossary", classes="dialog"):
            yield Static("Glossary: the terms on screen", classes="dialog-title", markup=False)
            if not self.terms:
                yield Static("No glossary term appears on this screen.", markup=False)
            else:
                # Option prompts are plain text (a Content would be parsed as markup if a str).
                yield OptionList(*(Option(term, id=term) for term in self.terms), id="glossary-terms")
                yield VerticalScroll(id="glossary-entry")
            yield Static("↑/↓ choose a term · Escape or g closes.", classes="instructions", markup=False)

    async def on_mount(self) -> None:
        if self.terms:
            await self.show(self.terms[0])
            self.query_one("#glossary-terms", OptionList).focus()

    @on(OptionList.OptionHighlighted)
    async def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            await self.show(event.option.id)

    async def show(self, term: str) -> None:
        found = self.context.glossary and lookup(self.context.glossary, term)
        if not found:
            return
        view = self.query_one("#glossary-entry", VerticalScroll)
        await view.remove_children()
        await view.mount(BlocksView(entry(*found, self.context), id="glossary-blocks"))
