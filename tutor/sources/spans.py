"""Words an author's prose puts in double quotes: a text's words, which the checker finds and play pins.

A student reads `the court "does not defer"` in feedback, a prompt or an analysis as the
court's words just as surely as a `quotes` entry. One rule says what such a span is, for
the checker (`prose-quote-unfound`: the words must be in a shipped text) and for the study
layer (the page or heading they stand under is shown after them).

Single quotes (‘…’) are for what is not a text's words: a label on screen ('Disputed'),
a position put in a phrase, a term. Spans of one word are left alone: a single quoted
word is a term far more often than a quotation, and cannot misquote a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# An opening double quote starts the text or follows a space or an opening bracket or dash
# (so the inch mark in 5'5" opens nothing); the closing one is not followed by a letter.
SPAN = re.compile(r"""(?:^|(?<=[\s(\[{—–/-]))["“]([^"“”]+)["”](?!\w)""")
MIN_WORDS = 2
# After the closing quote, the author's own parenthetical: a pin (or "emphasis added") already given.
OWN_PARENTHETICAL = re.compile(r"\s*\(")


@dataclass(frozen=True)
class QuotedSpan:
    """The words inside the quotation marks, and where in the prose its closing mark ends."""

    words: str
    end: int
    followed_by_parenthetical: bool


def quoted_spans_at(text: str) -> Iterator[QuotedSpan]:
    """Each span of two words or more that `text` puts in double quotes, with where it ends."""
    for found in SPAN.finditer(text):
        if len(re.findall(r"\w+", found.group(1))) >= MIN_WORDS:
            own = OWN_PARENTHETICAL.match(text, found.end()) is not None
            yield QuotedSpan(found.group(1), found.end(), own)


def quoted_spans(text: str) -> Iterator[str]:
    """The words of each span of two words or more that `text` puts in double quotes."""
    for span in quoted_spans_at(text):
        yield span.words
