"""The progress store as both front ends use it: a failure becomes one notice, never a crash.

If the database cannot be opened or written (`StoreError`: locked, read-only, written
by a newer qi-tutor...; or `OSError`: a file where the data folder should be), the
student is told once, through the front end's `notify`, and carries on without
saving. The store's own notices (a damaged file moved aside) go the same way.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tutor.paths import Locations
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore, SavedAttempt, Unanswered, Unfinished
from tutor.study.clock import Clock, ExamTime

if TYPE_CHECKING:
    from fsrs import Scheduler

    from tutor.engine.session import Outcome, Session
    from tutor.store.review import ReviewQueue

T = TypeVar("T")
Notify = Callable[[str], None]


class Recorder:
    """Every store call the front ends make, guarded; after a failure it stops trying."""

    def __init__(self, store: ProgressStore, notify: Notify, parameters: Any = None) -> None:
        self.store: ProgressStore | None = store
        self.notify = notify
        self.failed: str | None = None  # the error's message, once the store gave up
        self.review_time: dt.datetime | None = None  # "now" for the review queue; tests move it forward
        self.clock: Clock = time.monotonic  # times each question; tests pass a fake one and move it
        self.parameters = parameters  # the `review.parameters` setting, checked when the queue is first used
        self._scheduler: Scheduler | None = None

    @classmethod
    def at(cls, locations: Locations, notify: Notify) -> Recorder:
        from tutor.settings import Settings

        parameters = Settings.load(locations).review_parameters
        return cls(ProgressStore(locations.database, locations.backups), notify, parameters)

    def scheduler(self) -> Scheduler:
        """The review scheduler: the instructor's parameters, or FSRS's defaults (said once) when they are bad."""
        from tutor.store.review import BadParameters, default_scheduler, scheduler_with

        if self._scheduler is None:
            try:
                self._scheduler = scheduler_with(self.parameters)
            except BadParameters as error:
                self.notify(f"{error}; review uses FSRS's default parameters until the setting is fixed")
                self._scheduler = default_scheduler()
        return self._scheduler

    def use(self, action: Callable[[ProgressStore], T], default: T) -> T:
        """Run `action` on the store; on failure say so once and return `default`."""
        if self.store is None:
            return default
        try:
            return action(self.store)
        except (StoreError, OSError) as error:
            self.failed = str(error)
            self.notify(f"Progress is not being saved: {error}")
            self.store.close()
            self.store = None
            return default
        finally:
            while self.store is not None and self.store.notices:
                self.notify(self.store.notices.pop(0))

    def queue(self, action: Callable[[ReviewQueue], T], default: T) -> T:
        """Run `action(ReviewQueue)`, guarded like every other call."""
        from tutor.store.review import ReviewQueue  # loads the scheduler: paid on first use

        return self.use(lambda store: action(ReviewQueue(store, self.scheduler())), default)

    def resumable(self, scenario_id: str) -> SavedAttempt | None:
        return self.use(lambda store: store.resumable(scenario_id), None)

    def unfinished(self) -> dict[str, Unfinished]:
        return self.use(lambda store: store.unfinished(), {})

    def finished(self) -> set[str]:
        return self.use(lambda store: store.finished_scenarios(), set())

    def missed(self, scenario_id: str) -> list[str]:
        return self.use(lambda store: store.missed_in_last_attempt(scenario_id), [])

    def abandon(self, attempt_id: int) -> None:
        self.use(lambda store: store.abandon_attempt(attempt_id), None)

    def count_due(self) -> int:
        return self.queue(lambda queue: queue.count_due(self.review_time), 0)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


class Attempt:
    """One walk's record: opened by its first answer, so a walk quit before any answer leaves no trace.

    Every answer is saved the moment it is given, with the seconds since its question was
    `shown`, and rates the node's review card; a short-answer correction is saved and
    re-rates it. A timed exam (`time_limit` seconds) closes at zero (`time_up`).
    """

    def __init__(
        self, recorder: Recorder, session: Session, purpose: str | None = None, time_limit: float | None = None
    ) -> None:
        self.recorder, self.session, self.purpose = recorder, session, purpose
        self.attempt_id: int | None = None
        self.exam = ExamTime(time_limit) if time_limit else None
        self.seconds: list[float | None] = []  # per answer in the session's history: time on screen
        self.shown_at: float | None = None  # when the question on screen was shown, by the recorder's clock
        self.unanswered: list[Unanswered] = []  # set when a timed exam's time ran out

    def resume(self, attempt_id: int, saved: SavedAttempt | None = None) -> None:
        """Carry on recording into a resumed attempt; a timed exam keeps the time its answers used."""
        self.attempt_id = attempt_id
        if saved is not None:
            self.seconds = list(saved.seconds)
            if saved.time_limit:
                self.exam = ExamTime(saved.time_limit, sum(s or 0.0 for s in saved.seconds))

    # --- time ------------------------------------------------------------------------------

    def shown(self) -> None:
        """The front end has put the current question on screen: its time starts (once, however often redrawn)."""
        if self.shown_at is None:
            self.shown_at = self.recorder.clock()

    def _on_screen(self) -> float:
        return 0.0 if self.shown_at is None else max(0.0, self.recorder.clock() - self.shown_at)

    def time_left(self) -> float | None:
        """Seconds a timed exam has left (None: untimed)."""
        return None if self.exam is None else self.exam.left(self._on_screen())

    @property
    def timed_out(self) -> bool:
        return self.exam is not None and self.exam.left(self._on_screen()) <= 0

    def time_up(self) -> None:
        """Close a timed exam at zero: what was answered stays; the questions still open are recorded."""
        from tutor.study.timing import still_open  # the engine and the graph: loaded when time runs out

        if self.unanswered or self.session.finished:
            return
        self.unanswered = still_open(self.session)
        self.shown_at = None
        attempt, unanswered = self._opened(), self.unanswered
        if attempt is not None:
            self.recorder.use(lambda store: store.time_out(attempt, unanswered), None)

    def _opened(self) -> int | None:
        if self.attempt_id is None:
            session = self.session
            self.attempt_id = self.recorder.use(
                lambda store: store.start_attempt(
                    session.scenario.id,
                    session.content_hash,
                    session.mode,
                    session.nodes,
                    purpose=self.purpose,
                    seed=session.seed,
                    scenario=session.scenario,
                    time_limit=self.exam.limit if self.exam else None,
                ),
                None,
            )
        return self.attempt_id

    def _rate(self, outcome: Outcome) -> None:
        scenario, now = self.session.scenario, self.recorder.review_time
        self.recorder.queue(lambda queue: queue.rate(scenario, outcome, now), None)

    def answered(self, outcome: Outcome) -> None:
        seconds = None if self.shown_at is None else round(self._on_screen(), 3)
        self.shown_at = None
        self.seconds.append(seconds)
        if self.exam is not None:
            self.exam.used += seconds or 0.0
        attempt = self._opened()
        if attempt is not None:
            self.recorder.use(lambda store: store.record_answer(attempt, outcome, seconds=seconds), None)
            self._rate(outcome)

    def corrected(self, outcome: Outcome) -> None:
        """The student's own mark for a short answer; the card's rating follows it."""
        attempt = self.attempt_id
        if attempt is not None:
            self.recorder.use(lambda store: store.record_correction(attempt, outcome), None)
            self._rate(outcome)

    def finish(self) -> None:
        attempt = self.attempt_id
        if attempt is not None:
            self.recorder.use(lambda store: store.finish_attempt(attempt), None)
