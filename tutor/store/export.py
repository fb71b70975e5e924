"""Exports an instructor can collect: every answer as JSON lines, CSV or Markdown.

Each row is self-contained (its export format version, student, scenario id and
content hash, attempt id, UUID and seed, tool version, node, step, the answer as given
with the chosen choices' text and the order the choices were shown in, points, the
points per step, full marks, misconceptions, hints, mode, UTC times and the seconds the
question was on screen), so `qi-tutor
report` can merge a class's files with no database. The same rows feed the xAPI
statements (`tutor.store.xapi`), which ignore the fields they have no place for.

The choices' text comes from the scenario version the answer was given on (kept by
the store), and the order shown from the attempt's seed (`tutor.engine.order`), so an
edited scenario does not change what an old answer's row says.

CSV is written for spreadsheets that will be opened by an instructor: any cell that
starts with a character a spreadsheet would read as a formula is prefixed with `'`
(OWASP's rule against CSV injection; `'` itself too, so `report` can strip exactly
one back), and `--excel` adds the BOM and CRLF that Excel needs to read UTF-8.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from tutor.store.progress import ProgressStore
from tutor.store.steps import StepTally
from tutor.store.values import BadValue, answer_place, json_value

Versions = Mapping[tuple[str, str], tuple[str, Mapping[str, Any]]]  # as `tutor.store.xapi.Versions`

ANONYMOUS = "anonymous"
# The export format; bump it when a field's meaning changes, and teach `report` to read the old one.
# 1 (no `format` field): before attempt UUIDs. 2: adds attempt_uuid and corrected_at.
# 3: adds seed, shown (the choice ids in the order shown), chosen (the chosen choices' text), by_step.
FORMAT = 3

# The columns of every export, in order; jsonl keys and csv headers alike.
FIELDS = (
    "format",
    "student",
    "scenario_id",
    "content_hash",
    "attempt_id",
    "attempt_uuid",
    "seed",
    "tool_version",
    "mode",
    "purpose",
    "seq",
    "node_id",
    "step",
    "kind",
    "answer",
    "chosen",
    "shown",
    "earned",
    "possible",
    "by_step",
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
LIST_FIELDS = ("corrected", "misconceptions", "shown")  # csv: ids joined with ';'
JSON_FIELDS = ("answer", "chosen", "by_step")  # csv: as JSON (texts may hold any character)
BOOL_FIELDS = ("full_marks", "agreed")  # csv: true / false, or empty for None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet computes a cell that starts so
QUOTE = "'"  # the prefix that makes such a cell text, and is stripped again on reading


def export_rows(store: ProgressStore, student: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
    """Every answer (on or after `since`, a YYYY-MM-DD day, UTC), oldest first; `add_seen` fills `chosen` and `shown`.

    `student` names whoever the export is for; attempts that recorded a name keep it
    only when no name is given. A row with a value that cannot be read is left out, and
    `store.notices` names its attempt and answer number.
    """
    rows = store.rows(
        "SELECT t.student AS recorded, t.scenario_id, t.content_hash, t.id AS attempt_id, t.uuid AS attempt_uuid,"
        " t.seed, t.tool_version, t.mode,"
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


def add_seen(rows: list[dict[str, Any]], versions: Versions, file_order: Collection[tuple[str, str, str]] = ()) -> None:
    """Give each choice answer whose question is known its chosen choices' text and the order they were shown in.

    `versions` gives each scenario version's questions (`ProgressStore.versions`); `file_order` names the
    (scenario, content hash, node) choice nodes that opt out of shuffling.
    """
    from tutor.engine.order import shown_order

    for row in rows:
        version = versions.get((row["scenario_id"], row["content_hash"]))
        asked = version[1].get(row["node_id"]) if version else None
        if row["kind"] != "choice" or not asked or not isinstance(row["answer"], list):
            continue
        texts = {c["id"]: c["description"].get("en-US", "") for c in asked.get("choices", ())}
        row["chosen"] = [texts.get(choice, "") for choice in row["answer"]]
        fixed = (row["scenario_id"], row["content_hash"], row["node_id"]) in file_order
        row["shown"] = shown_order(list(texts), row["node_id"], None if fixed else row["seed"])


def _row(r: Any, student: str | None) -> dict[str, Any]:
    where = answer_place(r["attempt_id"], r["seq"])
    return {
        "format": FORMAT,
        "student": student or r["recorded"] or ANONYMOUS,
        "scenario_id": r["scenario_id"],
        "content_hash": r["content_hash"],
        "attempt_id": r["attempt_id"],
        "attempt_uuid": r["attempt_uuid"],
        "seed": r["seed"],
        "tool_version": r["tool_version"],
        "mode": r["mode"],
        "purpose": r["purpose"],
        "seq": r["seq"],
        "node_id": r["node_id"],
        "step": r["step"],
        "kind": r["kind"],
        "answer": json_value(r["response"], "response", where),
        "chosen": None,
        "shown": None,
        "earned": r["earned"],
        "possible": r["possible"],
        "by_step": _breakdown(json_value(r["by_step"], "by_step", where), where),
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


def _breakdown(value: Any, where: str) -> dict[str, list[float]]:
    """The per-step points, {step: [earned, possible]}."""
    if not isinstance(value, dict) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, int | float) for n in pair)
        for pair in value.values()
    ):
        raise BadValue(f"{where}: its by_step is not points per step")
    return value


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
        if name == "answer" or (name in JSON_FIELDS and value is not None):
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


def answer_text(answer: Any, chosen: list[str] | None = None) -> str:
    """An answer as one readable line: choice ids (with their text when known), row=option pairs, or the text."""
    if isinstance(answer, list):
        if chosen and len(chosen) == len(answer):
            return "; ".join(
                f'{choice} ("{" ".join(text.split())}")' for choice, text in zip(answer, chosen, strict=True)
            )
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
            "choices shown",
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
                answer_text(r["answer"], r.get("chosen")),
                ", ".join(r.get("shown") or ()),
                f"{r['earned']:g}/{r['possible']:g}",
                "yes" if r["full_marks"] else "no",
                ", ".join(r["misconceptions"]),
                r["hints_used"],
                r["mode"],
            ]
            for r in rows
        ),
    )
    by_step = StepTally()
    for r in rows:
        by_step.add_answer(r["by_step"])
    out += ["", "## By step", ""]
    out += _table(
        ["step", "answered", "full marks", "accuracy"],
        ([s.step, s.answered, s.full_marks, _share(s.full_marks, s.answered)] for s in by_step.steps()),
    )
    hits = Counter(key for r in rows for key in r["misconceptions"])
    out += ["", "## By misconception", ""]
    out += _table(
        ["misconception", "label", "answers"], ([key, labels.get(key, ""), n] for key, n in hits.most_common())
    )
    return "\n".join(out) + "\n"
