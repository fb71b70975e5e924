"""`qi-tutor export --format gift|qti|anki|reviews`: the bank for Moodle, Canvas and Anki; the review log for FSRS.

gift, qti and anki export scenarios (the whole bank, or each `--scenario`), never
progress: only scenarios that pass the checker, the same ones play would open.
reviews exports the student's review log. Every other format is the answer export
in `tutor.commands.progress`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor import exit_codes
from tutor.commands.common import fail, reading, write_output
from tutor.paths import Locations
from tutor.terminal_text import shown

if TYPE_CHECKING:
    from tutor.exports.items import Item
    from tutor.store.progress import ProgressStore
    from tutor.study.playable import Playable

BANK_FORMATS = ("gift", "qti", "anki")
FORMATS = (*BANK_FORMATS, "reviews")
LMS_EXTRA = "pip install 'qi-tutor[lms]'"


def run_export(args: argparse.Namespace, locations: Locations) -> int:
    if args.format in BANK_FORMATS:
        return _export_bank(args, locations)
    if args.format == "reviews":
        return _export_reviews(args, locations)
    from tutor.commands.progress import run_export as export_answers

    return int(export_answers(args, locations))


def _playables(args: argparse.Namespace, locations: Locations) -> tuple[list[Playable], bool]:
    """The scenarios to export, and whether any was left out (its problems are printed)."""
    from tutor.commands.play import print_problems
    from tutor.scenario.bank import find, scenario_files
    from tutor.scenario.problems import ScenarioError
    from tutor.study.playable import load_playable

    left_out = False
    if args.scenario:
        paths = []
        for wanted in args.scenario:
            try:
                paths.append(find(locations, wanted))
            except LookupError as error:
                print(f"qi-tutor: {error}", file=sys.stderr)
                left_out = True
    else:
        paths = scenario_files(locations)
    playables: list[Playable] = []
    for path in paths:
        try:
            playables.append(load_playable(path))
        except ScenarioError as error:
            print_problems(error.problems)
            print(f"qi-tutor: {shown(str(path))} is left out of the export until its errors are fixed", file=sys.stderr)
            left_out = True
    return playables, left_out


def _export_bank(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.exports.items import items

    if args.format in ("qti", "anki") and not args.output:
        suffix = ".zip" if args.format == "qti" else ".apkg"
        return fail(f"--format {args.format} writes a file: give it with -o FILE{suffix}", exit_codes.USAGE)
    loaded, left_out = _playables(args, locations)
    if not loaded:
        return fail("no scenario to export", exit_codes.PROBLEMS)
    court_only = args.format == "anki"  # the deck holds the court's path; the quizzes every decision point
    exported = [item for p in loaded for item in items(p.scenario, p.context, p.quoted, court_only=court_only)]
    title = loaded[0].scenario.title if len(loaded) == 1 else "qi-tutor: qualified immunity"
    try:
        written = _write_bank(args.format, title, exported, args.output)
    except OSError as error:
        return fail(
            f"cannot write {shown(args.output)}: {error.strerror}; choose another file with -o", exit_codes.PROBLEMS
        )
    if written is not None:
        return written
    print(f"qi-tutor: exported {len(exported)} decision point(s) from {len(loaded)} scenario(s).", file=sys.stderr)
    return exit_codes.PROBLEMS if left_out else exit_codes.OK


def _write_bank(fmt: str, title: str, exported: list[Item], output: str | None) -> int | None:
    """Write one format; an exit code when it cannot be (its library missing), else None."""
    if fmt == "gift":
        from tutor.exports.gift import gift

        text = gift(exported)
        if not output:
            sys.stdout.write(text)
            return None
        Path(output).write_text(text, encoding="utf-8")
        return None
    assert output is not None
    if fmt == "qti":
        from tutor.exports.qti import QtiUnavailable, qti_zip

        try:
            Path(output).write_bytes(qti_zip(title, exported))
        except QtiUnavailable:
            return fail(f"--format qti needs text2qti: {LMS_EXTRA}", exit_codes.USAGE)
        return None
    from tutor.exports.anki import AnkiUnavailable, write_deck

    try:
        write_deck(exported, Path(output))
    except AnkiUnavailable:
        return fail(f"--format anki needs genanki: {LMS_EXTRA}", exit_codes.USAGE)
    return None


@reading
def _export_reviews(args: argparse.Namespace, _locations: Locations, store: ProgressStore) -> int:
    from tutor.store.review_log import review_logs

    logs = review_logs(store)
    if not logs:
        print("qi-tutor: no reviews to export yet: every answer on the court's path is one.", file=sys.stderr)
    return write_output("".join(json.dumps(log) + "\n" for log in logs), args.output)
