"""Shared by every screen that shows the court's quotes: `o` opens one in its opinion."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from tutor.scenario.model import Quote
from tutor.sources.passage import Passage
from tutor.study.walk import Walk
from tutor.ui.widgets.court import OpenQuote, QuoteBlock


class QuoteOpener(Screen[None]):
    """A screen whose quotes open in the opinion view: the focused one, else the first.

    By default the quotes are the `walk`'s; a screen with no walk says where its quotes are
    by overriding `passage`.
    """

    walk: Walk

    def passage(self, quote: Quote, from_doctrine: bool) -> Passage | None:
        """The passage `quote` stands in, or None where it cannot be opened."""
        return self.walk.passage(quote, from_doctrine)

    def action_open_quote(self) -> None:
        block = self.focused if isinstance(self.focused, QuoteBlock) else next(iter(self.query(QuoteBlock)), None)
        if block is not None:
            block.action_open()

    @on(OpenQuote)
    def open_quote(self, event: OpenQuote) -> None:
        from tutor.ui.screens.opinion import OpinionScreen

        event.stop()
        passage = self.passage(event.quote, event.from_doctrine)
        if passage is not None:
            self.app.push_screen(OpinionScreen(passage))
