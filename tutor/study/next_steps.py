"""What follows a finished walk: when its decision points come back for review, and the course's next case.

Both front ends show these lines under the summary; the words are `review.comes_back`'s
and `library.next_in_course`'s, said once.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.scenario.bank import Course, LibraryEntry
from tutor.study.library import next_in_course
from tutor.study.said import Block, block, heading, row
from tutor.study.schedule import comes_back
from tutor.study.walk import Walk

HEADING = "What comes next"


def next_steps(walk: Walk, course: Course | None, entries: Sequence[LibraryEntry]) -> list[Block]:
    """The review line, then the next case (none for a scenario the course leaves out, or without a course)."""
    found = []
    back = comes_back(walk)
    if back:
        found.append(block("note", row(back)))
    upcoming = next_in_course(course, entries, walk.scenario.id) if course is not None else None
    if upcoming:
        found.append(block("note", row(upcoming)))
    return [heading(HEADING), *found] if found else []
