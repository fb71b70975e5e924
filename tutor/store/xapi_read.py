"""Statements back into export rows, for `report --xapi FILE` and `report --lrs URL`.

Only qi-tutor's own `answered` statements become rows (the extensions named in
`tutor.store.xapi` carry what the report needs); voiding is applied here, because an
LRS need not hide voided statements from a plain GET (Ralph 5.1 does not), so a
corrected mark counts once. A statement that cannot be read is a problem with where it
came from, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tutor.store.rows import FileRefused, Refused, checked, json_lines, lines_of
from tutor.store.xapi import INTERACTION_TYPES, VERBS

_KINDS = {interaction: kind for kind, interaction in INTERACTION_TYPES.items()}


def _extension(extensions: Any, name: str) -> Any:
    if isinstance(extensions, dict):
        for key, value in extensions.items():
            if isinstance(key, str) and key.endswith(f"/xapi/{name}"):
                return value
    return None


def _student(actor: Any) -> Any:
    if not isinstance(actor, dict):
        return None
    account = actor.get("account")
    if isinstance(account, dict):
        return account.get("name")
    mbox = actor.get("mbox")
    return mbox.removeprefix("mailto:") if isinstance(mbox, str) else None


def _answer(kind: str | None, response: Any) -> Any:
    if not isinstance(response, str) or kind is None:
        return response
    if kind == "choice":
        return [part for part in response.split("[,]") if part]
    if kind == "factors":
        pairs = [part.split("[.]", 1) for part in response.split("[,]") if part]
        return {pair[0]: pair[1] if len(pair) == 2 else "" for pair in pairs}
    return response


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _row(statement: dict[str, Any]) -> dict[str, Any]:
    """One `answered` statement as an export row; Refused when it is not one of qi-tutor's."""
    context = _object(statement.get("context"))
    result = _object(statement.get("result"))
    definition = _object(_object(statement.get("object")).get("definition"))
    extensions = context.get("extensions")
    kind = _KINDS.get(str(definition.get("interactionType")))
    score = _object(result.get("score"))
    raw = {
        "student": _student(statement.get("actor")),
        "scenario_id": _extension(extensions, "scenario"),
        "content_hash": _extension(extensions, "content-hash"),
        "attempt_id": _extension(extensions, "attempt"),
        "attempt_uuid": context.get("registration"),
        "mode": _extension(extensions, "mode"),
        "purpose": _extension(extensions, "purpose"),
        "seq": _extension(extensions, "seq"),
        "node_id": _extension(extensions, "node"),
        "step": _extension(extensions, "step"),
        "kind": kind,
        "answer": _answer(kind, result.get("response")),
        "full_marks": result.get("success"),
        "misconceptions": _extension(result.get("extensions"), "misconceptions"),
        "answered_at": statement.get("timestamp"),
    }
    if "raw" in score:
        raw["earned"] = score.get("raw")
    if "max" in score:
        raw["possible"] = score.get("max")
    if raw["scenario_id"] is None or raw["seq"] is None:
        raise Refused("an `answered` statement without qi-tutor's extensions (scenario, seq)")
    if kind is None:
        raise Refused(f"interactionType {definition.get('interactionType')!r} is not one qi-tutor sends")
    return checked(raw)


class Statements:
    """Collects statements from any source, then yields the rows that stand once voiding is applied."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.voided: set[str] = set()
        self.rows: dict[tuple[str, int], tuple[tuple[bool, str, str], str, dict[str, Any]]] = {}

    def add(self, statement: Any, where: str) -> None:
        if not isinstance(statement, dict):
            self.problems.append(f"{where}: a statement is a JSON object")
            return
        verb = statement.get("verb", {}).get("id") if isinstance(statement.get("verb"), dict) else None
        target = statement.get("object")
        if verb == VERBS["voided"] and isinstance(target, dict) and isinstance(target.get("id"), str):
            self.voided.add(target["id"])
            return
        if verb != VERBS["answered"]:
            return  # completed, or another tool's statements: not rows of the report
        try:
            row = _row(statement)
        except Refused as error:
            self.problems.append(f"{where}: {error}")
            return
        identifier = str(statement.get("id"))
        corrects = isinstance(_object(statement.get("context")).get("statement"), dict)
        marked_at = str(_extension(_object(statement.get("result")).get("extensions"), "self-marked-at") or "")
        key = (str(row.get("attempt_uuid") or f"{row['student']}#{row['attempt_id']}"), row["seq"])
        known = self.rows.get(key)
        # An answer re-sent with other content (an old export) stands once; a correction wins over the mark,
        # and the latest correction over an earlier one that was sent before it (and not voided).
        rank = (corrects, marked_at, identifier)
        if known is None or rank > known[0]:
            self.rows[key] = (rank, identifier, row)

    def standing(self) -> Iterator[dict[str, Any]]:
        for _, identifier, row in self.rows.values():
            if identifier not in self.voided:
                yield row


def read_xapi_files(paths: Iterable[Path], problems: list[str]) -> Iterator[dict[str, Any]]:
    """The rows standing in xAPI statement files (one statement per line, as `export --format xapi` writes)."""
    statements = Statements(problems)
    for path in paths:
        try:
            with path.open("rb") as handle:
                for number, data in json_lines(lines_of(handle), statements_allowed=True):
                    if isinstance(data, Refused):
                        problems.append(f"{path}:{number}: {data}")
                    else:
                        statements.add(data, f"{path}:{number}")
        except FileRefused as error:
            problems.append(f"{path}:{error.line}: {error.reason}; the rest of the file was left out")
        except OSError as error:
            problems.append(f"{path}: cannot be read ({error.strerror})")
    yield from statements.standing()
