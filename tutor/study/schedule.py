"""When review comes back, in words: what is due, how many are scheduled, the day a walk's points return.

Kept apart from `review` (which builds review walks and so loads the engine and the
format): the library's review entry is worded just after its first frame, and must
not pay for pydantic to say it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tutor.study.recorder import Recorder

if TYPE_CHECKING:
    from tutor.study.walk import Walk


def on_day(when: dt.datetime) -> str:
    """A due time as the day it falls on, in the student's own time zone: "2 December 2026"."""
    local = when.astimezone()
    return f"{local.day} {local:%B %Y}"


def _points(count: int) -> str:
    return f"{count} decision point{'' if count == 1 else 's'}"


def scheduled(recorder: Recorder) -> str:
    """How many decision points are scheduled and when the next falls due; "" when none is."""
    count = recorder.queue(lambda queue: queue.count_scheduled(), 0)
    upcoming = recorder.queue(lambda queue: queue.next_due(), None)
    if not count or upcoming is None:
        return ""
    verb = "is" if count == 1 else "are"
    return f"{_points(count)} {verb} scheduled, the next on {on_day(upcoming)}."


def review_line(recorder: Recorder) -> str:
    """The library's review entry: what is due now, else how many are scheduled and when the next is due."""
    due = recorder.count_due()
    if due:
        return f"Review: {_points(due)} due now ({scheduled(recorder)[:-1]})"
    later = scheduled(recorder)
    return f"Review: nothing due now; {later[:-1]}" if later else "Review: nothing scheduled yet; play a scenario first"


def nothing_due(recorder: Recorder) -> str:
    later = scheduled(recorder)
    if not later:
        return "Nothing is due for review, and nothing is scheduled yet. Play a scenario first."
    return f"Nothing is due for review now. {later}"


def review_finished(recorder: Recorder, answered: int) -> str:
    later = scheduled(recorder)
    return f"Review finished: {answered} question(s) rescheduled.{' ' + later if later else ''}"


def comes_back(walk: Walk) -> str | None:
    """After a walk: how many of its decision points come back for review, and the first one's day."""
    session = walk.session
    answered = list(dict.fromkeys(outcome.node_id for outcome in session.history))
    scenario_id, recorder = session.scenario.id, walk.attempt.recorder
    none: list[dt.datetime] = []
    times = recorder.queue(lambda queue: queue.due_times(scenario_id, answered), none)
    if not times:
        return None
    verb = "comes" if len(times) == 1 else "come"
    return f"{_points(len(times))} {verb} back for review, the first on {on_day(times[0])}."
