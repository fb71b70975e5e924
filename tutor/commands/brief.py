"""`qi-tutor brief SCENARIO [--format md|txt]`: a case brief, built by the study layer, printed or written."""

from __future__ import annotations

import argparse
import sys

from tutor import exit_codes
from tutor.commands.common import fail, write_output
from tutor.paths import Locations

WHO = "qi-tutor brief"


def run_brief(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.bank import find
    from tutor.scenario.problems import ScenarioError
    from tutor.study.brief import brief, render
    from tutor.study.playable import load_playable

    try:
        playable = load_playable(find(locations, args.scenario))
    except LookupError as error:
        return fail(str(error), exit_codes.USAGE, WHO)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        return exit_codes.PROBLEMS
    text = render(brief(playable.scenario, playable.context, playable.quoted), args.format)
    return write_output(text, args.output, WHO, wrote="")
