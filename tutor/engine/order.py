"""The order a question's choices are shown in: shuffled per attempt, from a seed kept with the attempt.

A right answer that always sits in one place, or a student who learns the places on a
retry, would be scored on memory of the screen rather than on the law. So each new
attempt (a walk, a retry, a review) draws a seed, and each choice node's order comes
from the seed and the node's id alone: the same attempt resumed or replayed shows the
same order, and a new attempt a new one. The seed is saved with the attempt; one saved
before seeds existed has none and plays in file order, as does a node with
`shuffle: false`.

The process's policy comes from the command line (`--seed N`, `--no-shuffle`) or the
environment (`QI_TUTOR_SEED=N`, or `off`): a fixed seed gives every attempt the same
order, for scripts and tests; no shuffle keeps file order, for authors proofreading.
"""

from __future__ import annotations

import os
import random
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the policy before anything loads the scenario model (pydantic)
    from tutor.scenario.model import ChoiceNode

SEED_ENV = "QI_TUTOR_SEED"
SEED_LIMIT = 2**31  # seeds are stored in SQLite INTEGER columns and typed by hand: keep them short


@dataclass
class SeedPolicy:
    seed: int | None = None  # a fixed seed for every attempt; None draws a new one each time
    shuffle: bool = True  # False: every attempt plays in file order


_policy = SeedPolicy()


def parse_seed(text: str) -> int:
    """A seed typed by a person: a whole number from 0; ValueError with a message otherwise."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"a seed is a whole number, not {text.strip()[:40]!r}") from None
    if not 0 <= value < SEED_LIMIT:
        raise ValueError(f"a seed is from 0 to {SEED_LIMIT - 1}, not {value}")
    return value


def configure(seed: int | None = None, shuffle: bool = True) -> None:
    """Set the process's policy (the CLI, from `--seed` and `--no-shuffle`, on every run); unset, the environment's."""
    _policy.seed, _policy.shuffle = seed, shuffle


def environment_policy() -> SeedPolicy:
    """`QI_TUTOR_SEED`: a seed, or `off` for file order; ValueError naming the variable otherwise."""
    text = os.environ.get(SEED_ENV, "").strip()
    if not text:
        return SeedPolicy()
    if text.lower() == "off":
        return SeedPolicy(shuffle=False)
    try:
        return SeedPolicy(seed=parse_seed(text))
    except ValueError as error:
        raise ValueError(f"{SEED_ENV}: {error} (or `off` for file order)") from None


def new_seed() -> int | None:
    """The seed for a new attempt under the process's policy; None means file order.

    The command line wins over the environment: `--no-shuffle`, then `--seed N`, then `QI_TUTOR_SEED`.
    """
    if not _policy.shuffle:
        return None
    if _policy.seed is not None:
        return _policy.seed
    env = environment_policy()
    if not env.shuffle:
        return None
    return env.seed if env.seed is not None else secrets.randbelow(SEED_LIMIT)


def choice_order(node: ChoiceNode, node_id: str, seed: int | None) -> list[str]:
    """The node's choice ids in the order this attempt shows them."""
    ids = [c.id for c in node.choices]
    if seed is None or not node.shuffle:
        return ids
    # A string seed is hashed with SHA-512, so the order is the same in every process and version of Python 3.
    random.Random(f"{seed}:{node_id}").shuffle(ids)
    return ids
