"""The JSON Schema editors use: generated from the model, committed, never stale."""

from __future__ import annotations

import json
from pathlib import Path

from tutor.scenario.bank import bank_files
from tutor.scenario.model import Scenario
from tutor.scenario.schema import SCHEMA_ID, scenario_schema, schema_text

COMMITTED = Path(__file__).resolve().parent.parent / "scenarios" / "scenario.schema.json"


def test_the_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "run: qi-tutor schema --output scenarios/scenario.schema.json"
    )


def test_the_schema_names_itself_and_describes_the_format() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"].startswith("qi-tutor scenario")
    assert schema["description"]
    assert set(schema["required"]) == {name for name, field in Scenario.model_fields.items() if field.is_required()}
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Quote"]["properties"]["pin"]["description"]


def test_every_node_type_is_in_the_schema() -> None:
    nodes = scenario_schema()["properties"]["nodes"]
    assert nodes["propertyNames"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"  # a node id is checked, not skipped
    node = nodes["additionalProperties"]
    assert node["properties"]["type"]["enum"] == ["choice", "end", "factors", "short"]
    thens = {branch["if"]["properties"]["type"]["const"]: branch["then"]["$ref"] for branch in node["allOf"]}
    assert thens == {t: f"#/$defs/{t.capitalize()}Node" for t in ("choice", "factors", "short", "end")}


def test_every_shipped_scenario_carries_the_modeline() -> None:
    for path in bank_files(COMMITTED.parent):
        if path.parent == COMMITTED.parent:
            assert path.read_text(encoding="utf-8").startswith(
                "# yaml-language-server: $schema=scenario.schema.json"
            ), path


def test_every_property_has_a_description_and_the_field_docs_name_real_fields() -> None:
    from tutor.scenario.field_docs import FIELD_DOCS

    schema = scenario_schema()
    models = [("Scenario", schema), *schema["$defs"].items()]
    properties = {f"{name}.{key}": prop for name, model in models for key, prop in model.get("properties", {}).items()}
    assert [key for key, prop in properties.items() if not prop.get("description")] == []
    assert set(FIELD_DOCS) <= set(properties)
    from tutor.scenario.model import Scenario

    raw = Scenario.model_json_schema()
    own = {
        f"{name}.{key}"
        for name, model in [("Scenario", raw), *raw["$defs"].items()]
        for key, prop in model.get("properties", {}).items()
        if prop.get("description")
    }
    assert not set(FIELD_DOCS) & own, "the model describes these itself"


def test_the_vocabulary_schemas_are_current_and_pass_the_shipped_vocabularies() -> None:
    import jsonschema

    from tutor.scenario.schema import VOCABULARY_SCHEMAS
    from tutor.scenario.yamlload import read_yaml

    for file_name in VOCABULARY_SCHEMAS:
        committed = COMMITTED.parent / file_name
        assert committed.read_text(encoding="utf-8") == schema_text(file_name), "run: qi-tutor schema --write scenarios"
        validator = jsonschema.Draft202012Validator(json.loads(committed.read_text(encoding="utf-8")))
        vocabulary = COMMITTED.parent / file_name.replace(".schema.json", ".yaml")
        assert list(validator.iter_errors(read_yaml(vocabulary).loaded.data)) == []
        broken = read_yaml(vocabulary).loaded.data | {"bogus": 1}
        assert not validator.is_valid(broken)


def test_every_enum_value_is_described() -> None:
    schema = scenario_schema()
    models = [
        ("Scenario", schema),
        *schema["$defs"].items(),
        ("node", schema["properties"]["nodes"]["additionalProperties"]),
    ]
    for name, model in models:
        for key, prop in model.get("properties", {}).items():
            for option in [prop, *prop.get("anyOf", [])]:
                values = option.get("enum", [option["const"]] if "const" in option else [])
                unsaid = [v for v in values if str(v) not in prop.get("description", "")]
                assert not unsaid, f"{name}.{key}: {unsaid}"
