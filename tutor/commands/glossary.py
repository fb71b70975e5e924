"""`qi-tutor glossary [TERM]`: one entry of the bank's glossary, or the list of its terms."""

from __future__ import annotations

import argparse
import sys

from tutor import exit_codes
from tutor.paths import Locations


def run_glossary(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.files import GLOSSARY_FILE
    from tutor.scenario.load import load_context
    from tutor.scenario.problems import ScenarioError
    from tutor.study.glossary import index, look_up

    # The nearest bank with a glossary of its own, layered over the shipped one.
    own = [bank / GLOSSARY_FILE for bank in reversed(locations.banks) if (bank / GLOSSARY_FILE).is_file()]
    try:
        context = load_context(own[0] if own else locations.banks[0] / GLOSSARY_FILE)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        return exit_codes.PROBLEMS
    if context.glossary is None:
        print("qi-tutor glossary: this bank has no glossary.yaml", file=sys.stderr)
        return exit_codes.PROBLEMS
    word = " ".join(args.term)
    blocks = look_up(context, word) if word else index(context.glossary)
    for said in blocks:
        print("\n".join(said.lines))
    known = not word or blocks[0].kind == "heading"
    return exit_codes.OK if known else exit_codes.PROBLEMS
