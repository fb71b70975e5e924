"""What the court held, its words with speaker and pin, and what has changed since."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tutor.scenario.context import BankContext
from tutor.scenario.model import Court, LaterNote, Quote
from tutor.ui.render import clean, labelled, plain
from tutor.ui.words import STATUS_WORDS, speaker


@dataclass
class OpenQuote(Message):
    """Show `quote` in its opinion."""

    quote: Quote


def quote_content(quote: Quote) -> Content:
    who = speaker(quote)
    body = Content.assemble("“", plain(quote.text), "”")
    if who is not None:
        body = Content.assemble((clean(who) + " ", "bold"), body)
    return body + Content.styled(f"\n  — {clean(quote.pin)}", "italic")


class QuoteBlock(Static, can_focus=True):
    """A quote; focus it and press o (or Enter) to read it in the opinion."""

    BINDINGS = [Binding("o,enter", "open", "Open in opinion", id="open-quote")]

    def __init__(self, quote: Quote) -> None:
        super().__init__(quote_content(quote), classes="quote")
        self.quote = quote

    def action_open(self) -> None:
        self.post_message(OpenQuote(self.quote))


def heading(text: str) -> Static:
    return Static(text, classes="heading", markup=False)


def court_widgets(court: Court) -> Iterable[Widget]:
    yield heading("What the court held")
    if court.status != "decided":
        yield Static(STATUS_WORDS[court.status] + ".", classes="status", markup=False)
    if court.note:
        yield Static(plain(court.note), classes="note")
    if court.holding:
        yield Static(labelled("Holding: ", court.holding))
    if court.reasoning:
        yield Static(labelled("Reasoning: ", court.reasoning))
    for quote in court.quotes:
        yield QuoteBlock(quote)


def analysis_widgets(analysis: str) -> Iterable[Widget]:
    yield heading("Tutor's analysis (not the court)")
    yield Static(plain(analysis), classes="analysis")


def later_widgets(later: Iterable[LaterNote], context: BankContext | None) -> Iterable[Widget]:
    notes = list(later)
    if not notes:
        return
    yield heading("Since this decision")
    for note in notes:
        entry = context.doctrine.entries.get(note.doctrine) if context else None
        if entry is None:
            yield Static(plain(note.bearing), classes="later")
            continue
        title = Content.assemble(
            plain(entry.name, "bold italic"), plain(f", {entry.citation} (decided {entry.decided})")
        )
        parts = [title]
        if entry.later:
            parts.append(plain(entry.later))
        parts.append(labelled("Here: ", note.bearing))
        yield Static(Content("\n").join(parts), classes="later")


class CourtView(Vertical):
    """The court block, the tutor's analysis and later law, for one node."""

    def __init__(
        self,
        court: Court | None,
        analysis: str | None,
        later: Iterable[LaterNote],
        context: BankContext | None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.court, self.analysis, self.later, self.context = court, analysis, list(later), context

    def compose(self) -> ComposeResult:
        if self.court is not None:
            yield from court_widgets(self.court)
        if self.analysis is not None:
            yield from analysis_widgets(self.analysis)
        yield from later_widgets(self.later, self.context)
