"""Moodle's GIFT: multiple choice, multiple answers, matching for a factors grid, essay for a short answer.

Every text is written as HTML (`[html]`), escaped, so Moodle shows the author's
characters and never obeys them; `{ }` and `\\` become character references and
`~ = # :` are escaped as GIFT says. A text's line breaks become `<br>`: a blank
line would end the question.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from tutor.exports.items import Answer, Item, Line

LOST = (
    "What GIFT cannot carry: the branching (each decision point is a standalone question, the court's",
    "path first, then the wrong turns' branches), the factor rows the court did not weigh (practice, left",
    "out), a short answer's rubric and its examples (Moodle's essay is marked by hand: the model answer",
    "and the court's holding are the general feedback), and per-row feedback in a matching question",
    "(the rows' explanations are in the general feedback). See docs/lms.md.",
)

# The fractions Moodle accepts for an answer's weight; a weight between them is written as the nearest.
MOODLE_FRACTIONS = (
    *(1, 0.9, 5 / 6, 0.8, 0.75, 0.7, 2 / 3, 0.6, 0.5, 0.4, 1 / 3),
    *(0.3, 0.25, 0.2, 1 / 6, 1 / 7, 0.125, 1 / 9, 0.1, 0.05, 0),
)

# A matching question in Moodle needs at least three answers; a smaller grid is one question per row.
MATCHING_ROWS = 3


def text(value: str) -> str:
    """Author text as GIFT [html]: HTML-escaped, braces and backslashes as references, GIFT's specials escaped."""
    escaped = html.escape(value, quote=False).replace("\\", "&#92;").replace("{", "&#123;").replace("}", "&#125;")
    escaped = escaped.replace("\r\n", "\n").replace("\n", "<br>")
    for special in "~=#:":
        escaped = escaped.replace(special, "\\" + special)
    return escaped


def title(value: str) -> str:
    """A question's name (plain text in Moodle): GIFT's specials escaped, on one line, never ending in ':'."""
    plain = " ".join(value.split()).rstrip(":")
    for special in "\\~=#{}:":
        plain = plain.replace(special, "\\" + special)
    return plain


def percent(fraction: float) -> str:
    """`%50%`-style weight, snapped to the nearest weight Moodle accepts."""
    nearest = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(fraction)))
    value = f"{nearest * 100:.5f}".rstrip("0").rstrip(".")
    return f"%{'-' if fraction < 0 else ''}{value}%"


def paragraphs(lines: Iterable[Line]) -> str:
    """The answer's lines as paragraphs, headings in bold."""
    return "".join(
        f"<p><b>{text(line)}</b></p>" if kind == "heading" else f"<p>{text(line)}</p>" for kind, line in lines
    )


def question_html(item: Item, extra: str = "") -> str:
    """The facts the node names, then its prompt (and `extra`, a row of a grid)."""
    facts = "".join(f"<p><b>{text(label)}</b>\\: {text(line)}</p>" for label, line in item.facts)
    prompt = f"<p><b>{text(item.title)}.</b> {text(item.prompt)}</p>"
    return facts + prompt + (f"<p>{text(extra)}</p>" if extra else "")


def _name(item: Item, suffix: str = "") -> str:
    branch = "" if item.on_court_path else " (a wrong turn's branch)"
    return title(f"{item.scenario.id} {item.number:02d} {item.title}{branch}{suffix}")


def _choice_lines(item: Item, answers: Iterable[Answer]) -> list[str]:
    out = []
    for answer in answers:
        # The weight is what the engine scores; GIFT's `=` is full marks, a bare `~` none.
        if item.kind == "many" or 0 < answer.fraction < 1:
            mark = f"~{percent(answer.fraction)}"
        else:
            mark = "=" if answer.fraction >= 1 else "~"
        feedback = f"#{text(answer.feedback)}" if answer.feedback else ""
        out.append(f"{mark}{text(answer.text)}{feedback}")
    return out


def _question(name: str, body: str, answer_lines: list[str], general: str) -> str:
    return "\n".join([f"::{name}::[html]{body}{{", *answer_lines, f"####{general}", "}"]) + "\n"


def questions(item: Item) -> list[str]:
    """The GIFT question(s) for one item: one, or one per row of a small factors grid."""
    general = paragraphs(item.answer_lines)
    if item.kind in ("one", "many"):
        return [_question(_name(item), question_html(item), _choice_lines(item, item.answers), general)]
    if item.kind == "essay":
        return [f"::{_name(item)}::[html]{question_html(item)}{{####{general}}}\n"]
    if len(item.answers) >= MATCHING_ROWS:
        pairs = [f"={text(row.text)} -> {text(row.match)}" for row in item.answers]
        return [_question(_name(item), question_html(item), pairs, general)]
    out = []
    for number, row in enumerate(item.answers, 1):
        choices = [Answer(label, label == row.match, fraction=float(label == row.match)) for label in item.scale]
        name = _name(item, f", row {number}")
        out.append(_question(name, question_html(item, row.text), _choice_lines(item, choices), general))
    return out


def gift(all_items: Iterable[Item]) -> str:
    """A GIFT file: a header comment naming what is lost, then a category per scenario and its questions."""
    out = ["// qi-tutor export for Moodle (GIFT). Import: Question bank > Import > GIFT format.", "//"]
    out += [f"// {line}" for line in LOST]
    scenario_id = None
    for item in all_items:
        if item.scenario.id != scenario_id:
            scenario_id = item.scenario.id
            out.append(f"\n$CATEGORY: $course$/qi-tutor/{scenario_id}\n")
        out += ["", *questions(item)]
    return "\n".join(out).rstrip("\n") + "\n"
