"""`qi-tutor report`: many students' exports merged into one class report.

Per scenario version (id + content hash: an edited scenario is a different test, so
its results are never pooled with the old one's), per node: how many students
answered it, the share with full marks on their FIRST try, and the wrong answer chosen
most often on that first try with the misconception it targets. Rows are read from
jsonl or csv exports (`tutor.store.rows` checks them), or from xAPI statements; the
same export given twice counts once. The rows stream through a `Tally` that keeps only
each student's first try at each node, so memory follows the class, not the file sizes.

Students' "this question is wrong" reports (`export --format reports` files, read from
the same folders) are listed under each version, per node, so the instructor sees which
nodes students dispute; a report given twice counts once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from tutor.regular_files import why_not_regular
from tutor.store.export import ANONYMOUS, answer_text
from tutor.store.rows import FileRefused, Parts, Refused, Row, moment, read_parts
from tutor.terminal_text import clean

_moment = moment
MAX_PROBLEMS_PER_FILE = 10  # then one line says how many more: a wrong file should not bury the rest


@dataclass(frozen=True)
class NodeReport:
    node_id: str
    step: str
    students: int
    first_try_full_marks: int
    top_wrong_answer: str | None
    top_wrong_count: int
    top_wrong_misconception: str | None

    @property
    def share(self) -> float:
        return self.first_try_full_marks / self.students if self.students else 0.0


@dataclass(frozen=True)
class Disputed:
    """One student's report that a node (its question, or its feedback) is wrong."""

    student: str
    seen: str
    comment: str
    reported_at: str


@dataclass(frozen=True)
class NodeDisputes:
    node_id: str
    reports: list[Disputed]


@dataclass
class VersionReport:
    scenario_id: str
    content_hash: str
    students: list[str]
    nodes: list[NodeReport]
    disputed: list[NodeDisputes] = field(default_factory=list)  # most reported first


@dataclass
class ClassReport:
    files: list[str] = field(default_factory=list)
    versions: list[VersionReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for version, raw in zip(self.versions, data["versions"], strict=True):
            for node, row in zip(version.nodes, raw["nodes"], strict=True):
                row["share"] = round(node.share, 4)
        return data


def export_files(inputs: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The .jsonl and .csv files named or found (recursively) in the folders named."""
    found, problems = [], []
    for path in inputs:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".jsonl", ".csv") and p.is_file())
        elif path.is_file():
            found.append(path)
        elif path.exists() or path.is_symlink():  # a FIFO would block the report for ever: named, not opened
            problems.append(f"{path}: {why_not_regular(path) or 'cannot be read'}")
        else:
            problems.append(f"{path}: no such file or folder")
    return found, problems


def read_exports(files: Iterable[Path], problems: list[str]) -> Iterator[Parts]:
    """Every readable row of every file in its parts (`tutor.store.rows.read_parts`), each tagged with its
    student; what was refused goes to `problems`."""
    for path in files:
        shown = 0
        anonymous = f"{ANONYMOUS} ({path.name})"  # anonymous exports stay apart, one per file
        try:
            for number, parts in read_parts(path):
                if isinstance(parts, Refused):
                    shown += 1
                    if shown <= MAX_PROBLEMS_PER_FILE:
                        problems.append(f"{path}:{number}: {parts}")
                    continue
                if parts[0].get("student") in _UNNAMED:
                    parts = ({**parts[0], "student": anonymous}, *parts[1:])
                yield parts
        except FileRefused as error:
            problems.append(f"{path}:{error.line}: {error.reason}; the rest of the file was left out")
        if shown > MAX_PROBLEMS_PER_FILE:
            problems.append(f"{path}: {shown - MAX_PROBLEMS_PER_FILE} more row(s) refused")


_UNNAMED = frozenset({"", None, ANONYMOUS})


class _First(NamedTuple):
    """What the report needs of a student's first try at a node, and the key that orders tries."""

    order: tuple[dt.datetime, int, str, int]
    step: str
    kind: str
    full_marks: bool
    answer: str
    misconceptions: tuple[str, ...]


class Tally:
    """Each student's first try at each node of each scenario version, from rows in any order."""

    def __init__(self) -> None:
        # (scenario id, content hash, node id, student) -> that student's first try there
        self.first: dict[tuple[str, str, str, str], _First] = {}
        self.reports: dict[tuple[str, str], dict[str, set[Disputed]]] = {}  # version -> node -> reports

    def add(self, row: Row) -> None:
        """One whole row (from statements, or `rows.read_file`)."""
        when = row["reported_at"] if row.get("record") == "report" else row["answered_at"]
        self.add_all([(row, row, row, when, _moment(when))])

    def _report(self, row: Row) -> None:
        disputes = self.reports.setdefault((row["scenario_id"], row["content_hash"]), {})
        disputes.setdefault(row["node_id"], set()).add(
            Disputed(row["student"], row["seen"], row["comment"], row["reported_at"])
        )

    def add_all(self, parts: Iterable[Parts]) -> None:
        """Rows in the parts export files are read in (`read_exports`): a million of them, so the loop is lean."""
        first = self.first
        for attempt, content, _other, _answered_at, when in parts:
            if "record" in attempt:  # a student's "this question is wrong" report, not an answer
                self._report(attempt)
                continue
            key = (attempt["scenario_id"], attempt["content_hash"], content["node_id"], attempt["student"])
            known = first.get(key)
            if known is not None and when > known.order[0]:
                continue  # a later try than the one kept
            # Ties in time (second-only stamps before export format 2) go to the student's earlier attempt.
            order = (when, attempt["attempt_id"], attempt.get("attempt_uuid") or "", content["seq"])
            if known is None or order < known.order:
                first[key] = _First(
                    order,
                    content["step"],
                    content["kind"],
                    bool(content["full_marks"]),
                    answer_text(content["answer"]),
                    tuple(content["misconceptions"]),
                )

    def __len__(self) -> int:
        return len(self.first)


def _node(node_id: str, firsts: list[_First]) -> NodeReport:
    wrong = [r for r in firsts if not r.full_marks and r.kind != "short"]
    top, count, misconception = None, 0, None
    if wrong:
        top, count = Counter(r.answer for r in wrong).most_common(1)[0]
        hits = Counter(m for r in wrong if r.answer == top for m in r.misconceptions)
        misconception = hits.most_common(1)[0][0] if hits else None
    return NodeReport(
        node_id, firsts[0].step, len(firsts), sum(r.full_marks for r in firsts), top, count, misconception
    )


def build(
    rows: Iterable[Row] | Iterable[Parts], files: list[str] | None = None, problems: list[str] | None = None
) -> ClassReport:
    """The class report from checked rows, whole or in parts (a stream is fine: only first tries are kept)."""
    tally = Tally()
    stream = iter(rows)
    head = next(stream, None)
    if isinstance(head, tuple):  # parts, from export files
        tally.add_all(itertools.chain([head], cast("Iterator[Parts]", stream)))
    elif head is not None:
        for row in itertools.chain([cast("Row", head)], cast("Iterator[Row]", stream)):
            tally.add(row)
    return from_tally(tally, files, problems)


def from_tally(tally: Tally, files: list[str] | None = None, problems: list[str] | None = None) -> ClassReport:
    from tutor.scenario.model import step_rank

    report = ClassReport(files or [], [], problems or [])
    versions: dict[tuple[str, str], dict[str, list[tuple[str, _First]]]] = {}
    for (scenario_id, digest, node_id, student), found in tally.first.items():
        versions.setdefault((scenario_id, digest), {}).setdefault(node_id, []).append((student, found))
    for scenario_id, digest in sorted(set(versions) | set(tally.reports)):
        by_node = versions.get((scenario_id, digest), {})
        nodes = [_node(node_id, [found for _, found in tries]) for node_id, tries in by_node.items()]
        nodes.sort(key=lambda n: (step_rank(n.step), n.node_id))
        students = sorted({student for tries in by_node.values() for student, _ in tries})
        reported = tally.reports.get((scenario_id, digest), {})
        disputed = [
            NodeDisputes(node_id, sorted(found, key=lambda d: (d.reported_at, d.student)))
            for node_id, found in sorted(reported.items(), key=lambda item: (-len(item[1]), item[0]))
        ]
        report.versions.append(VersionReport(scenario_id, digest, students, nodes, disputed))
    return report


def _cell(text: str) -> str:
    """Text from a student's machine in a table cell: nothing a terminal obeys, no cell break."""
    return clean(text).replace("|", "/").replace("\n", " ")


def to_markdown(report: ClassReport) -> str:
    out = ["# Class report", "", f"From {len(report.files)} export file(s)."]
    for version in report.versions:
        out += [
            "",
            f"## {version.scenario_id} (version {version.content_hash[:12]})",
            "",
            f"{len(version.students)} student(s): {', '.join(version.students)}",
            "",
            "| node | step | students | full marks on first try | most chosen wrong answer | misconception |",
            "|---|---|---|---|---|---|",
        ]
        for n in version.nodes:
            wrong = f"{n.top_wrong_answer} ({n.top_wrong_count})" if n.top_wrong_answer else "-"
            out.append(
                f"| {n.node_id} | {n.step} | {n.students} | {n.first_try_full_marks} ({100 * n.share:.0f}%) | "
                f"{wrong.replace('|', '/')} | {n.top_wrong_misconception or '-'} |"
            )
        if version.disputed:
            out += ["", "### Reported as wrong by students", "", "| node | reports | seen | student | comment |"]
            out.append("|---|---|---|---|---|")
            for node in version.disputed:
                for d in node.reports:
                    out.append(
                        f"| {node.node_id} | {len(node.reports)} | {d.seen} | {_cell(d.student)} | {_cell(d.comment)} |"
                    )
    if report.problems:
        out += ["", "## Rows left out", ""] + [f"- {p}" for p in report.problems]
    return "\n".join(out) + "\n"
