"""Author text to inert Textual content: the one door every YAML string passes through.

Textual parses a plain `str` given to `Static`, `Label`, `OptionList` and friends as
markup. In author text that means `[/]` crashes the app, `[citation needed]` silently
vanishes and `[@click=app.quit]` becomes a live action. Everything a scenario, the
doctrine file or an opinion says is therefore wrapped in `Content`, which Textual
shows character for character. Control characters are rejected by the checker; they
and bidirectional overrides are stripped here too (`tutor.terminal_text.clean`), as a
second line, because a terminal would obey them.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from tutor.terminal_text import clean

__all__ = ["bullets", "clean", "labelled", "lines", "plain"]


def plain(text: str, style: str = "") -> Content:
    """Author text as inert content, optionally in one style (e.g. "bold")."""
    return Content.styled(clean(text), style) if style else Content(clean(text))


def labelled(label: str, text: str, label_style: str = "bold") -> Content:
    """`label` (our words, styled) followed by author text (inert)."""
    return Content.assemble((label, label_style), plain(text))


def lines(parts: Iterable[Content | str]) -> Content:
    """Join pieces of content, one per line; bare strings are treated as author text."""
    return Content("\n").join(p if isinstance(p, Content) else plain(p) for p in parts)


def bullets(items: Iterable[str], bullet: str = "• ") -> Content:
    """A bulleted list of author strings."""
    return lines(Content.assemble(bullet, plain(item)) for item in items)
