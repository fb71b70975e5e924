"""Reading one stored value at a time, so one bad value costs one row, never the command.

A JSON column that SQLite stored but that does not parse (a hand edit, another tool)
raises `BadValue` naming where it sits (attempt and answer number); the reader leaves
that row out and tells the student, and every other row is read as usual.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tutor.terminal_text import shown


class BadValue(ValueError):
    """A stored value that cannot be read; the message names its row and column."""


def answer_place(attempt_id: Any, seq: Any) -> str:
    return f"attempt {attempt_id}, answer {seq}"


def json_value(text: Any, column: str, where: str, nullable: bool = False) -> Any:
    """The decoded JSON in `text`; None for a NULL in a column that may hold one."""
    if text is None and nullable:
        return None
    try:
        if not isinstance(text, str | bytes):
            raise TypeError(type(text).__name__)
        return json.loads(text)
    except (TypeError, ValueError) as error:
        raise BadValue(f"{where}: its {column} is not JSON ({shown(str(text), 60)})") from error


def time_value(text: Any, column: str, where: str) -> dt.datetime:
    """A stored UTC ISO time."""
    try:
        return dt.datetime.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise BadValue(f"{where}: its {column} is not a time ({shown(str(text), 60)})") from error
