"""The review log as `fsrs.ReviewLog` dictionaries (`qi-tutor export --format reviews`).

An instructor pools a class's logs and fits FSRS parameters to them with
`fsrs[optimizer]` (not a dependency: it brings torch); the class then puts them in
the `review.parameters` setting (`review.scheduler_with`). docs/lms.md says how.

Each card keeps the id FSRS gave it when the student first answered its node (the
time to the millisecond), so two students' cards for the same node stay apart when
their logs are pooled. Cards first answered in the same millisecond (a script, a
test's frozen clock) would share it, and FSRS groups a log by card id, so each later
one takes the next free id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fsrs import Rating, ReviewLog

from tutor.store.progress import ProgressStore
from tutor.store.values import BadValue, json_value, time_value

if TYPE_CHECKING:
    from fsrs.review_log import ReviewLogDict


def review_logs(store: ProgressStore) -> list[ReviewLogDict]:
    """Every review, oldest first, as `ReviewLog.to_dict()` gives it (a row that cannot be read is left out)."""
    card_ids: dict[tuple[str, str, str], int] = {}
    for row in store.rows("SELECT scenario_id, node_id, node_hash, card FROM cards"):
        try:
            card = json_value(row["card"], "card", f"the card for {row['scenario_id']} {row['node_id']}")
            card_ids[(row["scenario_id"], row["node_id"], row["node_hash"])] = int(card["card_id"])
        except (BadValue, KeyError, TypeError, ValueError):
            continue  # its first review's time is the id it was given (see `ReviewQueue.rate`)
    ids: dict[tuple[str, str, str], int] = {}  # the id each card goes by in the log: unique, unlike FSRS's
    logs = []
    for row in store.rows(
        "SELECT id, scenario_id, node_id, node_hash, rating, reviewed_at FROM reviews ORDER BY reviewed_at, id"
    ):
        key = (row["scenario_id"], row["node_id"], row["node_hash"])
        try:
            when = time_value(row["reviewed_at"], "review time", f"review {row['id']}")
            rating = Rating(int(row["rating"]))
        except BadValue as problem:
            store.warn(problem, "that review is left out")
            continue
        except (TypeError, ValueError):
            store.warn(BadValue(f"review {row['id']}: its rating is not one of FSRS's"), "that review is left out")
            continue
        if key not in ids:
            ids[key] = _unused(card_ids.get(key, int(when.timestamp() * 1000)), set(ids.values()))
        logs.append(ReviewLog(card_id=ids[key], rating=rating, review_datetime=when, review_duration=None).to_dict())
    return logs


def _unused(card_id: int, taken: set[int]) -> int:
    while card_id in taken:
        card_id += 1
    return card_id
