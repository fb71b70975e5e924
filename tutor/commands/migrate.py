"""`qi-tutor migrate PATH... [--check]`: bring scenario files up to the format as it is checked today.

Each change is printed as `file:line: key: old -> new` on standard output; `--check`
prints the same and writes nothing, and exits 1 when a file would change (for CI: run
it before `validate`). A value that cannot be rewritten on its key's line, or a file
that does not parse, is named and counts as a problem (exit 1); nothing else is touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor import exit_codes
from tutor.commands.authoring import collect
from tutor.paths import Locations
from tutor.terminal_text import shown


def run_migrate(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.scenario.migrate import migrate_file
    from tutor.scenario.problems import ScenarioError

    scenarios, _vocabularies, missing = collect([Path(p) for p in args.paths])
    for problem in missing:
        print(problem.render(), file=sys.stderr)
    if missing:
        return exit_codes.USAGE
    changed = problems = 0
    for path in scenarios:
        try:
            migrated = migrate_file(path)
        except ScenarioError as error:
            for problem in error.problems:
                print(problem.render(), file=sys.stderr)
            problems += 1
            continue
        for change in migrated.changes:
            print(f"{path}:{change.line}: {change.key}: {shown(change.old)} -> {change.new}")
        for stuck in migrated.stuck:
            print(f"{shown(stuck)}", file=sys.stderr)
        problems += len(migrated.stuck)
        if migrated.changes:
            changed += 1
            if not args.check:
                path.write_text(migrated.text, encoding="utf-8")
    verb = "would change" if args.check else "changed"
    print(f"{len(scenarios)} scenario file(s) read; {verb} {changed}", file=sys.stderr)
    if problems or (args.check and changed):
        return exit_codes.PROBLEMS
    return exit_codes.OK
