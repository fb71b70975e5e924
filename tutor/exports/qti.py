"""Canvas's QTI 1.2, built by `text2qti`: multiple choice, multiple answers and essay.

text2qti reads a Markdown-based text, which is written here and never shown: every
author text is HTML-escaped (quotes too, so Markdown's smart quotes leave them
alone) and Markdown's and text2qti's specials are backslash-escaped, so Canvas shows
the author's characters and obeys none. Line breaks become spaces: each text sits
on the line of its marker. text2qti has no matching type, so a factors grid becomes
one multiple-choice question per row the court weighed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from tutor.exports.items import Answer, Item, Line

LOST = (
    "What QTI 1.2 (through text2qti) cannot carry: the branching (each decision point is a standalone",
    "question, the court's path first, then the wrong turns' branches); a factors grid, which becomes one",
    "multiple-choice question per row the court weighed, practice rows left out; a short answer's rubric",
    "and examples (Canvas's essay is marked by hand: the model answer and the court's holding are the",
    "question's feedback); partial credit for a choice (only the court's answer scores); points other",
    "than whole or half numbers (rounded to the nearest half). See docs/lms.md.",
)

# `$` is text2qti's math; the rest, Markdown's escapable characters (`<`, `>` and `&` become references).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!$|])")


class QtiUnavailable(RuntimeError):
    """text2qti is not installed (it comes with the `lms` extra)."""


def text(value: str) -> str:
    """Author text as text2qti's Markdown: one line, shown exactly as written."""
    # Escaped for Markdown first: the references html.escape then writes hold `#` and `;`, which must stay.
    return html.escape(_MARKDOWN.sub(r"\\\1", " ".join(value.split())), quote=True)


def plain(value: str) -> str:
    """A title: text2qti takes it as plain text (it escapes it for XML itself), on one line."""
    return " ".join(value.split())


def _points(value: float) -> str:
    halves = max(1, round(value * 2))
    return str(halves // 2) if halves % 2 == 0 else f"{halves / 2}"


def _feedback(lines: Iterable[Line]) -> list[str]:
    """The answer as the question's feedback: one paragraph per line, headings in bold."""
    paragraphs = [f"**{text(line)}**" if kind == "heading" else text(line) for kind, line in lines]
    out = [f"... {paragraphs[0]}"]
    for paragraph in paragraphs[1:]:
        out += ["", f"    {paragraph}"]
    return out


def _body(item: Item, extra: str = "") -> list[str]:
    """The question's text: its facts, its prompt (and `extra`, a row of a grid), one paragraph each."""
    paragraphs = [f"**{text(label)}:** {text(line)}" for label, line in item.facts]
    paragraphs.append(f"**{text(item.title)}.** {text(item.prompt)}")
    if extra:
        paragraphs.append(text(extra))
    marker = f"{item.number}.".ljust(4) if item.number < 100 else f"{item.number}. "
    out = [marker + paragraphs[0]]
    for paragraph in paragraphs[1:]:  # a wrapped paragraph is indented to the text after its marker
        out += ["", " " * len(marker) + paragraph]
    return out


def _choices(many: bool, answers: Iterable[Answer]) -> list[str]:
    out = []
    for letter, answer in zip("abcdefghi", answers, strict=False):
        if many:
            out.append(f"[{'*' if answer.correct else ' '}] {text(answer.text)}")
        else:
            out.append(f"{'*' if answer.correct else ''}{letter}) {text(answer.text)}")
        if answer.feedback:
            out.append(f"... {text(answer.feedback)}")
    return out


def _title(item: Item, suffix: str = "") -> str:
    branch = "" if item.on_court_path else " (a wrong turn's branch)"
    return f"Title: {plain(f'{item.scenario.id} {item.number:02d} {item.title}{branch}{suffix}')}"


def questions(item: Item) -> list[list[str]]:
    """The text2qti lines of each question for one item (one per weighed row for a factors grid)."""
    points = item.points
    feedback = _feedback(item.answer_lines)
    if item.kind == "essay":
        return [[_title(item), f"Points: {_points(points)}", *_body(item), *feedback, "___"]]
    if item.kind in ("one", "many"):
        lines = [_title(item), f"Points: {_points(points)}", *_body(item), *feedback]
        return [lines + _choices(item.kind == "many", item.answers)]
    out = []
    for number, row in enumerate(item.answers, 1):
        scale = [Answer(label, label == row.match) for label in item.scale]
        lines = [_title(item, f", row {number}"), f"Points: {_points(points / len(item.answers))}"]
        out.append(lines + _body(item, row.text) + feedback + _choices(False, scale))
    return out


def quiz_text(title: str, all_items: Iterable[Item]) -> str:
    """The whole quiz as text2qti's input: a title, a description naming what is lost, the questions."""
    out = [f"Quiz title: {plain(title)}", f"Quiz description: {text(' '.join(LOST))}", ""]
    for item in all_items:
        for lines in questions(item):
            out += [*lines, ""]
    return "\n".join(out)


def qti_zip(title: str, all_items: Iterable[Item]) -> bytes:
    """The QTI 1.2 package (a zip) Canvas imports. Raises QtiUnavailable without text2qti."""
    try:
        from text2qti.config import Config
        from text2qti.qti import QTI
        from text2qti.quiz import Quiz
    except ImportError as error:
        raise QtiUnavailable(str(error)) from None
    # A fresh Config: never the user's ~/.text2qti.bespon, so code blocks are never run.
    quiz = Quiz(quiz_text(title, all_items), config=Config())
    return bytes(QTI(quiz).zip_bytes())
