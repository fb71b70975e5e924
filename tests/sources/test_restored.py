"""A quote is marked restored exactly where its words differ from the shipped copy as printed.

Real texts: Floyd's lower-cased copy (no 's, an erratum for "i do have a gun") and
Pearson's, whose page marker inside "diffi[*237]cult" is formatting, not a difference.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tutor.sources.quotes import search_quote
from tutor.sources.text import source_text

SOURCES = REPO / "scenarios" / "sources"
FLOYD = SOURCES / "floyd-v-city-of-detroit.txt"
PEARSON = SOURCES / "pearson-v-callahan-court.txt"


@pytest.mark.parametrize(
    ("source", "quote", "restored"),
    [
        (FLOYD, "however, is misplaced. the key distinction is that both of those cases", False),
        (FLOYD, "However, is misplaced. The key distinction is that both of those cases", True),  # capitals
        (FLOYD, "Quaine's reliance on adams and cameron, however, is misplaced.", True),  # the 's and capitals
        (FLOYD, "quaine's reliance on adams and cameron, however, is misplaced.", True),  # the 's alone
        (FLOYD, "quickly yelling, i don't have a gun", True),  # the erratum's reading
        (FLOYD, "[Q]uaine reliance on adams and cameron, however, is misplaced.", False),  # the quoter's bracket
        (PEARSON, "a substantial expenditure of scarce judicial resources on difficult questions", False),
    ],
)
def test_restored_marks_a_reading_the_copy_lacks(source: object, quote: str, restored: bool) -> None:
    found = search_quote(quote, source_text(source)).location  # type: ignore[arg-type]
    assert found is not None
    assert found.restored is restored
