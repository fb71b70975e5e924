"""What the checker reports, and the loaded file it reports against.

A `Problem` always names a file and, whenever the file could be read, a line and a
column, so an instructor's editor can jump to it. `LoadedFile` keeps the source
positions of every value so that any rule, run after loading, can point at the line
where the offending value was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tutor.terminal_text import MESSAGE_LIMIT, shown

PROBLEM_LIMIT = 4 * MESSAGE_LIMIT
"""A problem's message or hint is shortened past this many characters (a list of headings fits)."""

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None  # 1-based; None when the file could not be read at all
    column: int | None  # 1-based
    severity: Severity
    code: str  # a stable kebab-case rule name, e.g. "unknown-key"
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        # A message quotes the author's values: a 900 KB key must not be echoed whole, and a
        # control character in it must reach the reader as a visible escape (`terminal_text.shown`).
        object.__setattr__(self, "message", shown(self.message, PROBLEM_LIMIT))
        if self.hint is not None:
            object.__setattr__(self, "hint", shown(self.hint, PROBLEM_LIMIT))

    def render(self) -> str:
        """`file:line:col: severity: message [code]` (GCC / yamllint style)."""
        where = shown(str(self.path), PROBLEM_LIMIT)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class LoadedFile:
    """A parsed YAML file: its text, its data, and where each value was written.

    `marks` maps a location path (keys and list indices from the top) to the 1-based
    (line, column) where that value starts.
    """

    path: Path
    text: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Problems found while loading that did not stop it (warnings), for the checker to report.
    warnings: list[Problem] = field(default_factory=list)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))

    def problem(
        self, loc: Loc, code: str, message: str, hint: str | None = None, severity: Severity = "error"
    ) -> Problem:
        line, column = self.locate(loc)
        return Problem(self.path, line, column, severity, code, message, hint)


class ScenarioError(Exception):
    """Raised when a file cannot become a valid model; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.render() for p in problems[:3]))
        self.problems = problems
