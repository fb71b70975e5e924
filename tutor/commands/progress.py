"""`qi-tutor stats | review | export | report | reset | backup | restore`: the record, headless.

Stats print Rich tables (or JSON); review walks the due questions at the prompt with
plain mode's grammar (or opens the full-screen UI); export and report are for the
instructor; reset, backup and restore look after the file. stats, export and backup
only read, so they open the record read-only. A store problem the student must act
on prints its message and exits with `StoreError.exit_code`; the store's notices (a
damaged file moved aside, a row left out) go to standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tutor import exit_codes
from tutor.commands.common import fail, guarded, reading, write_output
from tutor.paths import Locations
from tutor.store.progress import ProgressStore


def _confirm(question: str, yes: bool) -> bool | None:
    """True to go ahead; None when there is no one to ask (input is not a terminal)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return None
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _scenario_paths(locations: Locations, scenario_ids: set[str]) -> dict[str, Path]:
    from tutor.scenario.bank import find

    found = {}
    for scenario_id in scenario_ids:
        try:
            found[scenario_id] = find(locations, scenario_id)
        except LookupError:
            continue  # a scenario since removed from the bank: its history still counts
    return found


def misconception_labels(locations: Locations, scenario_ids: set[str]) -> dict[str, str]:
    """Labels from each played scenario's misconceptions.yaml; a key whose file will not load stays a key."""
    from tutor.scenario.load import load_context
    from tutor.scenario.problems import ScenarioError

    labels: dict[str, str] = {}
    for path in _scenario_paths(locations, scenario_ids).values():
        try:
            vocabulary = load_context(path).misconceptions.misconceptions
        except ScenarioError:
            continue
        labels.update({key: entry.label for key, entry in vocabulary.items()})
    return labels


# --- stats --------------------------------------------------------------------------------


@reading
def run_stats(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import stats as stats_module
    from tutor.store.review import ReviewQueue

    played = {row["scenario_id"] for row in store.rows("SELECT DISTINCT scenario_id FROM attempts")}
    stats = stats_module.compute(store, misconception_labels(locations, played) if played else {})
    due = ReviewQueue(store).count_due()
    if args.format == "json":
        print(json.dumps({**stats.to_dict(), "due_for_review": due}, indent=2))
        return exit_codes.OK
    from tutor.commands.progress_tables import print_stats

    print_stats(stats, due)
    return exit_codes.OK


# --- review ---------------------------------------------------------------------------------


def run_review(args: argparse.Namespace, locations: Locations) -> int:
    if not args.plain:
        from tutor.ui.app import run_review_app  # Textual's import cost is paid only here

        return run_review_app(args, locations)
    return _review_plain(args, locations)


def _review_plain(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.commands.play import print_problems
    from tutor.plain import play as plain
    from tutor.scenario.problems import ScenarioError
    from tutor.study.recorder import Recorder
    from tutor.study.review import review_walks
    from tutor.study.schedule import nothing_due, scheduled

    console, err = plain.consoles()
    recorder = Recorder.at(locations, lambda message: err.print(f"qi-tutor: {message}", markup=False))
    code = exit_codes.OK

    def problems(scenario_id: str, error: ScenarioError) -> None:
        nonlocal code
        print_problems(error.problems)
        code = exit_codes.PROBLEMS

    try:
        due = recorder.queue(lambda queue: len(queue.due(limit=args.limit)), 0)
        if not due:
            console.print(nothing_due(recorder), markup=False)
            return exit_codes.OK
        walks = review_walks(recorder, locations, args.limit, problems)
        scenarios = len({w.scenario.id for w in walks})
        console.print(f"{due} question(s) due for review, from {scenarios} scenario(s).", markup=False)
        prompter = plain.Prompter(console)
        for walk in walks:
            walk_code = plain.PlainWalk(console, walk, prompter).run()
            if not walk.session.finished:  # the student quit or input ended: the rest stay due
                return walk_code
        left = recorder.count_due()
        done = "Review done." + (f" {left} question(s) are still due." if left else " Nothing else is due.")
        console.print(f"{done} {scheduled(recorder)}".rstrip(), markup=False)
        return code
    finally:
        recorder.close()


# --- export and report ------------------------------------------------------------------------


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    return dt.date.fromisoformat(value).isoformat()


@reading
def run_export(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.commands import classroom
    from tutor.settings import Settings
    from tutor.store import export

    try:
        since = _since(args.since)
    except ValueError:
        return fail(f"--since wants a date as YYYY-MM-DD, not {args.since!r}", exit_codes.USAGE)
    settings = Settings.load(locations)
    try:
        student = classroom.student_name(args, settings)
        learner = classroom.learner(args, settings)
    except classroom.UsageProblem as error:
        return fail(str(error), exit_codes.USAGE)
    if args.format == "reports":
        return _export_reports(store, student, since, args)
    rows = export.export_rows(store, student=student, since=since)
    export.add_seen(rows, *classroom.questions_asked(store, locations, rows))
    if args.format == "jsonl":
        text = export.to_jsonl(rows)
    elif args.format == "csv":
        text = export.to_csv(rows, excel=args.excel)
    elif args.format == "md":
        text = export.to_markdown(rows, misconception_labels(locations, {r["scenario_id"] for r in rows}))
    else:
        statements = classroom.class_statements(store, locations, rows, learner)
        text = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    if not rows:
        print("qi-tutor: no answers to export" + (f" since {since}" if since else "") + ".", file=sys.stderr)
    warning = classroom.anonymous_warning(rows)
    if warning:
        print(f"qi-tutor: {warning}", file=sys.stderr)
    return write_output(text, args.output)


def _export_reports(store: ProgressStore, student: str | None, since: str | None, args: argparse.Namespace) -> int:
    """`export --format reports`: the student's "this question is wrong" reports, as CSV for the instructor."""
    from tutor.store import reports

    rows = [r for r in reports.report_rows(store, student) if r["reported_at"] >= (since or "")]
    if not rows:
        print("qi-tutor: no reports to export" + (f" since {since}" if since else "") + ".", file=sys.stderr)
    return write_output(reports.to_csv(rows, excel=args.excel), args.output)


def run_report(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.commands import classroom
    from tutor.store import report
    from tutor.store.lrs import LrsError

    files, problems = report.export_files(Path(p) for p in args.inputs)
    tally = report.Tally()
    try:
        if args.lrs or args.xapi:
            for row in _statement_rows(args, locations, files, problems):
                tally.add(row)
        else:
            tally.add_all(report.read_exports(files, problems))
    except classroom.UsageProblem as error:
        return fail(str(error), exit_codes.USAGE)
    except LrsError as error:
        return fail(str(error), exit_codes.PROBLEMS)
    built = report.from_tally(tally, [str(f) for f in files], problems)
    if args.roster:
        from tutor.store.roster import named, read_roster

        try:
            names, roster_problems = read_roster(Path(args.roster))
        except (OSError, UnicodeDecodeError) as error:
            return fail(f"--roster: cannot read {args.roster}: {error}", exit_codes.USAGE)
        built.problems += roster_problems
        for version in built.versions:
            version.students = named(version.students, names)
    for problem in built.problems:
        print(f"qi-tutor: {problem}", file=sys.stderr)
    if not len(tally) and not tally.reports:
        return fail(
            "no answers found: give `qi-tutor export` files (.jsonl or .csv) or folders holding them, or --lrs URL",
            exit_codes.PROBLEMS,
        )
    written = write_output(
        report.to_markdown(built) if args.format == "md" else json.dumps(built.to_dict(), indent=2) + "\n", args.output
    )
    if built.problems:  # the report covers what could be read; the exit code says it is not the whole class
        print(f"qi-tutor: {len(built.problems)} problem(s) above: the report leaves those rows out", file=sys.stderr)
        return exit_codes.PROBLEMS
    return written


def _statement_rows(
    args: argparse.Namespace, locations: Locations, files: list[Path], problems: list[str]
) -> Iterator[dict[str, Any]]:
    """The rows to report on from xAPI statements: from the LRS, or from statement files."""
    if args.lrs:
        from tutor.commands.classroom import lrs_rows

        return lrs_rows(args, locations, problems)
    from tutor.store.xapi_read import read_xapi_files

    return read_xapi_files(files, problems)


# --- reset, backup, restore ---------------------------------------------------------------------


@guarded
def run_reset(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import maintenance

    what = f"your progress on {args.scenario}" if args.scenario else "all your progress"
    answer = _confirm(f"Move {what} aside (into {store.backups}) and start afresh?", args.yes)
    if answer is None:
        return fail("reset asks before moving anything; pass --yes to go ahead without a terminal", exit_codes.USAGE)
    if not answer:
        print("Nothing was changed.")
        return exit_codes.OK
    if args.scenario:
        copy, attempts = maintenance.reset_scenario(store, args.scenario)
        print(
            f"Reset {args.scenario}: {attempts} attempt(s) taken out; the whole file was copied first to {copy}."
            if copy
            else f"No progress on {args.scenario}; nothing was changed."
        )
    else:
        moved = maintenance.reset_all(store)
        print(
            f"Your progress was moved to {moved}; the next answer starts a fresh record."
            if moved
            else "No progress yet; nothing was changed."
        )
    return exit_codes.OK


@reading
def run_backup(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import maintenance

    target, counts = maintenance.backup(store, Path(args.output) if args.output else None)
    print(f"Backed up to {target} ({counts.attempts} attempt(s), {counts.answers} answer(s), checked after writing).")
    return exit_codes.OK


@guarded
def run_restore(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import maintenance

    found = maintenance.check_backup(Path(args.input), store.path)
    answer = _confirm(
        f"Replace your progress with {args.input} ({found.attempts} attempt(s), {found.answers} answer(s))? "
        "The current record is kept "
        f"in {store.backups}.",
        args.yes,
    )
    if answer is None:
        return fail(
            "restore asks before replacing anything; pass --yes to go ahead without a terminal", exit_codes.USAGE
        )
    if not answer:
        print("Nothing was changed.")
        return exit_codes.OK
    moved, counts = maintenance.restore(store, Path(args.input))
    print(
        f"Restored {args.input} ({counts.attempts} attempt(s), {counts.answers} answer(s), checked after writing)."
        + (f" Your previous record was moved to {moved}." if moved else "")
    )
    return exit_codes.OK
