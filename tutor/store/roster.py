"""The instructor's roster: each student's class-mode pseudonym beside their name, and reading it back.

In class mode a student's statements name them only by a keyed hash of their name
(`tutor.store.xapi.pseudonym`), so a name need not leave their machine. The
instructor, who holds the key and the class list, computes the same hash of each name
into a roster file (`pseudonym,name` CSV, its cells neutralised as an export's are),
and `qi-tutor report --roster FILE` shows names where the statements gave pseudonyms.
The roster never travels: it stays with the instructor.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from tutor.store.export import neutralise, restore
from tutor.store.xapi import PSEUDONYM_PREFIX, pseudonym

HEADER = ("pseudonym", "name")


def roster(key: str, names: Iterable[str]) -> list[tuple[str, str]]:
    """(pseudonym, name) for each distinct name (blank names skipped), in the order given."""
    seen: dict[str, str] = {}
    for name in names:
        if name.strip():
            seen.setdefault(pseudonym(key, name), name.strip())
    return list(seen.items())


def to_csv(pairs: Iterable[tuple[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows((alias, neutralise(name)) for alias, name in pairs)
    return buffer.getvalue()


def read_roster(path: Path) -> tuple[dict[str, str], list[str]]:
    """{pseudonym: name} from a roster file, and `file:line` problems for the lines it cannot use.

    Raises OSError or UnicodeDecodeError when the file cannot be read at all.
    """
    names: dict[str, str] = {}
    problems: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(cell.strip().lower() for cell in header[:2]) != HEADER:
            return {}, [f"{path}:1: not a roster: the first line must be `pseudonym,name` (qi-tutor roster writes it)"]
        for cells in reader:
            if not any(cells):
                continue
            line = reader.line_num
            if len(cells) < 2 or not cells[0].startswith(PSEUDONYM_PREFIX) or not cells[1].strip():
                problems.append(f"{path}:{line}: wants a pseudonym ({PSEUDONYM_PREFIX}...) and a name")
                continue
            alias, name = cells[0].strip(), restore(cells[1]).strip()
            if names.get(alias, name) != name:
                problems.append(f"{path}:{line}: {alias} is already {names[alias]!r}")
                continue
            names[alias] = name
    return names, problems


def named(students: Iterable[str], names: dict[str, str]) -> list[str]:
    """The students with each known pseudonym replaced by its name, sorted."""
    return sorted(names.get(student, student) for student in students)
