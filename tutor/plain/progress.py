"""Plain mode's link to the progress store: resume, retry, and every answer saved as given.

The store is a help, not a condition: when it cannot be used (`StoreError`: read-only,
locked, written by a newer version; or the data folder cannot be made) plain mode
says so once on standard error and carries on without saving, so a student is never
stopped from practising.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from rich.text import Text

from tutor.engine.session import AnswerError, Mode, Outcome, Session
from tutor.paths import Locations
from tutor.scenario.model import Scenario
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore, SavedAttempt
from tutor.store.review import ReviewQueue

T = TypeVar("T")


class Recorder:
    """Saves one walk's answers in the progress store; after a failure it stops trying."""

    def __init__(self, store: ProgressStore | None, err: Console) -> None:
        self.store = store
        self.err = err
        self.attempt_id: int | None = None

    @classmethod
    def open(cls, locations: Locations, err: Console) -> Recorder:
        return cls(ProgressStore.open(locations.database, locations.backups), err)

    def _use(self, action: Callable[[ProgressStore], T]) -> T | None:
        if self.store is None:
            return None
        try:
            return action(self.store)
        except (StoreError, OSError) as error:  # OSError: e.g. a file where the data folder should be
            self.err.print(Text(f"qi-tutor: progress will not be saved: {error}"))
            self.store.close()
            self.store = None
            return None
        finally:
            self._tell_notices()

    def _tell_notices(self) -> None:
        while self.store is not None and self.store.notices:
            self.err.print(Text(f"qi-tutor: {self.store.notices.pop(0)}"))

    def resumable(self, scenario_id: str) -> SavedAttempt | None:
        return self._use(lambda store: store.resumable(scenario_id))

    def missed(self, scenario_id: str) -> list[str]:
        return self._use(lambda store: store.missed_in_last_attempt(scenario_id)) or []

    def abandon(self, attempt_id: int) -> None:
        self._use(lambda store: store.abandon_attempt(attempt_id))

    def adopt(self, attempt_id: int) -> None:
        """Carry on recording into a resumed attempt."""
        self.attempt_id = attempt_id

    def answered(self, session: Session, outcome: Outcome) -> None:
        """Save an answer the moment it is given, and review its spaced-review card.

        The attempt itself is opened by the first answer, so a walk quit before any
        answer leaves no trace.
        """
        if self.attempt_id is None:
            self.attempt_id = self._use(
                lambda store: store.start_attempt(
                    session.scenario.id, session.content_hash, session.mode, session.nodes, seed=session.seed
                )
            )
        if self.attempt_id is not None:
            self._use(lambda store: store.record_answer(self.attempt_id, outcome))
            self._use(lambda store: ReviewQueue(store).rate(session.scenario, outcome))

    def corrected(self, session: Session, outcome: Outcome) -> None:
        """The student's own mark for a short answer; the card's rating follows it."""
        if self.attempt_id is not None:
            self._use(lambda store: store.record_correction(self.attempt_id, outcome))
            self._use(lambda store: ReviewQueue(store).rate(session.scenario, outcome))

    def finish(self) -> None:
        if self.attempt_id is not None:
            self._use(lambda store: store.finish_attempt(self.attempt_id))

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def begin(
    recorder: Recorder,
    ask_resume: Callable[[SavedAttempt], bool],
    scenario: Scenario,
    mode: Mode,
    retry: bool,
    content_hash: str,
    out: Console,
) -> Session | None:
    """The session to play: a resumed attempt, the questions missed last time, or a new walk.

    None when `retry` finds nothing to replay.
    """
    saved = recorder.resumable(scenario.id)
    if saved is not None:
        if ask_resume(saved):
            try:
                session = Session.from_dict(scenario, saved.state)
            except AnswerError as error:
                out.print(
                    Text(
                        f"That attempt no longer fits the scenario, which has changed since ({error}). "
                        "Starting a new one; the old answers stay in your history."
                    )
                )
            else:
                recorder.adopt(saved.attempt_id)
                return session
        recorder.abandon(saved.attempt_id)
    if not retry:
        return Session(scenario, mode=mode, content_hash=content_hash)
    missed = [node_id for node_id in recorder.missed(scenario.id) if node_id in scenario.nodes]
    if not missed:
        out.print("Nothing to retry: your last attempt at this scenario missed no question (or there is none).")
        return None
    out.print(Text(f"Retrying the {len(missed)} question(s) you missed last time."))
    return Session(scenario, mode=mode, nodes=missed, content_hash=content_hash)
