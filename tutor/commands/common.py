"""What the commands share: a failure's message and exit code, text to stdout or `-o FILE`, the open record."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import wraps

from tutor import exit_codes
from tutor.paths import Locations
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore
from tutor.terminal_text import shown


def fail(message: str, code: int, who: str = "qi-tutor") -> int:
    """Say `message` on stderr as `who` and give the exit code to return."""
    print(f"{who}: {message}", file=sys.stderr)
    return code


def write_output(text: str, output: str | None, who: str = "qi-tutor", wrote: str | None = None) -> int:
    """`text` to stdout, or to the file `output` (`newline=""`: a CSV's CRLF stays as written).

    `wrote` is said on stderr after a file is written: what it is, or what to do with it.
    """
    if not output:
        sys.stdout.write(text)
        return exit_codes.OK
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        why = error.strerror or str(error)
        return fail(f"cannot write {shown(output)}: {why}; choose another file with -o", exit_codes.PROBLEMS, who)
    if wrote is not None:
        print(f"{who}: wrote {shown(output)}{wrote}", file=sys.stderr)
    return exit_codes.OK


Command = Callable[[argparse.Namespace, Locations, ProgressStore], int]


def guarded(command: Command, read_only: bool = False) -> Callable[..., int]:
    """Open the store for `command`, report its notices, and turn a StoreError into its message and exit code.

    `read_only`: the command only reads, so the record is opened read-only (it works in a
    read-only data folder, and nothing on disk changes, not even an upgrade of an old file).
    """

    @wraps(command)
    def run(args: argparse.Namespace, locations: Locations) -> int:
        store = ProgressStore(locations.database, locations.backups, read_only=read_only)
        try:
            return command(args, locations, store)
        except StoreError as error:
            return fail(str(error), error.exit_code)
        finally:
            for notice in store.notices:
                print(f"qi-tutor: {notice}", file=sys.stderr)
            store.close()

    return run


def reading(command: Command) -> Callable[..., int]:
    return guarded(command, read_only=True)
