"""The shipped opinion, opened at a quoted passage: highlighted, with its pin and the source's known damage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.scenario.model import Quote
from tutor.sources.passage import Passage, open_passage, where
from tutor.study.said import quote_block
from tutor.study.walk import Walk
from tutor.terminal_text import clean
from tutor.ui.render import block_content, inert, labelled


def paragraphs(passage: Passage) -> list[Content]:
    """One content per line of the source, the quote's spans highlighted where it stands."""
    found = []
    for number, line in enumerate(passage.lines()):
        content = inert(line)
        for start, end in passage.spans_in(number):
            content = content.stylize("reverse bold", start, end)
        found.append(content)
    return found


class OpinionScreen(Screen[None]):
    BINDINGS = [Binding("escape,o", "dismiss", "Back", id="opinion-back")]

    def __init__(self, walk: Walk, quote: Quote) -> None:
        super().__init__()
        self.walk, self.quote = walk, quote
        self.passage = open_passage(walk.scenario, walk.folder, quote)

    def compose(self) -> ComposeResult:
        yield Header()
        passage = self.passage
        about = [block_content(quote_block(self.quote)), Content(clean(where(passage.location)))]
        if passage.damage:
            about.append(labelled("Known damage in this text: ", passage.damage))
        with VerticalScroll(id="opinion-about"):
            yield Static(Content("\n").join(about))
        with VerticalScroll(id="opinion"):
            if passage.text is None:
                yield Static(inert(f"The source file is missing: {passage.path}"))
            else:
                for number, content in enumerate(paragraphs(passage)):
                    hit = passage.location is not None and number == passage.location.paragraph
                    yield Static(content, classes="paragraph hit" if hit else "paragraph")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = self.passage.title, clean(self.quote.pin)
        hits = self.query(".hit")
        if hits:
            self.call_after_refresh(self.query_one("#opinion").scroll_to_widget, hits.first(), animate=False, top=True)
        self.query_one("#opinion").focus()
