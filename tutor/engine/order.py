"""The order a question's choices are shown in: shuffled per attempt, from a seed kept with the attempt.

A right answer that always sits in one place, or a student who learns the places on a
retry, would be scored on memory of the screen rather than on the law. So each new
attempt (a walk, a retry, a review) draws a seed (`tutor.seeds`), and each choice
node's order comes from the seed and the node's id alone: the same attempt resumed or
replayed shows the same order, and a new attempt a new one. The seed is saved with the
attempt; one saved before seeds existed has none and plays in file order, as does a
node with `shuffle: false`.
"""

from __future__ import annotations

import random

from tutor.scenario.model import ChoiceNode


def choice_order(node: ChoiceNode, node_id: str, seed: int | None) -> list[str]:
    """The node's choice ids in the order this attempt shows them."""
    return shown_order([c.id for c in node.choices], node_id, seed if node.shuffle else None)


def shown_order(ids: list[str], node_id: str, seed: int | None) -> list[str]:
    """Choice ids in file order as an attempt with `seed` shows them (an export rebuilds the order so)."""
    ids = list(ids)
    if seed is None:
        return ids
    # A string seed is hashed with SHA-512, so the order is the same in every process and version of Python 3.
    random.Random(f"{seed}:{node_id}").shuffle(ids)
    return ids
