"""`qi-tutor roster`: the instructor's map from class-mode pseudonyms back to names.

The class key is read from `--key-file` (its first line), else `$QI_TUTOR_CLASS_KEY`,
else the `class_key` setting: never from the command line, which any user of the
machine can read in `ps`. Names come from the command line and from `--names FILE`
(one a line; blank lines and lines starting with `#` are skipped).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor import exit_codes
from tutor.paths import Locations
from tutor.terminal_text import shown


def _fail(message: str, code: int) -> int:
    print(f"qi-tutor roster: {message}", file=sys.stderr)
    return code


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def run_roster(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.commands.classroom import class_key
    from tutor.settings import Settings
    from tutor.store.roster import roster, to_csv

    try:
        key = _lines(Path(args.key_file))[0] if args.key_file else class_key(Settings.load(locations))
        names = list(args.names) + (_lines(Path(args.names_file)) if args.names_file else [])
    except IndexError:
        return _fail(f"{shown(args.key_file)} holds no key", exit_codes.USAGE)
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {shown(str(getattr(error, 'filename', '') or 'a file'))}: {error}", exit_codes.USAGE)
    if not key:
        return _fail("no class key: give --key-file FILE (the key the students were given)", exit_codes.USAGE)
    if not names:
        return _fail("no names: give them as arguments or one a line with --names FILE", exit_codes.USAGE)
    text = to_csv(roster(key.strip(), names))
    if not args.output:
        sys.stdout.write(text)
        return exit_codes.OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {shown(args.output)}: {error.strerror}", exit_codes.PROBLEMS)
    print(f"wrote {shown(args.output)}: keep it with the key; it names every student", file=sys.stderr)
    return exit_codes.OK
