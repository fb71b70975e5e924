"""load_model: one fixture per load-time rule, each failing with its code on its line and column.

The fixtures in tests/data/load/ each differ from valid.yaml in one place (their first
line says how). The CLI must exit 1 on each error (0 on a warning, 1 under --strict).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tutor.cli import main
from tutor.paths import bundled_bank
from tutor.scenario.load import content_hash, find_vocabulary, load_context, load_model, load_scenario
from tutor.scenario.model import Scenario
from tutor.scenario.problems import Problem, ScenarioError

LOAD = Path(__file__).resolve().parent.parent / "data" / "load"

# file -> (code, line, column, severity)
FIXTURES = {
    "yaml-syntax.yaml": ("yaml-syntax", 29, 28, "error"),
    "two-documents.yaml": ("yaml-syntax", 46, 1, "error"),
    "tab-indent.yaml": ("tab-indent", 36, 1, "error"),
    "empty-file.yaml": ("empty-file", 1, 1, "error"),
    "not-a-mapping.yaml": ("not-a-mapping", 2, 1, "error"),
    "not-utf8.yaml": ("not-utf8", 17, 35, "error"),
    "utf16.yaml": ("utf16", 1, 1, "error"),
    "alias.yaml": ("alias", 2, 4, "error"),
    "too-deep.yaml": ("too-deep", 30, 73, "error"),
    "duplicate-key.yaml": ("duplicate-key", 34, 5, "error"),
    "control-character.yaml": ("control-character", 17, 25, "error"),
    "control-character-escape.yaml": ("control-character", 17, 3, "error"),
    "yaml-tag.yaml": ("yaml-tag", 4, 8, "error"),
    "complex-key.yaml": ("complex-key", 16, 3, "error"),
    "unknown-key.yaml": ("unknown-key", 34, 5, "error"),
    "missing-key.yaml": ("missing-key", 26, 3, "error"),
    "wrong-type.yaml": ("wrong-type", 4, 1, "error"),
    "invalid-value.yaml": ("invalid-value", 43, 7, "error"),
    "court-decided.yaml": ("court-decided", 42, 5, "error"),
    "court-note.yaml": ("court-note", 42, 5, "error"),
    "node-voice.yaml": ("node-voice", 26, 3, "error"),
    "today-voice.yaml": ("today-voice", 26, 3, "error"),
    "speaker-detail.yaml": ("speaker-detail", 47, 11, "error"),
    "yaml11-coercion.yaml": ("yaml11-coercion", 15, 1, "warning"),
}


def test_every_fixture_is_listed() -> None:
    on_disk = {p.name for p in LOAD.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(FIXTURES)


def test_the_base_fixture_is_valid() -> None:
    scenario, loaded = load_scenario(LOAD / "valid.yaml")
    assert scenario.id == "load-valid"
    assert loaded.warnings == []
    assert main(["validate", str(LOAD / "valid.yaml")]) == 0


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_fixture_fails_with_its_code_line_and_column(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, line, column, severity = FIXTURES[name]
    path = LOAD / name
    if severity == "warning":
        _scenario, loaded = load_scenario(path)
        problems = loaded.warnings
    else:
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path)
        problems = caught.value.problems
    assert [(p.code, p.line, p.column, p.severity) for p in problems] == [(code, line, column, severity)]
    assert problems[0].hint or problems[0].code == "control-character"
    capsys.readouterr()
    assert main(["validate", str(path)]) == (0 if severity == "warning" else 1)
    assert f"{path}:{line}:{column}: {severity}: " in capsys.readouterr().err
    if severity == "warning":
        assert main(["validate", "--strict", str(path)]) == 1


def test_unknown_keys_suggest_the_closest_key_of_the_right_node_type(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path, ("    prompt: State the right.\n", "    prompt: State the right.\n    modle_answer: x\n")
    )
    [unknown] = [p for p in problems if p.code == "unknown-key"]
    assert unknown.hint == "did you mean `model_answer`?"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    problems = _problems_after(
        tmp_path,
        ('title: "Roe v. Doe: the loader\'s fixture"', "title: 12"),
        ("  decided: 2030-03-01", "  decided: 2030-02-30"),
        ("      status: outcome-only", "      status: decidedd"),
        ("    prompt: State the right.\n", ""),
    )
    assert [p.code for p in problems] == ["wrong-type", "invalid-value", "missing-key", "invalid-value"]
    assert [p.line for p in problems] == sorted(p.line for p in problems)  # type: ignore[type-var]
    assert "quote it" in problems[0].hint  # type: ignore[operator]
    assert "YYYY-MM-DD" in problems[1].hint  # type: ignore[operator]
    assert problems[3].hint == "did you mean `decided`?"


def test_a_bad_node_type_suggests_the_right_one(tmp_path: Path) -> None:
    [problem] = _problems_after(tmp_path, ("    type: short", "    type: shrot"))
    assert (problem.code, problem.line, problem.hint) == ("invalid-value", 28, "did you mean `short`?")


def test_a_bad_node_id_points_at_the_id(tmp_path: Path) -> None:
    problems = _problems_after(tmp_path, ("  end:\n", "  End:\n"), ("    next: end\n", "    next: End\n"))
    assert [(p.code, p.line) for p in problems] == [("invalid-value", 37), ("invalid-value", 39)]
    assert "`End` is not a valid id" in problems[0].message
    assert "the key `End` is not a valid id" in problems[1].message


def _problems_after(tmp_path: Path, *edits: tuple[str, str]) -> list[Problem]:
    text = (LOAD / "valid.yaml").read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "edited.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.problems


def test_vocabularies_are_found_beside_the_scenario_then_up_to_two_folders_up(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    deep = bank / "cases" / "floyd"
    deeper = deep / "extra"
    deeper.mkdir(parents=True)
    shutil.copy(LOAD.parent / "bank" / "doctrine.yaml", bank / "doctrine.yaml")
    assert find_vocabulary(deep / "a.yaml", "doctrine.yaml") == (bank / "doctrine.yaml").resolve()
    assert find_vocabulary(deeper / "a.yaml", "doctrine.yaml") == bundled_bank() / "doctrine.yaml"
    shutil.copy(LOAD.parent / "bank" / "doctrine.yaml", deep / "doctrine.yaml")
    assert find_vocabulary(deep / "a.yaml", "doctrine.yaml") == (deep / "doctrine.yaml").resolve()


def test_load_context_falls_back_to_the_shipped_bank(tmp_path: Path) -> None:
    context = load_context(tmp_path / "lonely.yaml")
    assert context.doctrine_file.path == bundled_bank() / "doctrine.yaml"
    assert "garner" in context.doctrine.entries
    assert context.misconceptions.misconceptions


def test_a_folders_vocabularies_add_to_and_override_the_shipped_ones_key_by_key(tmp_path: Path) -> None:
    (tmp_path / "doctrine.yaml").write_text(
        "format: 1\nentries:\n"
        "  garner:\n    name: Tennessee v. Garner (as this bank tells it)\n    citation: 471 U.S. 1 (1985)\n"
        "    decided: 1985-03-27\n    rule: Deadly force against a fleeing suspect needs probable cause of danger.\n"
        "  local-case:\n    name: A local case\n    citation: 1 F.4th 1 (6th Cir. 2021)\n    decided: 2021\n"
        "    rule: Only this bank knows it.\n"
    )
    (tmp_path / "misconceptions.yaml").write_text(
        "format: 1\nmisconceptions:\n  local-slip:\n    label: A local slip\n    explanation: Only here.\n"
    )
    context = load_context(tmp_path / "s.yaml")
    shipped = load_context(tmp_path.parent / "elsewhere" / "s.yaml")
    entries = context.doctrine.entries
    assert entries["garner"].name == "Tennessee v. Garner (as this bank tells it)"
    assert entries["local-case"].rule == "Only this bank knows it."
    assert set(shipped.doctrine.entries) - {"garner"} <= set(entries)
    assert entries["saucier"] == shipped.doctrine.entries["saucier"]
    assert {"local-slip", *shipped.misconceptions.misconceptions} == set(context.misconceptions.misconceptions)
    assert context.doctrine_file.path == (tmp_path / "doctrine.yaml").resolve()
    assert context.doctrine.sources == shipped.doctrine.sources


def test_shipped_later_notes_name_no_shipped_case() -> None:
    """A new case shows only general later law: what it means for Floyd or Sigley is in their scenarios."""
    doctrine = load_context(bundled_bank() / "floyd-quaine.yaml").doctrine
    for key, entry in doctrine.entries.items():
        for name in ("Floyd", "Sigley", "Mockler", "Quaine", "Reynoso", "Batchelder"):
            assert name not in (entry.later or ""), key


def test_load_context_reports_both_broken_vocabularies(tmp_path: Path) -> None:
    (tmp_path / "doctrine.yaml").write_text("format: 1\nentries: {}\n")
    (tmp_path / "misconceptions.yaml").write_text("format: 1\nmisconceptions: [\n")
    with pytest.raises(ScenarioError) as caught:
        load_context(tmp_path / "s.yaml")
    assert {(Path(p.path).name, p.code) for p in caught.value.problems} == {
        ("doctrine.yaml", "invalid-value"),
        ("misconceptions.yaml", "yaml-syntax"),
    }


def test_content_hash_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"format: 1\n")
    assert content_hash(path) == hashlib.sha256(b"format: 1\n").hexdigest()


# --- nothing but problems, whatever the input --------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
keys = st.one_of(
    st.sampled_from(["format", "id", "title", "nodes", "type", "court", "choices", "next", "start"]),
    st.text(max_size=8),
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=30,
)


def _load_text(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        load_model(path, Scenario)
    except ScenarioError as error:
        assert error.problems
        assert all(p.line is None or p.line >= 1 for p in error.problems)


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_model_or_problems_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    _load_text(tmp_path_factory.mktemp("fuzz"), text.encode("utf-8", errors="surrogatepass"))


@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_problems_never_an_exception(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    _load_text(tmp_path_factory.mktemp("fuzz"), raw)


@given(nested)
def test_arbitrary_nested_data_gives_problems_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    _load_text(tmp_path_factory.mktemp("fuzz"), yaml.safe_dump(data, allow_unicode=True).encode())


@given(st.dictionaries(keys, nested, max_size=6))
def test_arbitrary_scenario_shaped_mappings_give_problems_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, data: dict
) -> None:
    base = yaml.safe_load((LOAD / "valid.yaml").read_text())
    _load_text(
        tmp_path_factory.mktemp("fuzz"), yaml.safe_dump(base | {"nodes": base["nodes"] | {"x": data}} | data).encode()
    )


def test_a_misspelt_required_key_is_one_error_not_two(tmp_path: Path) -> None:
    text = (LOAD / "valid.yaml").read_text()
    first = text.index("    prompt:")
    path = tmp_path / "typo.yaml"
    path.write_text(text[:first] + "    prompts:" + text[first + len("    prompt:") :])
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.code == "unknown-key" and "`prompts`" in problem.message
    assert problem.hint == "did you mean `prompt`? (it is required here, and missing)"


def test_a_colon_in_plain_text_is_told_to_quote_the_value(tmp_path: Path) -> None:
    path = tmp_path / "colon.yaml"
    path.write_text("format: 1\nid: x\ntitle: Roe v. Doe: Officer Doe\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("yaml-syntax", 3)
    assert "quote the value" in (problem.hint or "")


def test_select_one_names_its_correct_choices(capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli import main

    main(["validate", str(LOAD.parent / "checks" / "select-one-correct.yaml")])
    assert "this node has 2 (plaintiff, officer) [select-one-correct]" in capsys.readouterr().err


def test_a_list_item_is_named_by_its_id(tmp_path: Path) -> None:
    text = (LOAD / "valid.yaml").read_text()
    line = "        any: [unarmed]\n"
    path = tmp_path / "item.yaml"
    path.write_text(text.replace(line, line + "        bogus: 1\n", 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.message.endswith(".rubric[unarmed]"), problem.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("        correct: true\n", "        correct: yes\n"),
        ("        correct: true\n", '        correct: "true"\n'),
        ("    type: choice\n", '    type: choice\n    points: "1"\n'),
    ],
)
def test_booleans_and_numbers_are_strict_as_the_schema_says(tmp_path: Path, old: str, new: str) -> None:
    text = (LOAD.parent / "bank" / "mini.yaml").read_text()
    assert old in text
    path = tmp_path / "strict.yaml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert [p.code for p in caught.value.problems if p.severity == "error"] == ["wrong-type"]
