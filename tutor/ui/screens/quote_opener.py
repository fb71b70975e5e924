"""Shared by every screen that shows the court's quotes: `o` opens one in its opinion."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from tutor.study.walk import Walk
from tutor.ui.widgets.court import OpenQuote, QuoteBlock


class QuoteOpener(Screen[None]):
    """A screen with a `walk` whose quotes open in the opinion view: the focused one, else the first."""

    walk: Walk

    def action_open_quote(self) -> None:
        block = self.focused if isinstance(self.focused, QuoteBlock) else next(iter(self.query(QuoteBlock)), None)
        if block is not None:
            block.action_open()

    @on(OpenQuote)
    def open_quote(self, event: OpenQuote) -> None:
        from tutor.ui.screens.opinion import OpinionScreen

        event.stop()
        self.app.push_screen(OpinionScreen(self.walk.passage(event.quote, event.from_doctrine)))
