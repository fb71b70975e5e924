"""The shipped opinion, opened at a quoted passage: highlighted, with its pin and the source's known damage.

Only a window of paragraphs around the passage is shown (`passage.WINDOW` on each
side), in three widgets (before, the passage, after), and `m` widens it: opening the
view costs the same on a 4 MB source as on a 40 KB one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.sources.passage import WINDOW, Passage, where
from tutor.study.said import quote_block
from tutor.terminal_text import clean
from tutor.ui.render import block_content, inert, labelled


def paragraph(passage: Passage, number: int) -> Content:
    """Line `number` of the source, the quote's spans highlighted where it stands."""
    content = inert(passage.line(number))
    for start, end in passage.spans_in(number):
        content = content.stylize("reverse bold", start, end)
    return content


def paragraphs(passage: Passage, numbers: range) -> Content:
    """Lines `numbers` of the source, a blank line between paragraphs."""
    return Content("\n\n").join(paragraph(passage, n) for n in numbers)


class OpinionScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,o", "dismiss", "Back", id="opinion-back"),
        Binding("m", "more", "More of the opinion", id="opinion-more"),
    ]

    def __init__(self, passage: Passage) -> None:
        super().__init__()
        self.passage, self.quote = passage, passage.quote
        self.shown = WINDOW

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
                yield Static(inert(f"The source file {passage.missing}: {passage.path}"))
            else:
                yield Static(id="opinion-before", classes="paragraph")
                yield Static(id="opinion-hit", classes="paragraph hit" if passage.location else "paragraph")
                yield Static(id="opinion-after", classes="paragraph")
                yield Static(id="opinion-extent")
        yield Footer()

    def _fill(self) -> None:
        """Show `self.shown` paragraphs on each side of the passage, and say how many of how many that is."""
        passage = self.passage
        window = passage.window(self.shown)
        centre = passage.location.paragraph if passage.location is not None else window.start
        before, after = range(window.start, centre), range(centre + 1, window.stop)
        for name, numbers in (("before", before), ("after", after)):
            widget = self.query_one(f"#opinion-{name}", Static)
            widget.update(paragraphs(passage, numbers))
            widget.display = bool(numbers)
        self.query_one("#opinion-hit", Static).update(paragraph(passage, centre))
        whole = len(window) == passage.line_count
        extent = f"Paragraphs {window.start + 1}-{window.stop} of {passage.line_count:,}."
        self.query_one("#opinion-extent", Static).update(
            Content(extent if whole else f"{extent} Press m for more of the opinion.")
        )

    def action_more(self) -> None:
        if self.passage.text is not None and len(self.passage.window(self.shown)) < self.passage.line_count:
            self.shown += WINDOW
            self._fill()
            self._to_passage()

    def _to_passage(self) -> None:
        scroll = self.query_one("#opinion")
        self.call_after_refresh(scroll.scroll_to_widget, self.query_one("#opinion-hit"), animate=False, top=True)

    def on_mount(self) -> None:
        self.title, self.sub_title = self.passage.title, clean(self.quote.pin)
        if self.passage.text is not None:
            self._fill()
            if self.passage.location is not None:
                self._to_passage()
        self.query_one("#opinion").focus()
