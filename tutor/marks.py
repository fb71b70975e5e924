"""Full marks: the one definition of the tolerance every score comparison uses.

Points are floats (a factor row is worth 1/3, a rubric item 0.5), so sums drift by a
few units in the last place; an answer within `TOLERANCE` of the possible points
has full marks. The engine, the checker, the review ratings and the stats' SQL all
use this.
"""

from __future__ import annotations

TOLERANCE = 1e-9
"""How far below the possible points an answer may fall and still have full marks."""


def full(earned: float, possible: float) -> bool:
    """Whether `earned` is full marks out of `possible`."""
    return earned >= possible - TOLERANCE
