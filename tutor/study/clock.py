"""The clock a walk is timed by, and what a timed exam has left: standard library only, so the full-screen
app's first frame (which imports the recorder) loads no scenario model. `tutor.study.timing` does the rest."""

from __future__ import annotations

from typing import Protocol


class Clock(Protocol):
    """Seconds from any fixed point, never going back (`time.monotonic`); tests pass a fake one."""

    def __call__(self) -> float: ...


class ExamTime:
    """What a timed exam has left: its limit less the seconds already spent and the current question's."""

    def __init__(self, limit: float, used: float = 0.0) -> None:
        self.limit, self.used = limit, used

    def left(self, current: float) -> float:
        return max(0.0, self.limit - self.used - current)
