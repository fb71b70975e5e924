"""How much work a quote or an errata file may cause: word comparisons, counted and capped.

A hostile (or merely unlucky) file must not make the checker run for minutes: an
ellipsis quote of common words, or an errata file whose damaged span is "the", once
made a 500 KB source take 52 s and 7.5 GB. Every comparison of a source word with a
quote's or an erratum's word goes through a `Budget`, so the work is counted (a test
holds it to a multiple of the source's words) and a search that would exceed its
allowance stops with `TooCostly`, which the checker reports on the quote's line.
"""

from __future__ import annotations

from dataclasses import dataclass

STEPS_PER_SOURCE_WORD = 64
"""A quote search may compare this many words per word of its source before it gives up.

Real quotes cost a few comparisons per occurrence of their rarest word, far below this."""
MIN_STEPS = 200_000
"""The allowance of a search in a small source, where a multiple of its words would be tiny."""


class TooCostly(Exception):
    """A search spent its allowance of word comparisons; the message says how many."""


@dataclass
class Meter:
    """Word comparisons made since the last reset, across every search (read by the tests and bench)."""

    count: int = 0

    def reset(self) -> None:
        self.count = 0


comparisons = Meter()


@dataclass
class Budget:
    """An allowance of word comparisons for one search."""

    limit: int
    spent: int = 0

    @classmethod
    def for_source(cls, words: int) -> Budget:
        return cls(max(MIN_STEPS, STEPS_PER_SOURCE_WORD * words))

    def spend(self, steps: int = 1) -> None:
        """Count `steps` comparisons; raise TooCostly once the allowance is gone."""
        self.spent += steps
        comparisons.count += steps
        if self.spent > self.limit:
            raise TooCostly(f"more than {self.limit:,} word comparisons")
