"""Spaced review of decision points with FSRS, rated from what happened -- never a self-grade.

A card is one decision node on the court's path, keyed by scenario id, node id and a
hash of the node's content: edit the node and the old card retires, a new one starts.
Every answer on such a node (in play, retry or review) is a review of its card:

- Good: full marks, no hint, and no upward correction of a short-answer mark;
- Hard: at least half the points, or any hint (a hinted answer is never Good);
- Again: less than half, hints or not (a failure is never Hard: Anki users learned
  that Hard reads as a pass).

The scheduler has no minute-scale learning steps: a decision point is reasoning over
facts, not a flashcard to flip again a minute later, and drilling today's mistakes is
what Retry is for. So the first interval is a day or more. Fuzzing is off: with a few
dozen cards there is no pile-up to spread, and "due in 2 days" stays predictable.
An instructor may replace FSRS's default parameters with ones fitted to the class's
review logs (the `review.parameters` setting, `scheduler_with`); the rules above stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fsrs import Card, Rating, Scheduler

from tutor import marks
from tutor.store.progress import ProgressStore, utc_stamp
from tutor.store.values import BadValue, json_value, time_value
from tutor.terminal_text import shown

if TYPE_CHECKING:
    from tutor.engine.session import Outcome
    from tutor.scenario.model import Scenario


def default_scheduler() -> Scheduler:
    return Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)


class BadParameters(ValueError):
    """`review.parameters` that FSRS cannot schedule with; the message says what is wrong."""


def scheduler_with(parameters: Sequence[Any] | None) -> Scheduler:
    """The review scheduler, with the instructor's fitted FSRS parameters when given.

    Everything else (no learning steps, no fuzz, 90% retention) stays as `default_scheduler`
    sets it, so fitted parameters change how intervals grow, not the tutor's rules.
    """
    default = default_scheduler()
    if parameters is None:
        return default
    expected = len(default.parameters)
    if not isinstance(parameters, list | tuple) or len(parameters) != expected:
        raise BadParameters(f"review.parameters wants a list of {expected} numbers (FSRS's fitted parameters)")
    for index, value in enumerate(parameters):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise BadParameters(f"review.parameters[{index}] is {shown(repr(value), 40)}, not a number")
    try:
        return Scheduler(
            parameters=[float(p) for p in parameters],
            desired_retention=default.desired_retention,
            learning_steps=default.learning_steps,
            relearning_steps=default.relearning_steps,
            maximum_interval=default.maximum_interval,
            enable_fuzzing=default.enable_fuzzing,
        )
    except ValueError as error:  # FSRS's own bounds, one line per parameter out of them
        raise BadParameters("review.parameters: " + "; ".join(str(error).splitlines()[1:] or [str(error)])) from None


@dataclass(frozen=True)
class DueCard:
    scenario_id: str
    node_id: str
    node_hash: str
    due: dt.datetime


def node_hash(scenario: Scenario, node_id: str) -> str:
    """A short hash of everything the node says: any edit makes it a new card."""
    content = json.dumps(scenario.nodes[node_id].model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def rating_for(outcome: Outcome) -> Rating:
    """The FSRS rating an answer earns; see the module docstring for the rules."""
    if outcome.earned < outcome.possible / 2 - marks.TOLERANCE:
        return Rating.Again
    corrected_up = outcome.corrected is not None and outcome.earned > outcome.auto_earned + marks.TOLERANCE
    if outcome.full_marks and outcome.hints_used == 0 and not corrected_up:
        return Rating.Good
    return Rating.Hard


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _card(store: ProgressStore, stored: str | None, key: tuple[str, str, str]) -> Card | None:
    """The stored card, or None (a fresh card) when there is none or it cannot be read."""
    if not stored:
        return None
    try:
        json_value(stored, "card", f"the card for {key[0]} {key[1]}")
        return Card.from_json(stored)
    except (BadValue, KeyError, TypeError, ValueError) as problem:
        store.warn(BadValue(str(problem)), "that card starts afresh")
        return None


class ReviewQueue:
    """The spaced-review cards in the progress store: what is due, rating an answer, retiring a card."""

    def __init__(self, store: ProgressStore, scheduler: Scheduler | None = None) -> None:
        self.store = store
        self.scheduler = scheduler or default_scheduler()

    def due(self, now: dt.datetime | None = None, limit: int | None = None) -> list[DueCard]:
        """Cards due by `now`, across all scenarios, most overdue first."""
        rows = self.store.rows(
            "SELECT scenario_id, node_id, node_hash, due FROM cards WHERE retired_at IS NULL AND due <= ?"
            " ORDER BY due, scenario_id, node_id LIMIT ?",
            (utc_stamp(_now(now)), -1 if limit is None else limit),
        )
        cards = []
        for r in rows:
            try:
                due = time_value(r["due"], "due time", f"the card for {r['scenario_id']} {r['node_id']}")
            except BadValue as problem:
                self.store.warn(problem, "that card is skipped")
                continue
            cards.append(DueCard(r["scenario_id"], r["node_id"], r["node_hash"], due))
        return cards

    def count_due(self, now: dt.datetime | None = None) -> int:
        rows = self.store.rows(
            "SELECT COUNT(*) AS n FROM cards WHERE retired_at IS NULL AND due <= ?", (utc_stamp(_now(now)),)
        )
        return int(rows[0]["n"]) if rows else 0

    def count_scheduled(self) -> int:
        """Every card still in the queue, due now or later."""
        rows = self.store.rows("SELECT COUNT(*) AS n FROM cards WHERE retired_at IS NULL")
        return int(rows[0]["n"]) if rows else 0

    def due_times(self, scenario_id: str, node_ids: list[str]) -> list[dt.datetime]:
        """When each of these nodes' cards falls due (a node without a card has none), soonest first."""
        marks = ", ".join("?" * len(node_ids))
        rows = self.store.rows(
            f"SELECT due FROM cards WHERE retired_at IS NULL AND scenario_id = ? AND node_id IN ({marks})"
            " AND datetime(due) IS NOT NULL ORDER BY due",
            (scenario_id, *node_ids),
        )
        return [dt.datetime.fromisoformat(r["due"]) for r in rows]

    def next_due(self) -> dt.datetime | None:
        """When the next card falls due (already past if some are due now); None with no cards."""
        rows = self.store.rows(
            "SELECT MIN(due) AS due FROM cards WHERE retired_at IS NULL AND datetime(due) IS NOT NULL"
        )
        return dt.datetime.fromisoformat(rows[0]["due"]) if rows and rows[0]["due"] else None

    def retire(self, scenario_id: str, node_id: str, now: dt.datetime | None = None) -> None:
        """The node is gone from its scenario: its cards stop falling due (they are kept)."""
        with self.store.write() as conn:
            conn.execute(
                "UPDATE cards SET retired_at = ? WHERE scenario_id = ? AND node_id = ? AND retired_at IS NULL",
                (utc_stamp(_now(now)), scenario_id, node_id),
            )

    def rate(self, scenario: Scenario, outcome: Outcome, now: dt.datetime | None = None) -> Rating | None:
        """Review the node's card with the rating the answer earned; None when the node is not a card.

        Call it after every answer, and again after a short-answer correction: rating
        the same answer again (same node, same answered_at) replaces its rating instead
        of reviewing the card twice.
        """
        from tutor.engine.session import court_path

        if outcome.possible <= 0 or outcome.node_id not in court_path(scenario):
            return None
        rating = rating_for(outcome)
        key = (scenario.id, outcome.node_id, node_hash(scenario, outcome.node_id))
        with self.store.write() as conn:
            last = conn.execute(
                "SELECT id, answered_at, reviewed_at, card_before FROM reviews WHERE scenario_id = ?"
                " AND node_id = ? AND node_hash = ? ORDER BY id DESC LIMIT 1",
                key,
            ).fetchone()
            remarked = last is not None and last[1] == outcome.answered_at
            if remarked:  # the same answer again (re-marked by the student): replace its rating
                _, _, reviewed_at, before = last
                when = dt.datetime.fromisoformat(reviewed_at)
            else:
                row = conn.execute(
                    "SELECT card FROM cards WHERE scenario_id = ? AND node_id = ? AND node_hash = ?", key
                ).fetchone()
                before, when = (row[0] if row else None), _now(now)
            start = _card(self.store, before, key) or Card(card_id=int(when.timestamp() * 1000), due=when)
            card, _ = self.scheduler.review_card(start, rating, when)
            if not remarked:
                conn.execute(
                    "INSERT INTO reviews (scenario_id, node_id, node_hash, rating, answered_at, reviewed_at,"
                    " card_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*key, int(rating), outcome.answered_at, utc_stamp(when), before),
                )
            else:
                conn.execute("UPDATE reviews SET rating = ? WHERE id = ?", (int(rating), last[0]))
            conn.execute(
                "INSERT INTO cards (scenario_id, node_id, node_hash, card, due) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (scenario_id, node_id, node_hash) DO UPDATE SET card = excluded.card,"
                " due = excluded.due",
                (*key, card.to_json(), utc_stamp(card.due)),
            )
            conn.execute(
                "UPDATE cards SET retired_at = ? WHERE scenario_id = ? AND node_id = ? AND node_hash != ?"
                " AND retired_at IS NULL",
                (utc_stamp(when), *key),
            )
        return rating
