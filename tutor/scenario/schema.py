"""The JSON Schema of the scenario format, generated from the pydantic model.

Editors (VS Code and others through yaml-language-server) use it for completion and
inline errors; the checker never does (pydantic is 40x faster and reports lines).
A copy is committed as `scenarios/scenario.schema.json`, next to the scenarios whose
first line points at it; a test fails when the copy is stale.
"""

from __future__ import annotations

import json
from typing import Any

from tutor.scenario.model import FORMAT_VERSION, Scenario

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
    return head | schema


def schema_text() -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
