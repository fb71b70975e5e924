"""The study layer's blocks as widgets: a `Static` each, and a focusable block for each quote."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tutor.scenario.model import Quote
from tutor.study.said import Block
from tutor.study.said import heading as said_heading
from tutor.ui.render import block_content


@dataclass
class OpenQuote(Message):
    """Show `quote` in its opinion (a doctrine entry's quote in the doctrine file's source)."""

    quote: Quote
    from_doctrine: bool = False


class QuoteBlock(Static, can_focus=True):
    """A quote; focus it and press o (or Enter) to read it in the opinion."""

    BINDINGS = [Binding("o,enter", "open", "Open in opinion", id="open-quote")]

    def __init__(self, quote: Quote, content: Content, from_doctrine: bool = False, **kwargs: object) -> None:
        super().__init__(content, classes="quote", **kwargs)  # type: ignore[arg-type]
        self.quote, self.from_doctrine = quote, from_doctrine

    def action_open(self) -> None:
        self.post_message(OpenQuote(self.quote, self.from_doctrine))


def block_widgets(blocks: Iterable[Block]) -> Iterable[Widget]:
    """A widget per block, its kind and tone as CSS classes."""
    for block in blocks:
        if block.quote is not None:
            yield QuoteBlock(block.quote, block_content(block), block.from_doctrine)
        else:
            yield Static(block_content(block), classes=f"{block.kind} {block.tone}".strip())


class BlocksView(Vertical):
    """Blocks of what is said (feedback, the court, later law, a summary), in order."""

    def __init__(self, blocks: Sequence[Block], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.blocks = list(blocks)

    def compose(self) -> ComposeResult:
        yield from block_widgets(self.blocks)


def heading(text: str) -> BlocksView:
    """A heading in the tutor's words, styled as every block heading is."""
    return BlocksView([said_heading(text)])
