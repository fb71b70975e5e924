"""Exports an instructor can collect: every answer as JSON lines, CSV or Markdown.

Each row is self-contained (its export format version, student, scenario id and
content hash, attempt id and UUID, tool version, node, step, the answer as given,
points, full marks, misconceptions, hints, mode, UTC times and the seconds the question was
on screen), so `qi-tutor report`
can merge a class's files with no database. The same rows feed the xAPI statements
(`tutor.store.xapi`).

CSV is written for spreadsheets that will be opened by an instructor: any cell that
starts with a character a spreadsheet would read as a formula is prefixed with `'`
(OWASP's rule against CSV injection; `'` itself too, so `report` can strip exactly
one back), and `--excel` adds the BOM and CRLF that Excel needs to read UTF-8.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from tutor.store.progress import ProgressStore
from tutor.store.values import BadValue, answer_place, json_value

ANONYMOUS = "anonymous"
# The export format; bump it when a field's meaning changes, and teach `report` to read the old one.
# 1 (no `format` field): before attempt UUIDs. 2: adds attempt_uuid and corrected_at.
FORMAT = 2

# The columns of every export, in order; jsonl keys and csv headers alike.
FIELDS = (
    "format",
    "student",
    "scenario_id",
    "content_hash",
    "attempt_id",
    "attempt_uuid",
    "tool_version",
    "mode",
    "purpose",
    "seq",
    "node_id",
    "step",
    "kind",
    "answer",
    "earned",
    "possible",
    "full_marks",
    "auto_earned",
    "corrected",
    "corrected_at",
    "misconceptions",
    "hints_used",
    "agreed",
    "started_at",
    "answered_at",
    "finished_at",
    "seconds",
)
LIST_FIELDS = ("corrected", "misconceptions")  # csv: items joined with ';'
BOOL_FIELDS = ("full_marks", "agreed")  # csv: true / false, or empty for None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet computes a cell that starts so
QUOTE = "'"  # the prefix that makes such a cell text, and is stripped again on reading


def export_rows(store: ProgressStore, student: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
    """Every answer (on or after `since`, a YYYY-MM-DD day, UTC), oldest first.

    `student` names whoever the export is for; attempts that recorded a name keep it
    only when no name is given. A row with a value that cannot be read is left out, and
    `store.notices` names its attempt and answer number.
    """
    rows = store.rows(
        "SELECT t.student AS recorded, t.scenario_id, t.content_hash, t.id AS attempt_id, t.uuid AS attempt_uuid,"
        " t.tool_version, t.mode,"
        " t.purpose, t.started_at, t.finished_at, a.* FROM answers AS a JOIN attempts AS t ON t.id = a.attempt_id"
        " WHERE a.answered_at >= ? ORDER BY a.answered_at, a.attempt_id, a.seq",
        (since or "",),
    )
    out = []
    for r in rows:
        try:
            out.append(_row(r, student))
        except BadValue as problem:
            store.warn(problem, "that answer is left out of this export")
    return out


def _row(r: Any, student: str | None) -> dict[str, Any]:
    where = answer_place(r["attempt_id"], r["seq"])
    return {
        "format": FORMAT,
        "student": student or r["recorded"] or ANONYMOUS,
        "scenario_id": r["scenario_id"],
        "content_hash": r["content_hash"],
        "attempt_id": r["attempt_id"],
        "attempt_uuid": r["attempt_uuid"],
        "tool_version": r["tool_version"],
        "mode": r["mode"],
        "purpose": r["purpose"],
        "seq": r["seq"],
        "node_id": r["node_id"],
        "step": r["step"],
        "kind": r["kind"],
        "answer": json_value(r["response"], "response", where),
        "earned": r["earned"],
        "possible": r["possible"],
        "full_marks": bool(r["full_marks"]),
        "auto_earned": r["auto_earned"],
        "corrected": json_value(r["corrected"], "correction", where, nullable=True) or None,
        "corrected_at": r["corrected_at"],
        "misconceptions": _listed(json_value(r["misconceptions"], "misconceptions", where), "misconceptions", where),
        "hints_used": r["hints_used"],
        "agreed": None if r["agreed"] is None else bool(r["agreed"]),
        "started_at": r["started_at"],
        "answered_at": r["answered_at"],
        "finished_at": r["finished_at"],
        "seconds": r["seconds"],  # the question's time on screen; None before version 8 or when not measured
    }


def _listed(value: Any, column: str, where: str) -> list[str]:
    """A JSON list of strings (the csv and markdown exports join them)."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadValue(f"{where}: its {column} is not a list of names")
    return value


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it as text: a leading formula character (or `'`) gets a `'` before it."""
    return QUOTE + cell if cell.startswith((*FORMULA_START, QUOTE)) else cell


def restore(cell: str) -> str:
    """`neutralise` undone: exactly one leading `'` comes off."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def csv_cells(row: dict[str, Any]) -> list[str]:
    """One row as CSV cells, in FIELDS order: JSON answers, ';'-joined lists, true/false, neutralised."""
    cells = []
    for name in FIELDS:
        value = row.get(name)
        if name == "answer":
            text = json.dumps(value, ensure_ascii=False)
        elif value is None:
            text = ""
        elif name in LIST_FIELDS:
            text = ";".join(value)
        elif name in BOOL_FIELDS:
            text = "true" if value else "false"
        else:
            text = str(value)
        cells.append(neutralise(text))
    return cells


def _quoted(cell: str) -> str:
    # By hand, because Python 3.11's csv module leaves a lone CR unquoted when lines end in LF.
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def to_csv(rows: Iterable[dict[str, Any]], excel: bool = False) -> str:
    """The rows as CSV; `excel`: with a UTF-8 BOM and CRLF line ends, the form Excel opens without asking."""
    end = "\r\n" if excel else "\n"
    lines = [",".join(FIELDS)] + [",".join(map(_quoted, csv_cells(row))) for row in rows]
    return ("\ufeff" if excel else "") + end.join(lines) + end


def answer_text(answer: Any) -> str:
    """An answer as one readable line: choice ids, row=option pairs, or the text."""
    if isinstance(answer, list):
        return ", ".join(map(str, answer))
    if isinstance(answer, dict):
        return ", ".join(f"{k}={v}" for k, v in answer.items())
    return " ".join(str(answer).split())


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], body: Iterable[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def to_markdown(rows: list[dict[str, Any]], labels: dict[str, str] | None = None) -> str:
    """The answers, then accuracy by step and the misconceptions hit, for a human reader."""
    labels = labels or {}
    students = sorted({r["student"] for r in rows}) or [ANONYMOUS]
    out = [f"# qi-tutor progress: {', '.join(students)}", "", f"{len(rows)} answers.", "", "## Answers", ""]
    out += _table(
        [
            "answered (UTC)",
            "scenario",
            "attempt",
            "node",
            "step",
            "answer",
            "points",
            "full marks",
            "misconceptions",
            "hints",
            "mode",
        ],
        (
            [
                r["answered_at"],
                r["scenario_id"],
                r["attempt_id"],
                r["node_id"],
                r["step"],
                answer_text(r["answer"]),
                f"{r['earned']:g}/{r['possible']:g}",
                "yes" if r["full_marks"] else "no",
                ", ".join(r["misconceptions"]),
                r["hints_used"],
                r["mode"],
            ]
            for r in rows
        ),
    )
    by_step: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["possible"] > 0:
            by_step[r["step"]][0] += 1
            by_step[r["step"]][1] += r["full_marks"]
    out += ["", "## By step", ""]
    from tutor.scenario.model import step_rank

    out += _table(
        ["step", "answered", "full marks", "accuracy"],
        (
            [step, n, full, _share(full, n)]
            for step, (n, full) in sorted(by_step.items(), key=lambda item: step_rank(item[0]))
        ),
    )
    hits = Counter(key for r in rows for key in r["misconceptions"])
    out += ["", "## By misconception", ""]
    out += _table(
        ["misconception", "label", "answers"], ([key, labels.get(key, ""), n] for key, n in hits.most_common())
    )
    return "\n".join(out) + "\n"
