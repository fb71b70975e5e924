"""How each new attempt's seed is drawn: the process's policy, from the command line or the environment.

`--seed N` or `QI_TUTOR_SEED=N` gives every attempt seed N (the same order of choices
each time: scripts, tests); `--no-shuffle` or `QI_TUTOR_SEED=off` gives none (file
order: authors proofreading); otherwise each attempt draws its own. The engine turns a
seed into an order (`tutor.engine.order`). This module imports nothing heavy, so the
command line can read the policy before the library has loaded the scenario model.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

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
