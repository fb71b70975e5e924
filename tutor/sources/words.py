"""What counts as a word when a quote is compared with its source, and which marks are page markers.

Case, punctuation, page markers and footnote calls are formatting, not words: `[T]he`
is `the` (brackets mark an editor's change of case), `Quaine’s` is `quaines`, `*535`
between words is dropped, `dan*535ger` is `danger`, `house,[fn 1] She` is `house she`,
and `[sic]` is skipped. Quotes, sources, errata and headings all go through these same
functions, so they can never disagree on a word.

A source declares how its pages are marked (`MarkerForm`, from its header's `MARKERS:`
line): bare `*535` (the default), or bracketed `[*7]`, optionally naming the reporter
whose pages they are (`[127 S. Ct. *1779]`). In a bracketed source a bare `*289`
(Blackstone's page, quoted in Garner) is the court's text, so it is a word there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BARE_PAGE = re.compile(r"\*(?P<page>\d{1,5})(?!\d)")
BRACKETED_PAGE = re.compile(r"\[(?:(?P<reporter>\d+\s[^\[\]*]*?)\s*)?\*(?P<page>\d{1,5})\]")
FOOTNOTE_CALL = re.compile(r"\[fn\s(?P<number>\d+)\]")
WORD = re.compile(r"[\w\[\]'’ʼ]+")
_DROP = str.maketrans("", "", "[]'’ʼ_")


@dataclass(frozen=True)
class MarkerForm:
    """How one source marks its pages: bare `*535`, or bracketed `[*7]` / `[127 S. Ct. *1779]`."""

    bracketed: bool = False
    reporter: str | None = None  # "127 S. Ct.": the pages are that reporter's, not the case citation's

    @property
    def pattern(self) -> re.Pattern[str]:
        return BRACKETED_PAGE if self.bracketed else BARE_PAGE

    @property
    def formatting(self) -> re.Pattern[str]:
        """Everything in the text that is not words: its page markers and footnote calls."""
        return _BRACKETED_FORMATTING if self.bracketed else _BARE_FORMATTING

    def describe(self) -> str:
        if not self.bracketed:
            return "*535"
        return f"[{self.reporter} *1779]" if self.reporter else "[*7]"


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.sub(r"\?P<\w+>", "", p.pattern) for p in patterns))


BARE = MarkerForm()
_BRACKETED_FORMATTING = _either(BRACKETED_PAGE, FOOTNOTE_CALL)
_BARE_FORMATTING = _either(BARE_PAGE, FOOTNOTE_CALL)
# A quote may be copied from either kind of source: every kind of marker is formatting in it,
# unless the quote is compared with a bracketed source, where a bare `*289` is a word.
_ANY_FORMATTING = _either(BRACKETED_PAGE, BARE_PAGE, FOOTNOTE_CALL)
# The markers a `MARKERS:` header line may declare.
_DECLARED = re.compile(r"^(?:\*N|\[\*N\]|\[(?P<reporter>\d+\s[^\[\]*]*?)\s*\*N\])$")


def parse_marker_form(declared: str) -> MarkerForm | None:
    """`*N`, `[*N]` or `[127 S. Ct. *N]` as a MarkerForm; None when it is none of these."""
    found = _DECLARED.match(" ".join(declared.split()))
    if found is None:
        return None
    if found.group().startswith("*"):
        return BARE
    reporter = found["reporter"]
    return MarkerForm(bracketed=True, reporter=" ".join(reporter.split()) if reporter else None)


def strip_formatting(text: str, form: MarkerForm | None = None) -> str:
    """The text without page markers and footnote calls (of `form`; of any kind when no form is given)."""
    return (form.formatting if form else _ANY_FORMATTING).sub("", text)


def word_key(raw: str) -> str:
    """A word as compared: lower case, without brackets or apostrophes; `[sic]` is no word at all.

    `[sic]` marks an error reproduced on purpose, by a quote or by the court itself
    ("Detective Mocker’s [sic] path"), so it is skipped on both sides.
    """
    key = raw.translate(_DROP).lower()
    return "" if key == "sic" and raw.lower() == "[sic]" else key


def words_of(text: str, form: MarkerForm | None = None) -> list[str]:
    """The compared words of a text, page markers and footnote calls removed first."""
    keys = (word_key(raw) for raw in WORD.findall(strip_formatting(text, form)))
    return [k for k in keys if k]
