"""`qi-tutor play [SCENARIO-OR-FILE]`: one scenario in the full-screen UI or, with --plain, at the prompt.

`qi-tutor` with no subcommand arrives here too, with no scenario: the UI opens its
library, and plain mode lists the library and asks which scenario to play. Textual is
imported only on the UI path, so plain mode starts without paying for it.
"""

from __future__ import annotations

import argparse
import sys

from tutor import exit_codes
from tutor.paths import Locations
from tutor.scenario.problems import Problem, ScenarioError


def run_play(args: argparse.Namespace, locations: Locations) -> int:
    """Play, with answers sent to the class's LRS as they are given when one is configured."""
    from tutor.commands.classroom import start_outbox, stop_outbox

    outbox = start_outbox(args, locations)
    try:
        return _play(args, locations)
    finally:
        stop_outbox(outbox)


def _play(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.bank import find

    if getattr(args, "minutes", None) and args.mode != "exam":
        print("qi-tutor: --minutes times an exam: use it with --mode exam.", file=sys.stderr)
        return exit_codes.USAGE
    if args.scenario:  # resolved here for both front ends, so a wrong id is a message, not a traceback
        try:
            path = find(locations, args.scenario)
        except LookupError as error:
            print(f"qi-tutor: {error}", file=sys.stderr)
            return exit_codes.USAGE
    if args.watch and (args.plain or not args.scenario):
        print(
            "qi-tutor: --watch reloads one scenario in the full-screen UI: give its file, without --plain",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    if not args.plain:
        from tutor.ui.app import run_app  # Textual's import cost is paid only here

        return run_app(args, locations)

    from tutor.plain import play as plain
    from tutor.study.playable import load_playable

    if not args.scenario:
        try:
            path = plain.pick_from_library(locations)
        except plain.Quit:
            return exit_codes.OK
        except plain.EndOfInput:
            return exit_codes.INPUT_ENDED
    try:
        playable = load_playable(path)
    except ScenarioError as error:
        print_problems(error.problems)
        return exit_codes.PROBLEMS
    return plain.run_plain(playable, locations, mode=args.mode, retry=args.retry, minutes=args.minutes)


def print_problems(problems: list[Problem]) -> None:
    print("qi-tutor: this scenario cannot be played until these problems are fixed:", file=sys.stderr)
    for problem in problems:
        print(problem.render(), file=sys.stderr)
        if problem.hint:
            print(f"    {problem.hint}", file=sys.stderr)
    print("Run `qi-tutor validate FILE` after editing to check it again.", file=sys.stderr)
