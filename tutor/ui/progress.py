"""The progress store as the UI uses it: a failure becomes a notice, never a crash.

If the database cannot be opened or written (`StoreError`: locked, read-only, written by
a newer qi-tutor...), the student is told once, clearly, and carries on without saving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tutor.paths import Locations
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore, SavedAttempt, Unfinished

if TYPE_CHECKING:
    from tutor.engine.session import Outcome
    from tutor.scenario.model import Scenario

T = TypeVar("T")
Notify = Callable[[str], None]


class Progress:
    """Every store call the screens make, guarded."""

    def __init__(self, locations: Locations, notify: Notify) -> None:
        self.locations = locations
        self.notify = notify
        self.failed: str | None = None  # the StoreError message, once the store gave up
        self._store: ProgressStore | None = None

    def call(self, what: Callable[[ProgressStore], T], default: T) -> T:
        if self.failed is not None:
            return default
        try:
            if self._store is None:
                self._store = ProgressStore.open(self.locations.database, self.locations.backups)
            result = what(self._store)
        except StoreError as error:
            self.failed = str(error)
            self.notify(f"Progress is not being saved: {error}")
            return default
        for notice in self._store.notices:
            self.notify(notice)
        self._store.notices.clear()
        return result

    def start(
        self,
        scenario: Scenario,
        content_hash: str,
        mode: str,
        nodes: list[str] | None,
        purpose: str | None = None,
        seed: int | None = None,
    ) -> int | None:
        return self.call(
            lambda s: s.start_attempt(scenario.id, content_hash, mode, nodes, purpose=purpose, seed=seed), None
        )

    def answer(self, attempt_id: int | None, outcome: Outcome) -> None:
        if attempt_id is not None:
            self.call(lambda s: s.record_answer(attempt_id, outcome), None)

    def correction(self, attempt_id: int | None, outcome: Outcome) -> None:
        if attempt_id is not None:
            self.call(lambda s: s.record_correction(attempt_id, outcome), None)

    def finish(self, attempt_id: int | None) -> None:
        if attempt_id is not None:
            self.call(lambda s: s.finish_attempt(attempt_id), None)

    def abandon(self, attempt_id: int) -> None:
        self.call(lambda s: s.abandon_attempt(attempt_id), None)

    def resumable(self, scenario_id: str) -> SavedAttempt | None:
        return self.call(lambda s: s.resumable(scenario_id), None)

    def unfinished(self) -> dict[str, Unfinished]:
        return self.call(lambda s: s.unfinished(), {})

    def missed(self, scenario_id: str) -> list[str]:
        return self.call(lambda s: s.missed_in_last_attempt(scenario_id), [])

    def review(self, what: Callable[[Any], T], default: T) -> T:
        """Run `what(ReviewQueue)`, guarded like every other call."""
        from tutor.store.review import ReviewQueue

        return self.call(lambda s: what(ReviewQueue(s)), default)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
