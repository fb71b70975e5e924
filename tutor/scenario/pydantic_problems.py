"""Pydantic's validation errors, told as problems on lines an instructor can fix.

A pydantic location such as `('nodes', 'q1', 'choice', 'choices', 0, 'feedbak')`
mixes keys from the file with segments pydantic adds (the union tag `choice`,
`[key]` for a bad mapping key). We follow the location through the loaded data,
skipping what the data does not hold, and point at the line the value was written
on; and we follow it through the model's types to know which keys were allowed
there, for "did you mean".
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from tutor.scenario.problems import LoadedFile, Loc, Problem

MAX_REPORTED = 200  # a file that is wrong everywhere need not print thousands of lines

# The rules the model's own validators raise (see model.py): code and the fix.
_CUSTOM = {
    "control_character": (
        "control-character",
        "delete the character; to show a line break, start a new line in a `|` block",
    ),
    "court_decided": (
        "court-decided",
        "add what is missing, or give another status (outcome-only, not-reached, text-missing, lower-court) "
        "with a `note`",
    ),
    "court_note": ("court-note", "add `note:` saying what the court did, or why the text cannot tell"),
    "node_voice": (
        "node-voice",
        "on the court's path use `court`; for a wrong turn's branch or a today question use `analysis`",
    ),
    "today_voice": ("today-voice", "replace `court` with `analysis`, and list the developments under `later`"),
    "speaker_detail": ("speaker-detail", "add the key the message names"),
}
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}
_QUOTED = re.compile(r"'([^']*)'")


def validation_problems(error: ValidationError, loaded: LoadedFile, model_cls: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, each on the line of the value it is about."""
    details = error.errors(include_url=False, include_input=False)
    problems = _one_per_typo([_problem(detail, loaded, model_cls) for detail in details[:MAX_REPORTED]])
    if len(details) > MAX_REPORTED:
        problems.append(
            loaded.problem(
                (),
                "too-many-problems",
                f"{len(details) - MAX_REPORTED} more problems not shown",
                "fix the ones above and run the check again",
            )
        )
    return problems


_UNKNOWN = re.compile(r"^unknown key `(?P<key>[^`]*)` in (?P<parent>.*)$")
_MISSING = re.compile(r"^missing key `(?P<key>[^`]*)` in (?P<parent>.*)$")
_MEANT = re.compile(r"^did you mean `(?P<key>[^`]*)`\?$")


def _one_per_typo(problems: list[Problem]) -> list[Problem]:
    """A misspelt required key is one mistake: its unknown-key error stands, the missing-key error goes.

    `prompts:` for `prompt:` would otherwise be reported twice, once as unknown and once
    as missing; the unknown key's hint names the key it should be, and says it is required.
    """
    missing = {}
    for problem in problems:
        found = _MISSING.match(problem.message) if problem.code == "missing-key" else None
        if found:
            missing[(found["parent"], found["key"])] = problem
    meant: dict[int, Problem] = {}
    for number, problem in enumerate(problems):
        unknown = _UNKNOWN.match(problem.message) if problem.code == "unknown-key" else None
        guess = _MEANT.match(problem.hint or "") if unknown else None
        if unknown and guess and (unknown["parent"], guess["key"]) in missing:
            dropped = missing.pop((unknown["parent"], guess["key"]))
            meant[id(dropped)] = dropped
            hint = f"did you mean `{guess['key']}`? (it is required here, and missing)"
            problems[number] = dataclasses.replace(problem, hint=hint)
    return [p for p in problems if id(p) not in meant]


def _problem(detail: Any, loaded: LoadedFile, model_cls: type[BaseModel]) -> Problem:
    kind, loc, ctx = detail["type"], tuple(detail["loc"]), detail.get("ctx") or {}
    where, rest = data_path(loaded.data, loc)
    value = _value_at(loaded.data, where)
    name = dotted(where, loaded.data)
    if kind == "extra_forbidden":
        key = str(where[-1])
        allowed = fields_at(model_cls, where[:-1], _value_at(loaded.data, where[:-1]))
        close = _close(key, allowed, cutoff=0.6)
        hint = (
            f"did you mean `{close[0]}`?"
            if close
            else ("allowed here: " + ", ".join(allowed) if allowed else "remove it")
        )
        return loaded.problem(where, "unknown-key", f"unknown key `{key}` in {dotted(where[:-1], loaded.data)}", hint)
    if kind == "missing":
        key = str(loc[-1])
        return loaded.problem(
            where,
            "missing-key",
            f"missing key `{key}` in {name}",
            f"add `{key}:` to {name}; see docs/authoring.md for what it holds",
        )
    if kind in ("union_tag_not_found",):
        return loaded.problem(
            where,
            "missing-key",
            f"missing key `type` in {name}",
            "add `type:` with one of: choice, factors, short, end",
        )
    if kind == "union_tag_invalid":
        expected = _QUOTED.findall(ctx.get("expected_tags", ""))
        return loaded.problem(
            (*where, "type"),
            "invalid-value",
            f"`{ctx.get('tag')}` is not a node type in {name}",
            _suggest(str(ctx.get("tag")), expected),
        )
    if kind in _CUSTOM:
        code, hint = _CUSTOM[kind]
        return loaded.problem(where, code, f"{name}: {detail['msg']}", hint)
    if kind in _TYPE_NAMES:
        return loaded.problem(
            where,
            "wrong-type",
            f"{name} should be {_TYPE_NAMES[kind]}, not {_describe(value)}",
            _type_hint(kind, value),
        )
    if kind == "literal_error":
        expected = _QUOTED.findall(ctx.get("expected", ""))
        return loaded.problem(
            where,
            "invalid-value",
            f"{name}: `{value}` is not one of {', '.join(expected) or ctx.get('expected')}",
            _suggest(str(value), expected),
        )
    if kind == "string_pattern_mismatch":
        subject = f"the key `{where[-1]}`" if "[key]" in rest else f"`{value}`"
        return loaded.problem(
            where,
            "invalid-value",
            f"{name}: {subject} is not a valid id",
            "ids use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. `whose-facts`",
        )
    if kind == "string_too_short":
        return loaded.problem(
            where, "invalid-value", f"{name} is empty", "write the text, or remove the key if it is optional"
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return loaded.problem(
            where, "invalid-value", f"{name}: `{value}` is not a date", "write dates as YYYY-MM-DD, e.g. 2006-02-10"
        )
    return loaded.problem(where, "invalid-value", f"{name}: {detail['msg']}", None)


def _close(word: str, candidates: list[str], cutoff: float) -> list[str]:
    import difflib  # only a file with a mistake pays for it

    return difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)


def _suggest(value: str, expected: list[str]) -> str | None:
    close = _close(value, expected, cutoff=0.5)
    if close:
        return f"did you mean `{close[0]}`?"
    return "use one of: " + ", ".join(expected) if expected else None


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text `{value[:40]}`"
    return "a list" if isinstance(value, list) else "a mapping"


def _type_hint(kind: str, value: Any) -> str | None:
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        return (
            f'YAML reads `{written}` as a {"boolean" if isinstance(value, bool) else "number"}: quote it, "{written}"'
        )
    if kind == "string_type" and value is None:
        return "write the text after the colon, or remove the key if it is optional"
    if kind == "list_type":
        return "write each item on its own line starting with `- `, or as [a, b]"
    return None


def data_path(data: Any, loc: Loc) -> tuple[Loc, Loc]:
    """The part of `loc` that exists in `data`, and the segments pydantic added."""
    where: list[str | int] = []
    skipped: list[str | int] = []
    node = data
    tag_skipped_in = None
    for segment in loc:
        if isinstance(node, dict) and segment == node.get("type") and tag_skipped_in is not node:
            # pydantic names a node's union member by its tag right after the node
            # (`nodes.graham.factors.factors[0]`): the first `factors` is that tag.
            tag_skipped_in = node
            skipped.append(segment)
            continue
        if _holds(node, segment):
            node = node[segment]
        else:
            skipped.append(segment)
            continue
        where.append(segment)
    return tuple(where), tuple(skipped)


def _value_at(data: Any, where: Loc) -> Any:
    for segment in where:
        data = data[segment]
    return data


def dotted(where: Loc, data: Any = None) -> str:
    """`nodes.q1.choices[officer]`: a location as an instructor would name it.

    A list item with an `id` is named by it (`choices[officer]`), as the author wrote
    it; one without is named by its place, counting from 0 (`undisputed[2]`).
    """
    text, value = "", data
    for segment in where:
        item = value[segment] if isinstance(value, list) and isinstance(segment, int) and segment < len(value) else None
        if isinstance(segment, int):
            named = item.get("id") if isinstance(item, dict) else None
            text += f"[{named}]" if isinstance(named, str) and named else f"[{segment}]"
        else:
            text += f".{segment}" if text else str(segment)
        value = item if isinstance(segment, int) else (value.get(segment) if isinstance(value, dict) else None)
    return text or "the top level"


def annotation_at(model_cls: type[BaseModel], where: Loc) -> Any:
    """The declared type of the value at `where`, or None when the types do not say."""
    current: Any = model_cls
    for segment in where:
        current = _unwrap(current, segment)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(segment))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is list and isinstance(segment, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current, None)


def fields_at(model_cls: type[BaseModel], where: Loc, mapping: Any) -> list[str]:
    """The keys allowed in `mapping`, found at `where` (a node's keys depend on its `type`)."""
    current = annotation_at(model_cls, where)
    members = typing.get_args(current) if typing.get_origin(current) in (typing.Union, types.UnionType) else (current,)
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    typed = [m for m in models if isinstance(mapping, dict) and _tag_of(m) == mapping.get("type")]
    allowed: dict[str, None] = {}
    for model in typed or models:
        allowed.update(dict.fromkeys(model.model_fields))
    return list(allowed)


def _tag_of(model: type[BaseModel]) -> Any:
    field = model.model_fields.get("type")
    if field is None or typing.get_origin(field.annotation) is not typing.Literal:
        return None
    return typing.get_args(field.annotation)[0]


def expects_text(model_cls: type[BaseModel], where: Loc) -> bool:
    """Whether the model wants a string at `where` (plain text, an id, or a word from a fixed list)."""
    current = annotation_at(model_cls, where)
    if current is str:
        return True
    return typing.get_origin(current) is typing.Literal and all(isinstance(v, str) for v in typing.get_args(current))


def _unwrap(annotation: Any, segment: str | int | None) -> Any:
    """Strip Annotated and Optional; pick the union member the next segment leads into."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or origin is types.UnionType:
            members = [m for m in typing.get_args(annotation) if m is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            chosen = [m for m in models if segment is not None and str(segment) in m.model_fields]
            if not chosen:
                return annotation
            annotation = chosen[0]
        else:
            return annotation


def _holds(node: Any, segment: str | int) -> bool:
    """Whether the input `node` has a child at `segment` (a key of a mapping, an index of a list)."""
    if isinstance(node, dict):
        return isinstance(segment, str) and segment in node
    return isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node)
