"""Students' "this question is wrong" reports: kept in the store, exported for the instructor as CSV.

A report names the scenario version (id and content hash) and node it is about, whether
the student was looking at the question or its feedback, a line or two of what was on
screen, and the student's comment. The comment is untrusted text: it is cut to
`MAX_COMMENT` characters and stripped of what a terminal would obey before it is stored
(`tutor.terminal_text.clean`), and every cell of the CSV export is neutralised against
spreadsheet formulas (`tutor.store.export.neutralise`), so an instructor can open it in
a spreadsheet, and `qi-tutor report` can list it per node.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tutor.store.export import ANONYMOUS, _quoted, neutralise
from tutor.store.progress import ProgressStore
from tutor.store.writes import utc_stamp
from tutor.terminal_text import clean

MAX_COMMENT = 1000  # characters: a paragraph; a report is a pointer to a problem, not an essay
MAX_SHOWN = 600  # characters of what was on screen: enough for the prompt and the answer given
SEEN = ("question", "feedback")
FORMAT = 1  # the reports export's format; bump it when a column's meaning changes
# The columns of `export --format reports`, in order. `record` tells `qi-tutor report` this is a reports file.
FIELDS = (
    "record",
    "format",
    "student",
    "scenario_id",
    "content_hash",
    "node_id",
    "seen",
    "shown",
    "comment",
    "reported_at",
)
RECORD = "report"


@dataclass(frozen=True)
class Report:
    scenario_id: str
    content_hash: str
    node_id: str
    seen: str  # one of SEEN
    shown: str
    comment: str


def bounded(text: str, limit: int) -> str:
    """`text` cleaned of what a terminal would obey, on one line, at most `limit` characters."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def add_report(store: ProgressStore, report: Report, student: str | None = None, now: dt.datetime | None = None) -> int:
    """Keep one report; committed on return. Raises ValueError for a `seen` that is not one of SEEN."""
    if report.seen not in SEEN:
        raise ValueError(f"seen must be one of {SEEN}, not {report.seen!r}")
    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO reports (scenario_id, content_hash, node_id, seen, shown, comment, student, reported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.scenario_id,
                report.content_hash,
                report.node_id,
                report.seen,
                bounded(report.shown, MAX_SHOWN),
                bounded(report.comment, MAX_COMMENT),
                student,
                utc_stamp(now),
            ),
        )
        return int(cursor.lastrowid or 0)


def report_rows(store: ProgressStore, student: str | None = None) -> list[dict[str, Any]]:
    """Every report, oldest first, as export rows (FIELDS)."""
    rows = store.rows("SELECT * FROM reports ORDER BY reported_at, id")
    return [
        {
            "record": RECORD,
            "format": FORMAT,
            "student": student or r["student"] or ANONYMOUS,
            "scenario_id": r["scenario_id"],
            "content_hash": r["content_hash"],
            "node_id": r["node_id"],
            "seen": r["seen"],
            "shown": r["shown"],
            "comment": r["comment"],
            "reported_at": r["reported_at"],
        }
        for r in rows
    ]


def to_csv(rows: Iterable[dict[str, Any]], excel: bool = False) -> str:
    """The reports as CSV, every cell neutralised; `excel`: with the BOM and CRLF Excel needs."""
    end = "\r\n" if excel else "\n"
    lines = [",".join(FIELDS)]
    lines += [",".join(_quoted(neutralise(str(row[name]))) for name in FIELDS) for row in rows]
    return ("\ufeff" if excel else "") + end.join(lines) + end


# --- reading a reports file back, for `qi-tutor report` ---------------------------------------------


def is_reports_header(header: list[str]) -> bool:
    return "record" in header and "comment" in header


def checked_cells(header: list[str], cells: list[str]) -> dict[str, Any]:
    """One CSV row of a reports file, every field checked; raises `rows.Refused` saying which and why."""
    from tutor.store.export import restore
    from tutor.store.rows import Refused, _id_text, _time

    missing = [name for name in FIELDS if name not in header]
    if missing:
        raise Refused(f"missing {', '.join(missing)}; is this a `qi-tutor export --format reports` file?")
    raw = {name: restore(cells[header.index(name)]) for name in FIELDS}
    if raw["record"] != RECORD:
        raise Refused(f"record is {raw['record'][:40]!r}, not {RECORD!r}")
    if raw["seen"] not in SEEN:
        raise Refused(f"seen is {raw['seen'][:40]!r}; one of {', '.join(SEEN)} was expected")
    row: dict[str, Any] = {"record": RECORD, "student": raw["student"], "seen": raw["seen"]}
    for name in ("scenario_id", "content_hash", "node_id"):
        try:
            row[name] = _id_text(raw[name])
        except Refused as error:
            raise Refused(f"{name} {error}") from None
    try:
        row["reported_at"] = _time(raw["reported_at"])
    except Refused as error:
        raise Refused(f"reported_at {error}") from None
    row["shown"] = bounded(raw["shown"], MAX_SHOWN)  # another machine's file: bounded and cleaned again
    row["comment"] = bounded(raw["comment"], MAX_COMMENT)
    return row
