"""`qi-tutor reviewed SCENARIO --by NAME`: record a review against the texts as they stand now.

The scenario file is edited as text, not re-dumped, so its comments, folding and key
order survive: the `reviewed:` block is replaced where it stands, or put before
`case:`. The result is loaded again before it replaces the file; if it would not
load, the file is left as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path

from tutor import exit_codes
from tutor.paths import Locations
from tutor.terminal_text import shown

_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")  # a top-level key starts a line at column 0


def review_block(by: str, day: dt.date, hashes: dict[str, str]) -> list[str]:
    from tutor.commands.sources import yaml_scalar

    lines = ["reviewed:", f"  date: {day.isoformat()}", f"  by: {yaml_scalar(by)}", "  sources:"]
    return lines + [f"    {source_id}: {digest}" for source_id, digest in hashes.items()]


def with_review(text: str, block: list[str]) -> str:
    """`text` with its top-level `reviewed:` block replaced by `block`, or `block` put before `case:`."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if line.startswith("reviewed:")), None)
    if start is None:
        at = next((n for n, line in enumerate(lines) if line.startswith("case:")), len(lines))
        return "\n".join([*lines[:at], *block, *lines[at:]])
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines before the next key stay
        end -= 1
    return "\n".join([*lines[:start], *block, *lines[end:]])


def run_reviewed(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.checker.review_checks import current_hashes
    from tutor.scenario.bank import find
    from tutor.scenario.load import load_scenario
    from tutor.scenario.problems import ScenarioError

    try:
        path = find(locations, args.scenario)
        scenario, _loaded = load_scenario(path)
    except LookupError as error:
        print(f"qi-tutor reviewed: {error}", file=sys.stderr)
        return exit_codes.USAGE
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        return exit_codes.PROBLEMS
    hashes = current_hashes(scenario, path)
    unread = [s.id for s in scenario.case.sources if s.id not in hashes]
    if unread:
        print(f"qi-tutor reviewed: cannot read source {', '.join(unread)}: fix the path first", file=sys.stderr)
        return exit_codes.PROBLEMS
    day = args.date or dt.date.today()
    text = path.read_text(encoding="utf-8")
    written = with_review(text, review_block(args.by, day, hashes))
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".reviewed-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(written)
        os.chmod(temporary, path.stat().st_mode & 0o7777)  # mkstemp's 0600 would hide the file from others
        load_scenario(Path(temporary))  # never replace a file that loads with one that does not
        os.replace(temporary, path.resolve())
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        print(f"qi-tutor reviewed: {shown(str(path))} left as it was", file=sys.stderr)
        return exit_codes.PROBLEMS
    finally:
        Path(temporary).unlink(missing_ok=True)
    sources = ", ".join(hashes)
    print(f"{shown(str(path))}: reviewed by {shown(args.by)} on {day.isoformat()} against {sources}")
    return exit_codes.OK
