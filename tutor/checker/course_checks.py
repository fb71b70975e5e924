"""The course file's rules: every stop names a scenario, each scenario once, the bank's own all listed.

A course may list the shipped bank's scenarios as well as its own folder's, so both
are known ids. A scenario of the course's own folder that the course leaves out is a
warning: the library lists it after the course's cases, which may be what the author
meant, and may be an oversight.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tutor.checker.vocabulary_checks import did_you_mean
from tutor.scenario.course import CourseFile
from tutor.scenario.problems import LoadedFile, Problem


def scenario_ids(folder: Path) -> dict[str, Path]:
    """The id of every scenario that loads in `folder` and below, with its file (a broken file has none)."""
    from tutor.scenario.bank import bank_files, index_entry

    return {entry.id: entry.path for entry in map(index_entry, bank_files(folder)) if entry.id}


def check_course(course: CourseFile, loaded: LoadedFile) -> list[Problem]:
    from tutor.paths import bundled_bank

    own = scenario_ids(loaded.path.resolve().parent)
    shipped = own if loaded.path.resolve().parent == bundled_bank().resolve() else scenario_ids(bundled_bank())
    return list(_stops(course, loaded, own | shipped)) + list(_left_out(course, loaded, own))


def _stops(course: CourseFile, loaded: LoadedFile, known: dict[str, Path]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for number, stop in enumerate(course.scenarios):
        where = ("scenarios", number, "id")
        if stop.id not in known:
            yield loaded.problem(
                where, "course-unknown-scenario", f"no scenario {stop.id}", did_you_mean(stop.id, known)
            )
        elif stop.id in first:
            line, _ = loaded.locate(("scenarios", first[stop.id], "id"))
            yield loaded.problem(
                where, "course-repeat", f"{stop.id} is already in the course (line {line})", "list each scenario once"
            )
        else:
            first[stop.id] = number


def _left_out(course: CourseFile, loaded: LoadedFile, own: dict[str, Path]) -> Iterator[Problem]:
    listed = {stop.id for stop in course.scenarios}
    for scenario_id, path in own.items():
        if scenario_id not in listed:
            yield loaded.problem(
                ("scenarios",),
                "course-left-out",
                f"the course leaves out {scenario_id} ({path.name}), so the library lists it after the course",
                "add it where a student should meet it",
                "warning",
            )
