"""Time: how long each question was on screen (every mode), and a timed exam's clock.

A question's time runs from the front end showing it (`Attempt.shown`) to its answer,
and is stored with the answer, so a resumed timed exam counts down from the seconds
already stored: a kill loses at most the current question's time. The clock is
injectable (`Clock`, `time.monotonic` by default), so tests move a fake one instead of
waiting. When a timed exam reaches zero no answer is taken; the questions still open
(from where the student stands, along the court's answers) are recorded as unanswered.
The words both front ends show about time live here too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.engine.session import Session, court_response
from tutor.scenario.graph import next_node
from tutor.scenario.model import ChoiceNode, EndNode
from tutor.store.progress import Unanswered
from tutor.store.stats import Stats
from tutor.study.clock import Clock, ExamTime

__all__ = ["Clock", "ExamTime"]  # the clock lives in tutor.study.clock, which the app's first frame can afford
from tutor.study.said import Block, block, heading, node_title, row
from tutor.study.words import points

DEFAULT_MINUTES = 30  # the start screen's timed exam when no --minutes was given
MAX_MINUTES = 600
WARN_AT = 5 * 60  # seconds left when the student is warned
FIVE_MINUTES = "Five minutes left."
TIME_UP = "Time is up: answers are closed. What you answered is kept; the rest is marked unanswered."
LATE = "Time ran out before that answer: it was not recorded."


def minutes_allowed(text: str) -> int:
    """`--minutes N`: a whole number of minutes from 1 to MAX_MINUTES; ValueError says what is wrong."""
    try:
        minutes = int(text)
    except ValueError:
        raise ValueError(f"wants a whole number of minutes, not {text!r}") from None
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValueError(f"wants 1 to {MAX_MINUTES} minutes, not {minutes}")
    return minutes


def still_open(session: Session) -> list[Unanswered]:
    """The questions a walk had not answered: a list's remaining nodes, or the tree's from the current
    node along the court's answers (the path the court would have taken from there)."""
    scenario = session.scenario
    if session.nodes is not None:
        ids = session.nodes[len(session.history) :]
    else:
        ids, node_id = [], session.current_id
        while node_id is not None and node_id not in ids:
            node = scenario.nodes[node_id]
            if isinstance(node, EndNode):
                break
            ids.append(node_id)
            node_id = next_node(node, court_response(node) if isinstance(node, ChoiceNode) else (), True)
    found = []
    for node_id in ids:
        node = scenario.nodes[node_id]
        if not isinstance(node, EndNode):
            found.append(Unanswered(node_id, node.step, float(node.points)))
    return found


# --- words ----------------------------------------------------------------------------------------


def clock_text(seconds: float) -> str:
    """12:05, or 1:02:05 past an hour; whole seconds rounded up, so 0:00 means none left."""
    whole = math.ceil(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def time_left(seconds: float) -> str:
    return f"Time left: {clock_text(seconds)}"


def duration(seconds: float) -> str:
    """How long, in words a summary reads: 45 s, 2 min 05 s."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def summary(session: Session, seconds: Sequence[float | None], unanswered: Sequence[Unanswered]) -> list[Block]:
    """Time per question in the summary, and what a timed exam left unanswered when its time ran out."""
    scenario = session.scenario
    out: list[Block] = []
    timed = [(o, s) for o, s in zip(session.history, seconds, strict=False) if s is not None]
    if timed:
        out.append(heading("Time"))
        total = sum(s for _, s in timed)
        out.append(block("note", row(f"Time on the questions: {duration(total)}.")))
        out += [block("step-row", row(f"- {node_title(scenario, o.node_id)}: {duration(s)}")) for o, s in timed]
    if unanswered:
        result = session.summary()
        possible = result.possible + sum(u.possible for u in unanswered)
        out.append(heading("Unanswered when time ran out"))
        out += [block("missed", row(f"- {node_title(scenario, u.node_id)}")) for u in unanswered]
        out.append(
            block(
                "verdict",
                row(
                    f"Counting those as not earned: {points(result.earned)} of {points(possible)} points "
                    f"({len(session.history)} answered, {len(unanswered)} unanswered)."
                ),
            )
        )
    return out


def time_rows(stats: Stats) -> list[str]:
    """What the stats say about time: the slowest step in a sentence, the mean per step, and timed-out exams."""
    slowest = stats.slowest()
    if slowest is None:
        return []
    out = [f"You spend longest on {slowest.label.lower()} questions ({duration(slowest.mean)} on average)."]
    out += [f"{t.label}: {duration(t.mean)} on average over {t.timed} answer(s)" for t in stats.times]
    if stats.timed_out:
        out.append(
            f"Time ran out in {stats.timed_out} timed exam(s), with {stats.unanswered} question(s) left unanswered."
        )
    return out
