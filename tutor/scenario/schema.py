"""The JSON Schema of the scenario format, generated from the pydantic model.

Editors (VS Code and others through yaml-language-server) use it for completion and
inline errors; the checker never does (pydantic is 40x faster and reports lines).
A copy is committed as `scenarios/scenario.schema.json`, next to the scenarios whose
first line points at it; a test fails when the copy is stale. The vocabularies have
theirs too (`doctrine.schema.json`, `misconceptions.schema.json`, `glossary.schema.json`,
`course.schema.json`), for an instructor editing a bank's own `doctrine.yaml`, `misconceptions.yaml`,
`glossary.yaml` or `course.yaml`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from tutor.scenario.course import CourseFile
from tutor.scenario.model import (
    FORMAT_VERSION,
    STEP_LABELS,
    STEPS,
    DoctrineFile,
    GlossaryFile,
    MisconceptionFile,
    Scenario,
)

SCHEMA_FILE = "scenario.schema.json"
SCHEMA_ID = "urn:qi-tutor:scenario-format:1"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"qi-tutor scenario, format {FORMAT_VERSION}",
        "description": (
            "One case, one defendant's qualified-immunity analysis, as a tree of decision points. "
            "Generated from tutor/scenario/model.py by `qi-tutor schema`; the guide is docs/authoring.md."
        ),
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return _editor_friendly(_described(head | schema))


def _described(schema: dict[str, Any]) -> dict[str, Any]:
    """Every property with a description: the model's own, else the field docs' (`tutor.scenario.field_docs`)."""
    from tutor.scenario.field_docs import FIELD_DOCS

    models = [("Scenario", schema), *schema.get("$defs", {}).items()]
    steps = ", ".join(f"{step} ({STEP_LABELS.get(step, step)})" for step in STEPS)
    for name, model in models:
        for key, prop in model.get("properties", {}).items():
            if "description" not in prop and f"{name}.{key}" in FIELD_DOCS:
                prop["description"] = FIELD_DOCS[f"{name}.{key}"]
            if prop.get("enum") == list(STEPS) or any(o.get("enum") == list(STEPS) for o in prop.get("anyOf", [])):
                prop["description"] = f"{prop.get('description', '')} The steps: {steps}.".strip()
    return schema


def _editor_friendly(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated schema, reshaped so that an editor's error lands on the key at fault.

    - A mapping keyed by ids (`nodes`) names its keys by `propertyNames`, and every value
      is checked (`additionalProperties`): `Jurisdiction_X:` is a bad id, not a key the
      schema ignores as pydantic's `patternProperties` would.
    - A node's type selects its shape by `if`/`then` on `type`, not `oneOf`: with
      `oneOf` an editor reports a whole node against the wrong branch, and `type:
      choise` says only 'Value must be "choice"'; here the error is `type`'s own.
    """

    def reshape(value: Any) -> Any:
        if isinstance(value, list):
            return [reshape(v) for v in value]
        if not isinstance(value, dict):
            return value
        value = {k: reshape(v) for k, v in value.items()}
        patterns = value.get("patternProperties")
        if isinstance(patterns, dict) and len(patterns) == 1:
            ((pattern, each),) = patterns.items()
            del value["patternProperties"]
            value["propertyNames"] = value.get("propertyNames", {}) | {"pattern": pattern}
            value["additionalProperties"] = each
        if "discriminator" in value and "oneOf" in value:
            value = _by_type(value)
        return value

    return reshape(schema)


def _by_type(union: dict[str, Any]) -> dict[str, Any]:
    mapping: dict[str, str] = union["discriminator"]["mapping"]
    field = union["discriminator"]["propertyName"]
    return {
        "type": "object",
        "required": [field],
        "properties": {field: {"enum": list(mapping), "description": "The node type: " + ", ".join(mapping) + "."}},
        "allOf": [
            {"if": {"properties": {field: {"const": tag}}, "required": [field]}, "then": {"$ref": ref}}
            for tag, ref in mapping.items()
        ],
    }


VOCABULARY_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "doctrine.schema.json": (
        DoctrineFile,
        "A bank's doctrine: each authority once, by key (a folder's file adds to and overrides the shipped one).",
    ),
    "misconceptions.schema.json": (
        MisconceptionFile,
        "A bank's misconceptions, by key (a folder's file adds to and overrides the shipped one).",
    ),
    "glossary.schema.json": (
        GlossaryFile,
        "A bank's glossary: terms of art, each defined in the tutor's words (a folder's file adds to and overrides"
        " the shipped one).",
    ),
    "course.schema.json": (
        CourseFile,
        "A course through a bank: its scenarios in order, each with a line on why it comes there.",
    ),
}


def vocabulary_schema(file_name: str) -> dict[str, Any]:
    model, description = VOCABULARY_SCHEMAS[file_name]
    schema = model.model_json_schema()
    schema.pop("title", None)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:qi-tutor:{file_name.removesuffix('.schema.json')}-format:1",
        "title": f"qi-tutor {file_name.removesuffix('.schema.json')}, format {FORMAT_VERSION}",
        "description": description,
    }
    return _editor_friendly(head | schema)


def schema_text(file_name: str = SCHEMA_FILE) -> str:
    """A schema as committed: stable key order, two-space indent, final newline."""
    schema = scenario_schema() if file_name == SCHEMA_FILE else vocabulary_schema(file_name)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


SCHEMA_FILES = (SCHEMA_FILE, *VOCABULARY_SCHEMAS)
