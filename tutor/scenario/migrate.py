"""`qi-tutor migrate`: rewrite the values format 1 once accepted and now refuses, in place.

Format 1 was tightened to what its schema always said (docs/authoring.md, "Format
versions"): `correct` and `court_weighed` take only `true`/`false`, and `points` only a
number. Files written before then may say `correct: yes`, `correct: "true"`,
`court_weighed: "false"` or `points: "1"`, which the lax loader of the time read as
true, true, false and 1. This module rewrites exactly those values, on their own lines,
and leaves every other byte alone (comments, quoting, layout). Each rewrite is proved by
parsing the new text: it must hold the same data with only those values changed, else
the file is left as it was and the line is named for a hand edit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.scenario.problems import Loc
from tutor.scenario.yamlload import parse_yaml, read_yaml

# What the loader accepted for a boolean before the tightening (pydantic's lax booleans, any case).
LAX_TRUE = frozenset({"true", "yes", "y", "on", "t", "1"})
LAX_FALSE = frozenset({"false", "no", "n", "off", "f", "0"})
BOOLEAN_KEYS = frozenset({"correct", "court_weighed"})
# Where each tightened key sits in a scenario: the node's points, a choice's, a rubric item's.
_LISTS = {"choices": ("correct", "points"), "factors": ("court_weighed",), "rubric": ("points",)}
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")


@dataclass(frozen=True)
class Change:
    line: int
    key: str
    old: str  # the value as written
    new: str


@dataclass(frozen=True)
class Migrated:
    path: Path
    changes: list[Change]
    text: str  # the file as it will be written
    stuck: list[str]  # values that need a hand edit, each with its line


def strict_value(key: str, value: Any) -> str | None:
    """The strict YAML for a value the old loader read leniently; None when it is already strict (or not ours)."""
    if key in BOOLEAN_KEYS:
        if isinstance(value, bool):
            return None
        if isinstance(value, int) and value in (0, 1):
            return "true" if value else "false"
        if isinstance(value, str) and value.strip().lower() in LAX_TRUE | LAX_FALSE:
            return "true" if value.strip().lower() in LAX_TRUE else "false"
        return None
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        text = value.strip().lstrip("+")
        return text if _PLAIN_NUMBER.match(text) else repr(number)
    return None


def _candidates(root: Any) -> list[tuple[Loc, str, Any]]:
    """(where, key, value) for every tightened key in the scenario's nodes."""
    found: list[tuple[Loc, str, Any]] = []
    nodes = root.get("nodes") if isinstance(root, dict) else None
    if not isinstance(nodes, dict):
        return found
    for node_id, node in nodes.items():
        if not isinstance(node, dict):
            continue
        if "points" in node:
            found.append((("nodes", node_id, "points"), "points", node["points"]))
        for list_key, keys in _LISTS.items():
            items = node.get(list_key)
            for index, item in enumerate(items if isinstance(items, list) else ()):
                if isinstance(item, dict):
                    found += [
                        ((("nodes", node_id, list_key, index, key)), key, item[key]) for key in keys if key in item
                    ]
    return found


def _value_span(line: str, column: int, key: str) -> tuple[int, int] | None:
    """Where the value of `key` (written at `column`, 0-based) sits on the line; None if not on it."""
    match = re.compile(rf"['\"]?{re.escape(key)}['\"]?\s*:\s*").match(line, column)
    if not match:
        return None
    start = match.end()
    first = line[start : start + 1]
    if first in ("'", '"'):
        end = line.find(first, start + 1)
        return None if end < 0 else (start, end + 1)
    stops = [" #"] + ([",", "}", "]"] if "{" in line[:column] or "[" in line[:column] else [])
    end = min((i for i in (line.find(s, start) for s in stops) if i >= 0), default=len(line))
    end = len(line[:end].rstrip())
    return (start, end) if end > start else None


def _set(data: Any, where: Loc, value: Any) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


def migrate_text(path: Path, text: str) -> Migrated:
    """The file's text with each tightened value made strict, and what changed. Raises ScenarioError if unparsable."""
    parsed = parse_yaml(text, path)
    root, marks = parsed.loaded.data, parsed.loaded.marks
    lines = text.split("\n")
    changes: list[Change] = []
    stuck: list[str] = []
    expected = parse_yaml(text, path).loaded.data  # a second copy, to apply the intended changes to
    for where, key, value in _candidates(root):
        new = strict_value(key, value)
        if new is None:
            continue
        line_number, column = marks.get(where, (0, 0))
        line = lines[line_number - 1] if line_number else ""
        span = _value_span(line, column - 1, key) if line_number else None
        if span is None:
            stuck.append(f"{path}:{line_number or '?'}: {key}: {value!r} (not on its key's line; write {new})")
            continue
        start, end = span
        lines[line_number - 1] = line[:start] + new + line[end:]
        changes.append(Change(line_number, key, line[start:end], new))
        _set(expected, where, parse_yaml(f"v: {new}\n", path).loaded.data["v"])
    result = "\n".join(lines)
    if changes and parse_yaml(result, path).loaded.data != expected:
        return Migrated(path, [], text, [f"{path}: the rewrite would change more than those values; edit by hand"])
    return Migrated(path, changes, result, stuck)


def migrate_file(path: Path) -> Migrated:
    """`migrate_text` of the file as it is on disk (read with the loader's guards)."""
    return migrate_text(path, read_yaml(path).loaded.text)
