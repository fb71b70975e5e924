"""The library as both front ends list it: cases in course order, a line per scenario, what comes next.

The order is the course's (`course.yaml`, read by `tutor.scenario.bank`), never one
written here: a case comes where its first scenario stands in the course, its
scenarios in course order, and whatever the course leaves out follows in file order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tutor.scenario.bank import Course, LibraryEntry
from tutor.store.progress import Unfinished


@dataclass(frozen=True)
class CaseGroup:
    """One case, named once, with its scenarios."""

    name: str
    citation: str
    entries: tuple[LibraryEntry, ...]

    @property
    def heading(self) -> str:
        return f"{self.name}, {self.citation}"


def by_case(entries: Iterable[LibraryEntry], course: Course) -> list[CaseGroup]:
    """The playable entries grouped by case, in course order (broken entries are left to the caller)."""
    far = len(course.stops) + 1  # after every scenario the course lists
    playable = [e for e in entries if not e.broken]
    ranked = sorted(enumerate(playable), key=lambda pair: (course.position(pair[1].id) or far, pair[0]))
    groups: dict[tuple[str, str], list[LibraryEntry]] = {}
    for _, entry in ranked:
        groups.setdefault((entry.case_name or "", entry.citation or ""), []).append(entry)
    return [CaseGroup(name, citation, tuple(found)) for (name, citation), found in groups.items()]


def part(entry: LibraryEntry) -> str:
    """What this scenario takes of its case: its title without the case name it starts with."""
    title, case = entry.title or "", entry.case_name or ""
    if case and title.startswith(case) and title[len(case) : len(case) + 1] in (":", ","):
        return title[len(case) + 1 :].strip() or title
    return title


def question_count(entry: LibraryEntry) -> str:
    low, high = entry.fewest_questions, entry.most_questions
    if low is None or high is None:
        return "length unknown"
    return f"{low} questions" if low == high else f"{low}-{high} questions"


def status(entry: LibraryEntry, unfinished: Unfinished | None, finished: bool) -> str:
    """Where the student stands: an unfinished walk's next question, else finished or not started."""
    if unfinished is not None:
        at = f"unfinished at question {unfinished.answered + 1}"
        if unfinished.questions is not None:  # a retry asks a known list
            return f"{at} of {unfinished.questions}"
        low, high = entry.fewest_questions, entry.most_questions
        return at if high is None else f"{at} of {'' if low == high else '~'}{high}"
    return "finished" if finished else "not started"


def scenario_line(entry: LibraryEntry, course: Course, unfinished: Unfinished | None, finished: bool) -> str:
    """`3. the order of the inquiry · 7 questions · not started`: the number is the course's."""
    place = course.position(entry.id)
    number = f"{place}. " if place is not None else ""
    return f"{number}{part(entry)} · {question_count(entry)} · {status(entry, unfinished, finished)}"


def next_in_course(course: Course, entries: Sequence[LibraryEntry], scenario_id: str) -> str | None:
    """What a summary says comes next in the course; None when the course leaves this scenario out."""
    if course.position(scenario_id) is None:
        return None
    stop = course.after(scenario_id)
    if stop is None:
        return "This is the last case in the course."
    entry = next((e for e in entries if e.id == stop.id and not e.broken), None)
    if entry is None:  # listed but not in the library (the checker reports it)
        return None
    return f"Next in the course: {entry.title} ({stop.id}). Why it comes next: {stop.why}"
