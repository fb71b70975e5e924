"""A course through a bank: its scenarios in the order a student should meet them, each with why.

The course is data (`course.yaml` at the top of a bank), never an order written into a
front end: the library groups its cases by it and a summary names the case that comes
next. The checker proves every id names a scenario and none is listed twice
(`tutor.checker.course_checks`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tutor.scenario.model import Id, Strict, Text


class CourseStop(Strict):
    id: Id = Field(description="The id of a scenario in this bank or the shipped one.")
    why: Text = Field(
        description="One line in the tutor's voice: why the student meets this scenario here, after the one before."
    )


class CourseFile(Strict):
    format: Literal[1]
    title: Text = Field(description="The course's name, as the library shows it.")
    scenarios: list[CourseStop] = Field(min_length=1, description="Every scenario of the course, in order, once.")
