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
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from tutor.exit_codes import OK as EXIT_OK
from tutor.exit_codes import PROBLEMS as EXIT_PROBLEMS
from tutor.exit_codes import USAGE as EXIT_USAGE
from tutor.paths import Locations
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore


def _fail(message: str, code: int) -> int:
    print(f"qi-tutor: {message}", file=sys.stderr)
    return code


Command = Callable[[argparse.Namespace, Locations, ProgressStore], int]


def _guarded(command: Command, read_only: bool = False) -> Callable[..., int]:
    """Open the store for `command`, report its notices, and turn a StoreError into its message and exit code.

    `read_only`: the command only reads, so the record is opened read-only (it works in a
    read-only data folder, and nothing on disk changes, not even an upgrade of an old file).
    """

    @wraps(command)
    def run(args: argparse.Namespace, locations: Locations) -> int:
        store = ProgressStore.open(locations.database, locations.backups, read_only=read_only)
        try:
            return command(args, locations, store)
        except StoreError as error:
            return _fail(str(error), error.exit_code)
        finally:
            for notice in store.notices:
                print(f"qi-tutor: {notice}", file=sys.stderr)
            store.close()

    return run


def _reading(command: Command) -> Callable[..., int]:
    return _guarded(command, read_only=True)


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


@_reading
def run_stats(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import stats as stats_module
    from tutor.store.review import ReviewQueue

    played = {row["scenario_id"] for row in store.rows("SELECT DISTINCT scenario_id FROM attempts")}
    stats = stats_module.compute(store, misconception_labels(locations, played) if played else {})
    due = ReviewQueue(store).count_due()
    if args.format == "json":
        print(json.dumps({**stats.to_dict(), "due_for_review": due}, indent=2))
        return EXIT_OK
    from tutor.commands.progress_tables import print_stats

    print_stats(stats, due)
    return EXIT_OK


# --- review ---------------------------------------------------------------------------------


def run_review(args: argparse.Namespace, locations: Locations) -> int:
    if not args.plain:
        from tutor.ui.app import run_review_app  # Textual's import cost is paid only here

        return run_review_app(args, locations)
    return _review_plain(args, locations)


@_guarded
def _review_plain(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.commands.play import load_playable, print_problems
    from tutor.engine.session import Session, court_path
    from tutor.plain import play as plain
    from tutor.plain.progress import Recorder
    from tutor.scenario.problems import ScenarioError
    from tutor.store.review import ReviewQueue

    queue = ReviewQueue(store)
    due = queue.due(limit=args.limit)
    if not due:
        upcoming = queue.next_due()
        print(
            "Nothing is due for review."
            + (
                f" The next question falls due {upcoming:%Y-%m-%d %H:%M} UTC."
                if upcoming
                else " Play a scenario first: `qi-tutor play`."
            )
        )
        return EXIT_OK
    by_scenario: dict[str, list[str]] = {}
    for card in due:
        by_scenario.setdefault(card.scenario_id, []).append(card.node_id)
    paths = _scenario_paths(locations, set(by_scenario))
    console, err = plain.consoles()
    prompter = plain.Prompter(console)
    console.print(f"{len(due)} question(s) due for review, from {len(by_scenario)} scenario(s).")
    code = EXIT_OK
    for scenario_id, nodes in by_scenario.items():
        if scenario_id not in paths:
            err.print(f"qi-tutor: {scenario_id} is no longer in the library; its {len(nodes)} card(s) wait for it.")
            continue
        try:
            scenario, context, digest = load_playable(paths[scenario_id])
        except ScenarioError as error:
            print_problems(error.problems)
            code = EXIT_PROBLEMS
            continue
        decisions = {n for n in court_path(scenario) if scenario.nodes[n].type != "end"}
        for node_id in [n for n in nodes if n not in decisions]:
            queue.retire(scenario_id, node_id)
            err.print(f"qi-tutor: {node_id} is no longer a question on {scenario_id}'s path; its card is retired.")
        nodes = [n for n in nodes if n in decisions]
        if not nodes:
            continue
        session = Session(scenario, nodes=nodes, content_hash=digest)
        recorder = Recorder(store, err)
        recorder.adopt(store.start_attempt(scenario_id, digest, "tutor", nodes, purpose="review", seed=session.seed))
        walk_code = plain.PlainWalk(
            console, scenario, paths[scenario_id].resolve().parent, context, recorder, prompter
        ).run(session)
        if not session.finished:  # the student quit or input ended: the rest stay due
            return walk_code
    left = queue.count_due()
    console.print("Review done." + (f" {left} question(s) are still due." if left else " Nothing else is due."))
    return code


# --- export and report ------------------------------------------------------------------------


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    return dt.date.fromisoformat(value).isoformat()


def _write(text: str, output: str | None) -> int:
    if not output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {output}: {error.strerror}; choose another file with -o", EXIT_PROBLEMS)
    return EXIT_OK


@_reading
def run_export(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.settings import Settings
    from tutor.store import export

    try:
        since = _since(args.since)
    except ValueError:
        return _fail(f"--since wants a date as YYYY-MM-DD, not {args.since!r}", EXIT_USAGE)
    student = args.student or Settings.load(locations).student
    rows = export.export_rows(store, student=student, since=since)
    if args.format == "jsonl":
        text = export.to_jsonl(rows)
    elif args.format == "csv":
        text = export.to_csv(rows)
    elif args.format == "md":
        text = export.to_markdown(rows, misconception_labels(locations, {r["scenario_id"] for r in rows}))
    else:
        text = _xapi(rows, locations, args.xapi_home)
    if not rows:
        print("qi-tutor: no answers to export" + (f" since {since}" if since else "") + ".", file=sys.stderr)
    return _write(text, args.output)


def _xapi(rows: list[dict[str, Any]], locations: Locations, home: str | None) -> str:
    """Statements whose interaction definitions carry the prompt and choices when the scenario file is unchanged."""
    from tutor.scenario.load import content_hash, load_scenario
    from tutor.scenario.problems import ScenarioError
    from tutor.store import xapi

    scenarios = {}
    for scenario_id, path in _scenario_paths(locations, {r["scenario_id"] for r in rows}).items():
        try:
            scenarios[(scenario_id, content_hash(path))] = load_scenario(path)[0]
        except ScenarioError:
            continue
    return "".join(
        json.dumps(s, ensure_ascii=False) + "\n" for s in xapi.statements(rows, home or xapi.HOME, scenarios)
    )


def run_report(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.store import report

    files, problems = report.export_files(Path(p) for p in args.inputs)
    rows, bad_rows = report.read_exports(files)
    built = report.build(rows, [str(f) for f in files], problems + bad_rows)
    if not rows:
        for problem in built.problems:
            print(f"qi-tutor: {problem}", file=sys.stderr)
        return _fail(
            "no answers found: give `qi-tutor export` files (.jsonl or .csv) or folders holding them", EXIT_PROBLEMS
        )
    for problem in built.problems:
        print(f"qi-tutor: {problem}", file=sys.stderr)
    written = _write(
        report.to_markdown(built) if args.format == "md" else json.dumps(built.to_dict(), indent=2) + "\n", args.output
    )
    return EXIT_PROBLEMS if built.problems else written


# --- reset, backup, restore ---------------------------------------------------------------------


@_guarded
def run_reset(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import maintenance

    what = f"your progress on {args.scenario}" if args.scenario else "all your progress"
    answer = _confirm(f"Move {what} aside (into {store.backups}) and start afresh?", args.yes)
    if answer is None:
        return _fail("reset asks before moving anything; pass --yes to go ahead without a terminal", EXIT_USAGE)
    if not answer:
        print("Nothing was changed.")
        return EXIT_OK
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
    return EXIT_OK


@_reading
def run_backup(args: argparse.Namespace, locations: Locations, store: ProgressStore) -> int:
    from tutor.store import maintenance

    target, counts = maintenance.backup(store, Path(args.output) if args.output else None)
    print(f"Backed up to {target} ({counts.attempts} attempt(s), {counts.answers} answer(s), checked after writing).")
    return EXIT_OK


@_guarded
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
        return _fail("restore asks before replacing anything; pass --yes to go ahead without a terminal", EXIT_USAGE)
    if not answer:
        print("Nothing was changed.")
        return EXIT_OK
    moved, counts = maintenance.restore(store, Path(args.input))
    print(
        f"Restored {args.input} ({counts.attempts} attempt(s), {counts.answers} answer(s), checked after writing)."
        + (f" Your previous record was moved to {moved}." if moved else "")
    )
    return EXIT_OK
