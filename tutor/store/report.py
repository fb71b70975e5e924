"""`qi-tutor report`: many students' exports merged into one class report.

Per scenario version (id + content hash: an edited scenario is a different test, so
its results are never pooled with the old one's), per node: how many students
answered it, the share with full marks on their FIRST try, and the wrong answer chosen
most often on that first try with the misconception it targets. Rows are read from
jsonl or csv exports; the same export given twice counts once.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tutor.store.export import ANONYMOUS, LIST_FIELDS, answer_text

REQUIRED = (
    "student",
    "scenario_id",
    "content_hash",
    "attempt_id",
    "seq",
    "node_id",
    "step",
    "kind",
    "answer",
    "full_marks",
    "misconceptions",
    "answered_at",
)


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


@dataclass
class VersionReport:
    scenario_id: str
    content_hash: str
    students: list[str]
    nodes: list[NodeReport]


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
            found += sorted(p for p in path.rglob("*") if p.suffix in (".jsonl", ".csv") and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return found, problems


def _from_csv(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = dict(row)
    out["answer"] = json.loads(row["answer"])
    for name in LIST_FIELDS:
        out[name] = [part for part in (row.get(name) or "").split(";") if part]
    out["full_marks"] = row["full_marks"] == "true"
    out["attempt_id"], out["seq"] = int(row["attempt_id"]), int(row["seq"])
    return out


class _BadLine(ValueError):
    def __init__(self, number: int, error: ValueError) -> None:
        super().__init__(str(error))
        self.number = number


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix == ".csv":
            for row in csv.DictReader(handle):
                yield 0, _from_csv(row)
        else:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield number, json.loads(line)
                    except ValueError as error:
                        raise _BadLine(number, error) from error


def read_exports(files: Iterable[Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every row of every file, each tagged with its student; problems name file and line."""
    rows, problems = [], []
    for path in files:
        try:
            for number, row in _records(path):
                where = f"{path}:{number}" if number else str(path)
                missing = [name for name in REQUIRED if name not in row]
                if missing:
                    problems.append(f"{where}: missing {', '.join(missing)}; is this a `qi-tutor export` file?")
                    continue
                if row["student"] in ("", None, ANONYMOUS):  # anonymous exports stay apart, one per file
                    row["student"] = f"{ANONYMOUS} ({path.name})"
                rows.append(row)
        except _BadLine as error:
            problems.append(f"{path}:{error.number}: not a JSON line ({error}); the rest of the file was left out")
        except (ValueError, KeyError, OSError, UnicodeDecodeError) as error:
            problems.append(
                f"{path}: cannot be read as a qi-tutor export ({error}); export again with "
                "`qi-tutor export --format jsonl` or --format csv"
            )
    return rows, problems


def _node(node_id: str, firsts: list[dict[str, Any]]) -> NodeReport:
    wrong = [r for r in firsts if not r["full_marks"] and r["kind"] != "short"]
    top, count, misconception = None, 0, None
    if wrong:
        top, count = Counter(answer_text(r["answer"]) for r in wrong).most_common(1)[0]
        hits = Counter(m for r in wrong if answer_text(r["answer"]) == top for m in r["misconceptions"])
        misconception = hits.most_common(1)[0][0] if hits else None
    return NodeReport(
        node_id, firsts[0]["step"], len(firsts), sum(1 for r in firsts if r["full_marks"]), top, count, misconception
    )


def build(rows: list[dict[str, Any]], files: list[str] | None = None, problems: list[str] | None = None) -> ClassReport:
    from tutor.scenario.model import step_rank

    unique = {(r["student"], r["scenario_id"], r["attempt_id"], r["seq"]): r for r in rows}
    first: dict[tuple[str, str], dict[tuple[str, str], dict[str, Any]]] = {}
    for row in sorted(unique.values(), key=lambda r: (r["answered_at"], r["attempt_id"], r["seq"])):
        per_node = first.setdefault((row["scenario_id"], row["content_hash"]), {})
        per_node.setdefault((row["node_id"], row["student"]), row)
    report = ClassReport(files or [], [], problems or [])
    for (scenario_id, digest), per_node in sorted(first.items()):
        by_node: dict[str, list[dict[str, Any]]] = {}
        for (node_id, _), row in per_node.items():
            by_node.setdefault(node_id, []).append(row)
        nodes = [_node(node_id, firsts) for node_id, firsts in by_node.items()]
        nodes.sort(key=lambda n: (step_rank(n.step), n.node_id))
        students = sorted({student for _, student in per_node})
        report.versions.append(VersionReport(scenario_id, digest, students, nodes))
    return report


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
    if report.problems:
        out += ["", "## Rows left out", ""] + [f"- {p}" for p in report.problems]
    return "\n".join(out) + "\n"
