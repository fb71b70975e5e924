"""Before a walk starts: resume, restart because the file changed, retry the mistakes, or a new walk.

The rules and their words live here; the UI shows them as a menu, plain mode as a
question at the prompt.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.engine.session import AnswerError, Mode, Session
from tutor.store.progress import SavedAttempt
from tutor.study.playable import Playable
from tutor.study.recorder import Attempt, Recorder
from tutor.study.timing import DEFAULT_MINUTES
from tutor.study.walk import Walk

CHANGED = (
    "This scenario has changed since your unfinished attempt, so it cannot resume "
    "where you stopped. Start again; your earlier answers stay in your history."
)
NOTHING_TO_RETRY = "Nothing to retry: your last attempt at this scenario missed no question (or there is none)."


@dataclass(frozen=True)
class StartOffer:
    """What the student may choose for one scenario."""

    title: str
    saved: SavedAttempt | None  # an unfinished attempt
    changed: bool  # the scenario file changed since that attempt began: it cannot resume
    missed: tuple[str, ...]  # questions missed in the last attempt, still in the scenario
    minutes: int = DEFAULT_MINUTES  # what the timed exam allows (`--minutes`, else the default)

    @property
    def can_resume(self) -> bool:
        return self.saved is not None and not self.changed

    def choices(self) -> list[tuple[str, str]]:
        """(id, words) for each way to start, in the order offered."""
        found: list[tuple[str, str]] = []
        if self.saved is not None and self.can_resume:
            found.append(
                ("resume", f"Resume where you stopped ({self.saved.answered} answered, {self.saved.mode} mode)")
            )
        found.append(("tutor", "Tutor mode: feedback after every question"))
        found.append(("exam", "Exam mode: all feedback at the end"))
        found.append(("timed", f"Timed exam: {self.minutes} minutes on the clock, all feedback at the end"))
        if self.missed:
            found.append(("retry", f"Retry mistakes: the {len(self.missed)} question(s) missed last time"))
        return found


def retrying(count: int) -> str:
    return f"Retrying the {count} question(s) you missed last time."


def offer(recorder: Recorder, playable: Playable, minutes: int | None = None) -> StartOffer:
    scenario = playable.scenario
    saved = recorder.resumable(scenario.id)
    missed = tuple(n for n in recorder.missed(scenario.id) if n in scenario.nodes)
    changed = saved is not None and saved.content_hash != playable.content_hash
    return StartOffer(scenario.title, saved, changed, missed, minutes or DEFAULT_MINUTES)


def begin(recorder: Recorder, playable: Playable, start: StartOffer, choice: str, mode: Mode = "tutor") -> Walk:
    """The walk `choice` ("resume", "tutor", "exam", "timed" or "retry", in `mode`) asks for, with its attempt.

    "timed" is an exam with `start.minutes` on the clock. Starting anew abandons an
    unfinished attempt (its answers stay in the history). A resume whose answers no
    longer replay against the scenario starts anew, and says so; a resumed timed exam
    keeps the time already used.
    """
    scenario, digest, saved = playable.scenario, playable.content_hash, start.saved
    if choice == "resume" and saved is not None:
        try:
            session = Session.from_dict(scenario, saved.state)
        except AnswerError as error:
            recorder.notify(f"Could not resume ({error}); starting again.")
            choice = saved.mode
        else:
            attempt = Attempt(recorder, session)
            attempt.resume(saved.attempt_id, saved)
            return Walk(playable, session, attempt)
        choice = "timed" if saved.time_limit else choice
    if saved is not None:
        recorder.abandon(saved.attempt_id)
    mode = "exam" if choice in ("exam", "timed") else mode if choice == "retry" else "tutor"
    nodes = list(start.missed) if choice == "retry" else None
    session = Session(scenario, mode=mode, nodes=nodes, content_hash=digest)
    limit = start.minutes * 60.0 if choice == "timed" else None
    return Walk(playable, session, Attempt(recorder, session, time_limit=limit))
