"""What every answer widget posts when the student submits, whatever the question type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class AnswerReady(Message):
    """The student submitted `response`, shaped as `Session.answer` takes it."""

    response: Any


@dataclass
class AnswerIncomplete(Message):
    """The student pressed submit before the answer was whole; `reason` says what is missing."""

    reason: str


DIGITS = "123456789"
