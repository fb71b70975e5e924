"""A timed exam's clock: a line under the header with the time left, a warning at five minutes, and
`TimeUp` at zero. It reads the attempt's time (`tutor.study.timing`), whose clock tests replace."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from tutor.study.recorder import Attempt
from tutor.study.timing import FIVE_MINUTES, WARN_AT, time_left


class ExamClock(Static):
    """Redrawn every second; the screen closes answers on `TimeUp`."""

    class TimeUp(Message):
        """The time left reached zero."""

    def __init__(self, attempt: Attempt, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.attempt = attempt
        self.warned = False
        self.up = False

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        """Show the time left; warn once at five minutes; post TimeUp once at zero."""
        left = self.attempt.time_left()
        if left is None or self.up:
            return
        self.update(time_left(left))
        if left <= WARN_AT and not self.warned:
            self.warned = True
            self.add_class("-warning")
            self.notify(FIVE_MINUTES, severity="warning")
        if left <= 0:
            self.up = True
            self.post_message(self.TimeUp())
