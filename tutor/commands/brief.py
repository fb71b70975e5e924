"""`qi-tutor brief SCENARIO [--format md|txt]`: a case brief, built by the study layer, printed or written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor import exit_codes
from tutor.paths import Locations
from tutor.terminal_text import shown


def run_brief(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.bank import find
    from tutor.scenario.problems import ScenarioError
    from tutor.study.brief import brief, render
    from tutor.study.playable import load_playable

    try:
        playable = load_playable(find(locations, args.scenario))
    except LookupError as error:
        print(f"qi-tutor brief: {error}", file=sys.stderr)
        return exit_codes.USAGE
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        return exit_codes.PROBLEMS
    text = render(brief(playable.scenario, playable.context), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return exit_codes.OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"qi-tutor brief: cannot write {shown(args.output)}: {error.strerror or error}", file=sys.stderr)
        return exit_codes.USAGE
    print(f"qi-tutor brief: wrote {shown(args.output)}", file=sys.stderr)
    return exit_codes.OK
