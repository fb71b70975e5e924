"""Author text and the study layer's blocks to inert Textual content: the one door every string passes through.

Textual parses a plain `str` given to `Static`, `Label`, `OptionList` and friends as
markup. In author text that means `[/]` crashes the app, `[citation needed]` silently
vanishes and `[@click=app.quit]` becomes a live action. Everything a scenario, the
doctrine file or an opinion says is therefore wrapped in `Content`, which Textual
shows character for character, with what a terminal would obey stripped
(`tutor.terminal_text.clean`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content

from tutor.terminal_text import clean

if TYPE_CHECKING:  # the library imports this module: its first frame must not load the scenario model
    from tutor.study.said import Block, Row


def inert(text: str, style: str = "") -> Content:
    """Author text as inert content, optionally in one style (e.g. "bold")."""
    return Content.styled(clean(text), style) if style else Content(clean(text))


def labelled(label: str, text: str, label_style: str = "bold") -> Content:
    """`label` (our words, styled) followed by author text (inert)."""
    return Content.assemble((label, label_style), inert(text))


def lines(parts: Iterable[Content | str]) -> Content:
    """Join pieces of content, one per line; bare strings are treated as author text."""
    return Content("\n").join(p if isinstance(p, Content) else inert(p) for p in parts)


def row_content(row: Row) -> Content:
    """One row of the study layer's spans."""
    return Content.assemble(*(inert(span.text, span.style) for span in row))


def block_content(block: Block) -> Content:
    """A block's rows, one per line."""
    return Content("\n").join(row_content(r) for r in block.rows)
