"""`qi-tutor roster`: the instructor's map from class-mode pseudonyms back to names.

The class key is read from `--key-file` (its first line), else `$QI_TUTOR_CLASS_KEY`,
else the `class_key` setting: never from the command line, which any user of the
machine can read in `ps`. Names come from the command line and from `--names FILE`
(one a line; blank lines and lines starting with `#` are skipped).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor import exit_codes
from tutor.commands.common import fail, write_output
from tutor.paths import Locations
from tutor.terminal_text import shown

WHO = "qi-tutor roster"


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
        return fail(f"{shown(args.key_file)} holds no key", exit_codes.USAGE, WHO)
    except (OSError, UnicodeDecodeError) as error:
        where = shown(str(getattr(error, "filename", "") or "a file"))
        return fail(f"cannot read {where}: {error}", exit_codes.USAGE, WHO)
    if not key:
        return fail("no class key: give --key-file FILE (the key the students were given)", exit_codes.USAGE, WHO)
    if not names:
        return fail("no names: give them as arguments or one a line with --names FILE", exit_codes.USAGE, WHO)
    text = to_csv(roster(key.strip(), names))
    return write_output(text, args.output, WHO, wrote=": keep it with the key; it names every student")
