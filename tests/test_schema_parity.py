"""The editor's schema and `validate` agree on every structural error, over mutations of the shipped scenarios.

Each mutation breaks (or keeps) the structure of a shipped scenario in one way: a key
removed, a scalar given a value of the wrong kind (`yes`, `"true"`, `"1"`, a list, a
mapping), a value misspelt, an unknown key added to a mapping, a node given a bad id.
The scenario format's loader (pydantic, as `validate` runs it) and the committed JSON
Schema (as an editor runs it) must both accept it or both refuse it. Rules the schema
cannot state (a decided point needs its holding; a node's voice) are the checker's
alone, so a mutation refused only for one of those does not count as a disagreement.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from tutor.scenario.bank import bank_files
from tutor.scenario.model import Scenario
from tutor.scenario.problems import LoadedFile
from tutor.scenario.pydantic_problems import validation_problems
from tutor.scenario.yamlload import read_yaml

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
SHIPPED = bank_files(REPO / "scenarios")
WRONG_VALUES: list[Any] = ["yes", "true", "1", ["a"], {"a": 1}]
# The model's own validators: rules about meaning, which no JSON Schema states.
SEMANTIC = {"court-decided", "court-note", "node-voice", "today-voice", "speaker-detail", "control-character"}

Edit = tuple[str, tuple[Any, ...], str, Any]  # (name, where, what to do, value)


def _paths(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield at, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*at, key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from _paths(value, (*at, number))


def _edits(data: dict[str, Any]) -> Iterator[Edit]:
    """Every mutation, as a cheap description: only the ones tested are applied."""
    for at, value in _paths(data):
        where = "/".join(map(str, at)) or "the top level"
        if isinstance(value, dict):
            yield f"unknown key in {where}", at, "add", "bogus-key"
            for key in value:
                yield f"{where}/{key} removed", (*at, key), "remove", None
        elif not isinstance(value, list):
            for wrong in WRONG_VALUES:
                if wrong != value:
                    yield f"{where} = {wrong!r}", at, "set", wrong
            if isinstance(value, str):
                yield f"{where} misspelt", at, "set", value + "e"
    for node in list(data["nodes"])[:2]:
        yield f"node {node} renamed Jurisdiction_X", ("nodes", node), "rename", "Jurisdiction_X"


def _apply(data: dict[str, Any], edit: Edit) -> Any:
    _name, at, what, value = edit
    changed = copy.deepcopy(data)
    parent = changed
    for key in at[:-1] if what != "add" else at:
        parent = parent[key]
    if what == "add":
        parent[value] = 1
    elif what == "remove":
        del parent[at[-1]]
    elif what == "set":
        parent[at[-1]] = value
    else:
        parent[value] = parent.pop(at[-1])
    return changed


def _validate_refuses(data: Any, path: Path) -> bool:
    """Whether the loader refuses `data` for its structure (its meaning rules aside)."""
    try:
        Scenario.model_validate(data)
    except ValidationError as error:
        loaded = LoadedFile(path, "", data)
        return any(p.code not in SEMANTIC for p in validation_problems(error, loaded, Scenario))
    return False


def _corpus() -> list[tuple[Path, str, Any]]:
    """Every 25th mutation of every shipped scenario: each kind, in every part of each file."""
    found = []
    for path in SHIPPED:
        data = read_yaml(path).loaded.data
        edits = list(_edits(data))
        chosen = edits[::25] + [e for e in edits if e[2] == "rename"]  # the bad ids always
        found += [(path, edit[0], _apply(data, edit)) for edit in chosen]
    return found


def test_the_shipped_scenarios_pass_both() -> None:
    for path in SHIPPED:
        data = read_yaml(path).loaded.data
        assert not list(VALIDATOR.iter_errors(data)), path.name
        assert not _validate_refuses(data, path), path.name


def test_schema_and_validate_agree_on_every_structural_mutation() -> None:
    corpus = _corpus()
    assert len(corpus) >= 500
    disagree = []
    for path, name, data in corpus:
        schema_refuses = not VALIDATOR.is_valid(data)
        if schema_refuses != _validate_refuses(data, path):
            disagree.append(f"{path.name}: {name}: schema {'refuses' if schema_refuses else 'accepts'}")
    assert not disagree, "\n".join(disagree[:30]) + f"\n({len(disagree)} of {len(corpus)})"


@pytest.mark.parametrize("path", SHIPPED[:1], ids=lambda p: p.name)
def test_a_misspelt_node_type_is_reported_on_type(path: Path) -> None:
    data = read_yaml(path).loaded.data
    node = next(iter(data["nodes"]))
    data["nodes"][node]["type"] = "choise"
    best = jsonschema.exceptions.best_match(VALIDATOR.iter_errors(data))
    assert best is not None and list(best.absolute_path) == ["nodes", node, "type"]
