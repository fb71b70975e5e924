"""The instructor's commands: validate, check, schema, new.

Problems go to standard error as `file:line:col: severity: message [code]`, grouped
by file, each with its hint indented below, then one line of totals; standard output
carries only data (`--format json`, the `--walk` table, the schema). Exit 0 when
clean, 1 when problems were found (warnings count only with --strict), 2 on a usage
error or input that could not be read.

This module must stay cheap to import: `validate` pays for YAML and pydantic only,
never for Textual or rich (a subprocess test holds it to that).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor import exit_codes
from tutor.paths import Locations
from tutor.scenario.problems import Problem

UNREADABLE = "unreadable"


def collect(paths: list[Path]) -> tuple[list[Path], list[Path], list[Problem]]:
    """Split the arguments into scenarios and vocabularies; a folder means its *.yaml, recursively."""
    from tutor.checker.verify import is_vocabulary

    scenarios: dict[Path, None] = {}
    vocabularies: dict[Path, None] = {}
    missing = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*.yaml") if not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            files = [path]
        else:
            missing.append(Problem(path, None, None, "error", UNREADABLE, "no such file or folder", "check the path"))
            continue
        for file in files:
            (vocabularies if is_vocabulary(file) else scenarios)[file] = None
    return list(scenarios), list(vocabularies), missing


def run_validate(args: argparse.Namespace, locations: Locations) -> int:
    if args.jobs < 1:
        print("qi-tutor validate: --jobs must be at least 1", file=sys.stderr)
        return exit_codes.USAGE
    scenarios, vocabularies, missing = collect([Path(p) for p in args.paths])
    if getattr(args, "fix_pins", False):
        from tutor.checker.verify import check_files
        from tutor.commands.sources import fix_pins

        found = [p for report in check_files(scenarios, vocabularies, jobs=args.jobs) for p in report.problems]
        for path, count in fix_pins(found).items():
            print(f"{path}: fixed {count} pin{'s' if count != 1 else ''}", file=sys.stderr)
    return _check_and_report(scenarios, vocabularies, missing, args, jobs=args.jobs)


def run_check(args: argparse.Namespace, locations: Locations) -> int:
    if args.max_paths < 0:
        print("qi-tutor check: --max-paths must not be negative", file=sys.stderr)
        return exit_codes.USAGE
    paths = [Path(p) for p in getattr(args, "paths", [])] or list(locations.banks)
    scenarios, vocabularies, missing = collect(paths)
    return _check_and_report(scenarios, vocabularies, missing, args, jobs=1, walk=args.walk)


def _check_and_report(
    scenarios: list[Path],
    vocabularies: list[Path],
    missing: list[Problem],
    args: argparse.Namespace,
    jobs: int,
    walk: bool = False,
) -> int:
    from tutor.checker.verify import check_files, is_vocabulary

    reports = check_files(scenarios, vocabularies, jobs=jobs, keep_models=walk)
    by_file: dict[Path, list[Problem]] = {p.path: [p] for p in missing}
    for report in reports:
        for problem in report.problems:
            by_file.setdefault(problem.path, []).append(problem)
    for path, problems in by_file.items():
        by_file[path] = sorted(dict.fromkeys(problems), key=lambda p: (p.line or 0, p.column or 0, p.code))
    checked = _Checked(sum(not is_vocabulary(r.path) for r in reports), sum(is_vocabulary(r.path) for r in reports))
    walks = _walks(reports, args.max_paths) if walk else None
    if args.format == "json":
        _print_json(by_file, checked, walks)
    else:
        _print_text(by_file, checked)
        if walks is not None:
            _print_walks(walks)
    return _exit_code(by_file, args.strict)


def _exit_code(by_file: dict[Path, list[Problem]], strict: bool) -> int:
    problems = [p for found in by_file.values() for p in found]
    if any(p.code == UNREADABLE for p in problems):
        return exit_codes.USAGE
    if any(p.severity == "error" or strict for p in problems):
        return exit_codes.PROBLEMS
    return exit_codes.OK


@dataclass(frozen=True)
class _Checked:
    """What a run checked, counted by kind: "1 scenario checked" never hides a vocabulary in "2 files"."""

    scenarios: int
    vocabularies: int

    @property
    def total(self) -> int:
        return self.scenarios + self.vocabularies

    def __str__(self) -> str:
        parts = [_count(self.scenarios, "scenario")] if self.scenarios or not self.vocabularies else []
        if self.vocabularies:
            parts.append(_count(self.vocabularies, "vocabulary file"))
        return " and ".join(parts) + " checked"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _totals(by_file: dict[Path, list[Problem]], checked: _Checked) -> str:
    problems = [p for found in by_file.values() for p in found]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = str(checked)
    if not problems:
        return f"{files}: no problems"
    counts = " and ".join(
        f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n
    )
    return f"{files}: {counts} in {len(by_file)} file{'s' if len(by_file) != 1 else ''}"


def _print_text(by_file: dict[Path, list[Problem]], checked: _Checked) -> None:
    out = sys.stderr
    for problems in by_file.values():
        for problem in problems:
            print(problem.render(), file=out)
            if problem.hint:
                print(f"    {problem.hint}", file=out)
        print(file=out)
    print(_totals(by_file, checked), file=out)


def _print_json(by_file: dict[Path, list[Problem]], checked: _Checked, walks: list[dict[str, Any]] | None) -> None:
    import json

    problems = [p.as_dict() for found in by_file.values() for p in found]
    errors = sum(p["severity"] == "error" for p in problems)
    document: dict[str, Any] = {
        "files_checked": checked.total,
        "scenarios_checked": checked.scenarios,
        "vocabularies_checked": checked.vocabularies,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": problems,
    }
    if walks is not None:
        document["walks"] = walks
    print(json.dumps(document, indent=2, ensure_ascii=False))


def _walks(reports: list[Any], max_paths: int) -> list[dict[str, Any]]:
    """Score ranges per end, the court's path and up to `max_paths` paths, for each sound scenario."""
    from tutor.checker.walk import walk

    found = []
    for report in reports:
        if report.scenario is None or any(p.severity == "error" for p in report.problems):
            continue
        result = walk(report.scenario, max_paths)
        found.append({"path": str(report.path), "id": report.scenario.id, **result.as_dict()})
    return found


WALK_LEGEND = (
    "score A-B of C: a student who reaches this end has at least A and at most B points, and the longest way"
    " there offers C; N-M questions: the fewest and most questions on the way"
)


def _print_walks(walks: list[dict[str, Any]]) -> None:
    if walks:
        print(WALK_LEGEND)
    for walk in walks:
        print(f"{walk['path']} ({walk['id']})")
        for end in walk["ends"]:
            score = f"score {end['min_score']:g}-{end['max_score']:g} of {end['possible']:g}"
            print(f"  end {end['end']}: {score}, {end['min_questions']}-{end['max_questions']} questions")
        court = walk["court_path"]
        print(f"  court's path: {' -> '.join(court['nodes'])} (score {court['score']:g} of {court['possible']:g})")
        shown = walk["paths"]
        print(
            f"  paths: {walk['path_count']}"
            + (f", first {len(shown)} shown" if len(shown) < walk["path_count"] else "")
        )
        for path in shown:
            print(f"    {' -> '.join(path)}")


def run_schema(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.schema import SCHEMA_FILE, SCHEMA_FILES, schema_text

    name = {"scenario": SCHEMA_FILE}.get(args.kind, f"{args.kind}.schema.json")
    if getattr(args, "write", None):
        targets = [(Path(args.write) / file, schema_text(file)) for file in SCHEMA_FILES]
    elif args.output:
        targets = [(Path(args.output), schema_text(name))]
    else:
        sys.stdout.write(schema_text(name))
        return exit_codes.OK
    for target, text in targets:
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"qi-tutor schema: cannot write {target}: {error.strerror or error}", file=sys.stderr)
            return exit_codes.USAGE
        print(f"wrote {target}", file=sys.stderr)
    return exit_codes.OK


def run_new(args: argparse.Namespace, locations: Locations) -> int:
    import re

    from tutor.scenario.template import write_template

    path = Path(args.path)
    scenario_id = args.id or path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", scenario_id):
        print(
            f"qi-tutor new: {scenario_id!r} is not a valid id: use lower-case letters, digits and hyphens (--id "
            "to choose one)",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    if path.suffix != ".yaml":
        print(f"qi-tutor new: {path} should end in .yaml (validate and the library look for *.yaml)", file=sys.stderr)
        return exit_codes.USAGE
    if path.exists() and not args.force:
        print(f"qi-tutor new: {path} already exists; use --force to overwrite it", file=sys.stderr)
        return exit_codes.USAGE
    try:
        written = write_template(path, scenario_id)
    except OSError as error:
        print(f"qi-tutor new: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return exit_codes.USAGE
    for file in written:
        print(f"wrote {file}", file=sys.stderr)
    print(f"next: edit {path}, then run  qi-tutor validate {path}", file=sys.stderr)
    return exit_codes.OK


def run_map(args: argparse.Namespace, locations: Locations) -> int:
    """`qi-tutor map SCENARIO`: the scenario's tree on standard output, as text or Graphviz dot."""
    from tutor.checker.map import dot, tree
    from tutor.scenario.load import load_scenario
    from tutor.scenario.problems import ScenarioError

    path = Path(args.scenario)
    if not path.is_file():
        print(f"qi-tutor map: no such file: {path}", file=sys.stderr)
        return exit_codes.USAGE
    try:
        scenario, _loaded = load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        print(f"qi-tutor map: {path} does not load; run qi-tutor validate {path}", file=sys.stderr)
        return exit_codes.PROBLEMS
    sys.stdout.write(dot(scenario) if args.format == "dot" else tree(scenario))
    return exit_codes.OK
