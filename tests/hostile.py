"""Hostile inputs of a chosen size, shared by the tests and `bench/`: sources, errata, quotes.

The red-team shapes of issue 9: a large source of a few common words, repeated, so
every quote word occurs thousands of times; an errata file whose damaged spans are
common phrases, and a few rare ones near which every reading must be tried; an
ellipsis quote whose first fragment stands late in every paragraph and its second
early, so each of thousands of heads must look for a chain and find none.
"""

from __future__ import annotations

import random
from pathlib import Path

COMMON = ["officer", "suspect", "vehicle", "court", "jury", "threat", "force", "record", "window", "driver", "moment"]
EARLY = "officer estate says the car moved away"  # fragment two: early in each paragraph
LATE = "court officer says the car turned toward him"  # fragment one: late in each paragraph
QUOTE = f"{LATE} . . . {EARLY}"
RARE = [f"rare{n}" for n in range(30)]


def source(size: int, seed: int = 9) -> str:
    """About `size` bytes of paragraphs of common words, each with the quote's second fragment
    many times before its first: every head looks for a chain, and none is in order."""
    rng = random.Random(seed)
    lines: list[str] = []
    total = 0
    while total < size:
        words = [rng.choice(COMMON) for _ in range(rng.randint(10, 40))]
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), f"{rng.choice(RARE)} {rng.choice(COMMON)}")
        line = " ".join([EARLY] * 12 + words + [LATE] * 12) + "."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def errata(size: int = 4_000, seed: int = 9) -> str:
    """About `size` bytes of errata: common words as damaged spans (ambiguous) and rare spans, with long readings."""
    rng = random.Random(seed)
    out = ["format: 1", "damage: Generated hostile errata.", "errata:"]
    n = 0
    while sum(len(line) + 1 for line in out) < size:
        damaged = RARE[n % len(RARE)] if n % 3 == 0 else rng.choice(COMMON)
        reading = " ".join(rng.choice(COMMON) for _ in range(6))
        out += [f"  - damaged: {damaged}", f"    reading: {reading}"]
        n += 1
    return "\n".join(out) + "\n"


def write_source(folder: Path, name: str, size: int, with_errata: bool = True) -> Path:
    """`folder/name.txt` of about `size` bytes, with a 4 KB errata file beside it when asked."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(source(size), encoding="utf-8")
    if with_errata:
        (folder / f"{name}.errata.yaml").write_text(errata(), encoding="utf-8")
    return path
