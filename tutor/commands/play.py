"""`qi-tutor play [SCENARIO-OR-FILE]`: one scenario in the full-screen UI or, with --plain, at the prompt.

`qi-tutor` with no subcommand arrives here too, with no scenario: the UI opens its
library, and plain mode lists the library and asks which scenario to play. Textual is
imported only on the UI path, so plain mode starts without paying for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.paths import Locations
from tutor.scenario.context import BankContext
from tutor.scenario.model import Scenario
from tutor.scenario.problems import Problem, ScenarioError

EXIT_PROBLEMS, EXIT_USAGE = 1, 2


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

    if args.scenario:  # resolved here for both front ends, so a wrong id is a message, not a traceback
        try:
            path = find(locations, args.scenario)
        except LookupError as error:
            print(f"qi-tutor: {error}", file=sys.stderr)
            return EXIT_USAGE
    if not args.plain:
        from tutor.ui.app import run_app  # Textual's import cost is paid only here

        return run_app(args, locations)

    from tutor.plain import play as plain

    if not args.scenario:
        try:
            path = plain.pick_from_library(locations)
        except plain.Quit:
            return plain.EXIT_FINISHED
        except plain.EndOfInput:
            return plain.EXIT_INPUT_ENDED
    try:
        scenario, context, digest = load_playable(path)
    except ScenarioError as error:
        print_problems(error.problems)
        return EXIT_PROBLEMS
    return plain.run_plain(
        scenario, path.resolve().parent, context, digest, locations, mode=args.mode, retry=args.retry
    )


def load_playable(path: Path) -> tuple[Scenario, BankContext, str]:
    """The scenario, its bank's vocabularies and its content hash, once the checker finds no error.

    The checker runs here too (about 50 ms) because a dangling `next` or a quote that is
    not in its source must stop play with a message, not midway with a traceback.
    Raises ScenarioError with every error found.
    """
    from tutor.checker.checks import check_scenario
    from tutor.scenario.load import content_hash, load_context, load_scenario

    scenario, loaded = load_scenario(path)
    context = load_context(path)
    errors = [p for p in check_scenario(scenario, loaded, context) if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    return scenario, context, content_hash(path)


def print_problems(problems: list[Problem]) -> None:
    print("qi-tutor: this scenario cannot be played until these problems are fixed:", file=sys.stderr)
    for problem in problems:
        print(problem.render(), file=sys.stderr)
        if problem.hint:
            print(f"    {problem.hint}", file=sys.stderr)
    print("Run `qi-tutor validate FILE` after editing to check it again.", file=sys.stderr)
