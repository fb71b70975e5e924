"""The shipped opinion, opened at a quoted passage: highlighted, with its pin and the source's known damage."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.scenario.errata import errata_path
from tutor.scenario.load import load_model
from tutor.scenario.model import ErrataFile, Quote
from tutor.scenario.problems import ScenarioError
from tutor.scenario.quotes import QuoteLocation, locate_quote
from tutor.scenario.sources import source_text
from tutor.ui.play import Play
from tutor.ui.render import clean, labelled, plain
from tutor.ui.widgets.court import quote_content


def known_damage(source: Path) -> str | None:
    path = errata_path(source)
    if not path.is_file():
        return None
    try:
        errata, _ = load_model(path, ErrataFile)
    except ScenarioError as error:
        return f"The errata file could not be read: {error}"
    return errata.damage


def where(location: QuoteLocation | None) -> str:
    if location is None:
        return "Not found in the shipped text (its damage may hide it); the opinion opens at the top."
    if location.pages is not None:
        first, last = location.pages
        return f"Found on page *{first}" + (f"-*{last}" if last != first else "") + f", paragraph {location.paragraph + 1}."
    found = f"Found in paragraph {location.paragraph + 1}"
    return found + (f", under the heading “{clean(location.heading)}”." if location.heading else ".")


def paragraphs(text: str, location: QuoteLocation | None) -> list[Content]:
    """One content per line of the source, the quote's spans highlighted where it stands."""
    found, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        content = plain(line)
        if location is not None and number == location.paragraph:
            for start, end in location.spans:
                content = content.stylize("reverse bold", start - offset, end - offset)
        found.append(content)
        offset += len(line) + 1
    return found


class OpinionScreen(Screen[None]):
    BINDINGS = [Binding("escape,o", "dismiss", "Back", id="opinion-back")]

    def __init__(self, play: Play, quote: Quote) -> None:
        super().__init__()
        self.play, self.quote = play, quote
        self.path = play.source_path(quote.source)

    def compose(self) -> ComposeResult:
        yield Header()
        location = locate_quote(self.quote.text, self.path) if self.path.is_file() else None
        damage = known_damage(self.path)
        about = [quote_content(self.quote), Content(where(location))]
        if damage:
            about.append(labelled("Known damage in this text: ", damage))
        with VerticalScroll(id="opinion-about"):
            yield Static(Content("\n").join(about))
        with VerticalScroll(id="opinion"):
            if not self.path.is_file():
                yield Static(plain(f"The source file is missing: {self.path}"))
            else:
                for number, content in enumerate(paragraphs(source_text(self.path).text, location)):
                    hit = location is not None and number == location.paragraph
                    yield Static(content, classes="paragraph hit" if hit else "paragraph")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = self.play.source_title(self.quote.source), clean(self.quote.pin)
        hits = self.query(".hit")
        if hits:
            self.call_after_refresh(self.query_one("#opinion").scroll_to_widget, hits.first(), animate=False, top=True)
        self.query_one("#opinion").focus()
