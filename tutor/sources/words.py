"""What counts as a word when a quote is compared with its source.

Case, punctuation and star-page markers are formatting, not words: `[T]he` is `the`
(brackets mark an editor's change of case), `Quaine’s` is `quaines`, `*535` between
words is dropped, `dan*535ger` is `danger`, and `[sic]` is skipped. Quotes, sources, errata and headings
all go through these same functions, so they can never disagree on a word.
"""

from __future__ import annotations

import re

STAR_PAGE = re.compile(r"\*(\d{3,4})")
WORD = re.compile(r"[\w\[\]'’ʼ]+")
_DROP = str.maketrans("", "", "[]'’ʼ_")


def word_key(raw: str) -> str:
    """A word as compared: lower case, without brackets or apostrophes; `[sic]` is no word at all.

    `[sic]` marks an error reproduced on purpose, by a quote or by the court itself
    ("Detective Mocker’s [sic] path"), so it is skipped on both sides.
    """
    key = raw.translate(_DROP).lower()
    return "" if key == "sic" and raw.lower() == "[sic]" else key


def words_of(text: str) -> list[str]:
    """The compared words of a text (star-page markers removed first)."""
    keys = (word_key(raw) for raw in WORD.findall(STAR_PAGE.sub("", text)))
    return [k for k in keys if k]
