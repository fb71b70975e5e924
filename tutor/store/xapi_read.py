"""Statements back into export rows, for `report --xapi FILE` and `report --lrs URL`.

Only qi-tutor's own `answered` statements become rows (the extensions named in
`tutor.store.xapi` carry what the report needs); voiding is applied here, because an
LRS need not hide voided statements from a plain GET (Ralph 5.1 does not), so a
corrected mark counts once. The statements are read twice, the voids first, so memory
follows the number of voids and corrections, not of statements. A statement that
cannot be read is a problem with where it came from, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


Key = tuple[str, str]  # (attempt, answer number): the answer a statement is about
Source = Callable[[], Iterable[tuple[Any, str]]]  # each call: the statements afresh, each with where it came from


def _key(statement: dict[str, Any]) -> Key:
    context = _object(statement.get("context"))
    extensions = context.get("extensions")
    registration = context.get("registration")
    attempt = registration or f"{_student(statement.get('actor'))}#{_extension(extensions, 'attempt')}"
    return str(attempt), str(_extension(extensions, "seq"))


def _verb(statement: dict[str, Any]) -> Any:
    verb = statement.get("verb")
    return verb.get("id") if isinstance(verb, dict) else None


class Voiding:
    """What a first pass over the statements learns, in memory bounded by the voids and corrections sent.

    The ids voided, and for each answer whose mark was corrected, the correction that stands: the
    latest (by when it was marked), since a student who corrects twice sends a second correction
    that voids the automatic mark, not the first correction.
    """

    def __init__(self) -> None:
        self.voided: set[str] = set()
        self.corrections: dict[Key, tuple[str, str]] = {}  # answer -> (marked at, statement id) standing

    def scan(self, statement: Any) -> None:
        if not isinstance(statement, dict):
            return
        verb, target = _verb(statement), statement.get("object")
        if verb == VERBS["voided"] and isinstance(target, dict) and isinstance(target.get("id"), str):
            self.voided.add(target["id"])
        elif verb == VERBS["answered"] and isinstance(_object(statement.get("context")).get("statement"), dict):
            marked_at = str(_extension(_object(statement.get("result")).get("extensions"), "self-marked-at") or "")
            rank = (marked_at, str(statement.get("id")))
            key = _key(statement)
            if rank > self.corrections.get(key, ("", "")):
                self.corrections[key] = rank

    def row(self, statement: Any, where: str, problems: list[str]) -> dict[str, Any] | None:
        """The statement's row when it stands (the second pass); None when voided, superseded or not an answer."""
        if not isinstance(statement, dict):
            problems.append(f"{where}: a statement is a JSON object")
            return None
        if _verb(statement) != VERBS["answered"]:
            return None  # completed, voided, or another tool's statements: not rows of the report
        identifier = str(statement.get("id"))
        standing = self.corrections.get(_key(statement))
        if identifier in self.voided or (standing is not None and standing[1] != identifier):
            return None  # voided, or an answer whose corrected mark stands in another statement
        try:
            return _row(statement)
        except Refused as error:
            problems.append(f"{where}: {error}")
            return None


def standing(source: Source, problems: list[str]) -> Iterator[dict[str, Any]]:
    """The rows that stand once voiding is applied, read in two passes over `source`.

    An answer sent twice with other content (an export made again after the scenario's
    file changed) may give two rows; the report keeps a student's first try once.
    """
    voiding = Voiding()
    for statement, _ in source():
        voiding.scan(statement)
    for statement, where in source():
        row = voiding.row(statement, where, problems)
        if row is not None:
            yield row


def _may_void(line: str) -> bool:
    """Whether a line may hold a void or a correction: the first pass parses only these."""
    return "voided" in line or '"statement"' in line


def _file_statements(paths: list[Path], problems: list[str] | None) -> Iterator[tuple[Any, str]]:
    """Each statement in the files with its file:line; what cannot be read goes to `problems`.

    Without `problems` (the first pass), only the lines that may void or correct are parsed.
    """
    for path in paths:
        try:
            with path.open("rb") as handle:
                lines = lines_of(handle)
                if problems is None:
                    lines = (item for item in lines if _may_void(item[1]))
                for number, data in json_lines(lines, statements_allowed=True):
                    if not isinstance(data, Refused):
                        yield data, f"{path}:{number}"
                    elif problems is not None:
                        problems.append(f"{path}:{number}: {data}")
        except FileRefused as error:
            if problems is not None:
                problems.append(f"{path}:{error.line}: {error.reason}; the rest of the file was left out")
        except OSError as error:
            if problems is not None:
                problems.append(f"{path}: cannot be read ({error.strerror})")


def read_xapi_files(paths: Iterable[Path], problems: list[str]) -> Iterator[dict[str, Any]]:
    """The rows standing in xAPI statement files (one statement per line, as `export --format xapi` writes).

    The files are read twice (voids first), so memory is bounded by the voids, not the files' size;
    their problems are told once, on the second reading.
    """
    files = list(paths)
    passes = iter((None, problems))
    yield from standing(lambda: _file_statements(files, next(passes)), problems)
