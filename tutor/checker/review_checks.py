"""A scenario's review record against the texts it quotes: a review is repeated when a source changes.

`reviewed:` records the sha256 of each source as the reviewer read it. When a text
changes (an erratum fixed, a fuller copy imported), every quote and holding drawn from
it deserves another reading, so the checker warns (`review-stale`), naming the source,
until someone reviews again and `qi-tutor reviewed` records the new hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.scenario.problems import LoadedFile, Problem

AGAIN = "read the scenario against the text again, then run: qi-tutor reviewed FILE --by NAME"


def review_hash(path: Path) -> str:
    """How a review names the version of a text it read: its bytes, whatever line ends a checkout gave it."""
    return "sha256:" + hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def current_hashes(scenario: Scenario, scenario_path: Path) -> dict[str, str]:
    """Each source that can be read now, by id, with its hash (paths are relative to the scenario's folder)."""
    hashes = {}
    for source in scenario.case.sources:
        try:
            hashes[source.id] = review_hash(scenario_path.parent / source.path)
        except OSError:
            continue  # a missing or unreadable source has its own error (source-missing, source-unreadable)
    return hashes


def review_stale(scenario: Scenario, loaded: LoadedFile, _context: BankContext) -> Iterator[Problem]:
    review = scenario.reviewed
    if review is None:
        return
    when = f"the review by {review.by} on {review.date.isoformat()}"
    for source_id, now in current_hashes(scenario, loaded.path).items():
        then = review.sources.get(source_id)
        if then is None:
            yield loaded.problem(
                ("reviewed", "sources"), "review-stale", f"source {source_id} was not read in {when}", AGAIN, "warning"
            )
        elif then != now:
            yield loaded.problem(
                ("reviewed", "sources", source_id),
                "review-stale",
                f"source {source_id} has changed since {when}",
                AGAIN,
                "warning",
            )
    for source_id in review.sources.keys() - {s.id for s in scenario.case.sources}:
        yield loaded.problem(
            ("reviewed", "sources", source_id),
            "review-stale",
            f"the review names source {source_id}, which the case no longer lists",
            AGAIN,
            "warning",
        )
