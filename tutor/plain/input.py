"""Plain mode's input grammar: numbered answers, commands, and reading one line at a time.

docs/plain-mode.md documents this grammar for students; `HELP` is the same text,
shown by `?` at any prompt. Every line that does not fit raises `InputError` with a
short reason, and the prompt asks again: nothing a student types becomes a traceback.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import sys

from rich.console import Console
from rich.text import Text

from tutor.plain.render import lines
from tutor.terminal_text import clean

HELP = """\
At a question:
  a number        picks that choice, e.g. 2
  1,3 or 1 3      picks several, for a question that takes every answer that applies
Factors: one line per row, the number of the option on the scale.
Short answers: type over as many lines as you like; a line holding only . ends the answer.
  Then the rubric is shown with the automatic mark: type the numbers of the items you met
  (e.g. 1,3), 0 for none, or an empty line to keep the automatic mark.
At any prompt (for a short answer, before its first line):
  h   the next hint          f   the facts for this question
  d   the doctrine cited     ?   this help
  g   the glossary terms here; g N shows term N; glossary TERM shows any term
  b   save a case brief of this scenario (in the profile's briefs folder)
  o N quote N of "What the court held" in the opinion: its paragraph, the court's
      words between » and «, the pin, the source and the source's known damage
      (after the summary too: Enter there finishes)
  !   this question is wrong: report it to your instructor (a comment follows;
      `! comment` on one line works too)
  !!  the feedback just shown is wrong: report that instead
  q   quit; your answers are saved, and the same command offers to resume
A timed exam (--mode exam --minutes N) shows the time left before each question; at zero
no answer is taken, and the questions still open are marked unanswered.
End of input stops like q but exits with code 4 when the walk was not finished."""

_NUMBERS = re.compile(r"[\s,]+")


class InputError(ValueError):
    """A line that does not answer the prompt; the message says what would."""


class Quit(Exception):
    """The student typed q."""


class EndOfInput(Exception):
    """Standard input is exhausted."""


def parse_numbers(line: str, count: int, many: bool) -> list[int]:
    """`2`, or `1,3` / `1 3` when `many`: 1-based numbers, each at most `count`."""
    tokens = [t for t in _NUMBERS.split(line) if t]
    if not tokens:
        raise InputError(f"Type a number from 1 to {count}.")
    if len(tokens) > 1 and not many:
        raise InputError("This question takes one answer: type a single number.")
    numbers = []
    for token in tokens:
        if not re.fullmatch(r"[0-9]+", token) or not 1 <= int(token) <= count:
            raise InputError(f"{token!r} is not one of the numbers 1 to {count}.")
        numbers.append(int(token))
    if len(set(numbers)) != len(numbers):
        raise InputError("Give each number once.")
    return numbers


def parse_rubric(line: str, count: int) -> list[int] | None:
    """None keeps the automatic mark; `0` means no item was met."""
    if not line:
        return None
    if line == "0":
        return []
    return parse_numbers(line, count, many=True)


class Prompter:
    """Reads one line per prompt. When input is not a terminal the line is echoed, so a transcript reads in order."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.echo = not sys.stdin.isatty()
        if not self.echo:
            # At a terminal, input() gains line editing and history once readline is loaded:
            # a long short answer can be corrected before Enter instead of retyped.
            with contextlib.suppress(ImportError):  # Windows has no readline; input() still works
                import readline  # noqa: F401

    def ask(self, prompt: str) -> str:
        try:
            line = self.console.input(Text(f"{prompt} ", style="bold"))
        except EOFError:
            self.console.print()
            raise EndOfInput from None
        # Typed input is stored and shown again (exports, reports): what a terminal would obey goes now.
        line = clean(line.rstrip("\r\n"))
        if self.echo:
            self.console.print(lines(line))
        return line


def _escapes_what_it_cannot_encode(stream: object) -> bool:
    """Make a stream that cannot take UTF-8 write `\\u2019`-style escapes instead of failing; True if it had to."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if getattr(stream, "errors", None) == "backslashreplace":
        return False  # done already (and said so) earlier in this run
    try:
        if codecs.lookup(encoding).name.startswith("utf"):
            return False
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    except (LookupError, AttributeError, ValueError):
        return False
    return True


def consoles() -> tuple[Console, Console]:
    """Standard output and error. Nothing printed is read as markup or emoji codes, and a
    pipe gets whole unwrapped lines with no colour (Rich drops styles when not a terminal).

    An output that cannot take UTF-8 (`PYTHONIOENCODING=ascii`, an old console) gets
    escapes for the characters it cannot show, and one notice saying so: the opinions'
    curly quotes and section signs must not crash a walk whose answers are being saved.
    """
    narrow = [_escapes_what_it_cannot_encode(stream) for stream in (sys.stdout, sys.stderr)]
    out = Console(markup=False, highlight=False, emoji=False)
    out.soft_wrap = not out.is_terminal
    err = Console(stderr=True, markup=False, highlight=False, emoji=False, soft_wrap=True)
    if any(narrow):
        err.print(
            f"qi-tutor: this output's encoding ({sys.stdout.encoding}) cannot show every character; "
            "those it cannot are written as escapes such as \\u2019 (set PYTHONIOENCODING=utf-8 to see them)"
        )
    return out, err
