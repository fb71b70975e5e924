"""The YAML loader on its own: resolution, positions, and every hostile input it must refuse fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tutor.scenario import yamlload
from tutor.scenario.problems import ScenarioError
from tutor.scenario.yamlload import MAX_BYTES, MAX_DEPTH, parse_yaml, read_yaml

HERE = Path("t.yaml")
# Nine levels of nine aliases each: 9**9 strings if a loader expanded them.
ALIAS_BOMB = (
    "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    )
    + "\n"
)


def problems_of(raw: bytes | str) -> list[tuple[str, int | None, int | None]]:
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(raw, HERE)
    return [(p.code, p.line, p.column) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("written", "loaded"),
    [
        ("no", "no"),
        ("No", "No"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("y", "y"),
        ("1.10", "1.10"),
        ("010", "010"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        ("2024-01-02", "2024-01-02"),
        (".inf", ".inf"),
        ("1e3", "1e3"),
        ("sigley-mockler", "sigley-mockler"),
        ("true", True),
        ("False", False),
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ("~", None),
        ("null", None),
        ("", None),
        ('"no"', "no"),
        ("'010'", "010"),
        ("!!str 12:30", "12:30"),
    ],
)
def test_plain_scalars_resolve_the_yaml_1_2_way_and_everything_else_stays_text(written: str, loaded: object) -> None:
    assert parse_yaml(f"key: {written}\n", HERE).loaded.data == {"key": loaded}


def test_values_yaml_1_1_would_coerce_are_recorded_for_a_warning() -> None:
    parsed = parse_yaml("a: no\nb: [010, 12:30, fine]\nc: 2024-01-02\nd: 'no'\ne: 1.10\n", HERE)
    assert parsed.coercions == {("a",): "no", ("b", 0): "010", ("b", 1): "12:30", ("c",): "2024-01-02", ("e",): "1.10"}


def test_keys_always_stay_text() -> None:
    assert parse_yaml("yes: 1\n2: b\nnull: c\n", HERE).loaded.data == {"yes": 1, "2": "b", "null": "c"}


def test_every_value_has_its_line_and_column() -> None:
    text = "a: 1\nb:\n  c: [x, {d: y}]\n  e:\n    - f\n    - g: h\n"
    marks = parse_yaml(text, HERE).loaded.marks
    assert marks[()] == (1, 1)
    assert marks[("a",)] == (1, 1)
    assert marks[("b", "c")] == (3, 3)
    assert marks[("b", "c", 0)] == (3, 7)
    assert marks[("b", "c", 1, "d")] == (3, 11)
    assert marks[("b", "e", 1)] == (6, 7)
    assert marks[("b", "e", 1, "g")] == (6, 7)


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert parse_yaml(b"\xef\xbb\xbfa: 1\n", HERE).loaded.data == {"a": 1}


def test_duplicate_keys_name_the_first_occurrence_and_loading_goes_on() -> None:
    parsed = parse_yaml("a:\n  b: 1\n  c: 2\n  b: 3\nd: 4\n", HERE)
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("duplicate-key", 4, 3)
    assert "first at line 2" in problem.message
    assert parsed.loaded.data["d"] == 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", [("empty-file", 1, 1)]),
        (b"# only a comment\n", [("empty-file", 1, 1)]),
        (b"---\n", [("empty-file", 1, 1)]),
        (b"just text\n", [("not-a-mapping", 1, 1)]),
        (b"a: 1\nb: [1, 2\n", [("yaml-syntax", 3, 1)]),
        (b"a:\n  b: 1\n\tc: 2\n", [("tab-indent", 3, 1)]),
        (b"a:\n  b: 1\n \t c: 2\n\td: 3\n", [("tab-indent", 3, 2)]),
        (b"a: 1\nb: \xc3(\n", [("not-utf8", 2, 4)]),
        (b"a: \xe2\x82\n", [("not-utf8", 1, 4)]),
        ("a: 1\n".encode("utf-16"), [("utf16", 1, 1)]),
        ("a: 1\n".encode("utf-32"), [("utf16", 1, 1)]),
        ("a: 1\n".encode("utf-16-be"), [("utf16", 1, 1)]),
        (b"a: 1\nb: x\x00y\n", [("control-character", 2, 5)]),
        (b"a: &x 1\n", [("alias", 1, 4)]),
        (b"a: 1\nb: *x\n", [("alias", 2, 4)]),
        (b"? [a]\n: b\n", [("complex-key", 1, 3)]),
        (b"a: 1\n---\nb: 2\n", [("yaml-syntax", 3, 1)]),
    ],
)
def test_each_load_problem_has_its_code_and_position(raw: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert problems_of(raw) == expected


def test_a_tab_inside_a_block_scalar_is_text_not_an_error() -> None:
    assert parse_yaml("a: |\n  one\n  \ttwo\n", HERE).loaded.data == {"a": "one\n\ttwo\n"}


def test_tags_are_refused_even_the_code_running_ones() -> None:
    parsed = parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", HERE)
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("yaml-tag", 1, 4)]
    assert parsed.loaded.data == {"a": ["echo hi"]}


def test_nesting_is_refused_one_level_past_the_limit() -> None:
    assert parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", HERE).loaded.data
    assert problems_of("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n") == [("too-deep", 1, 3 + MAX_DEPTH)]


def test_the_alias_bomb_is_refused_at_its_first_anchor() -> None:
    # Refused before any alias is expanded; bench/bench_bounded.py times it against a plain parse.
    assert problems_of(ALIAS_BOMB) == [("alias", 1, 4)]


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_25000_levels_that_crash_libyaml_are_refused_within_seconds(opening: str) -> None:
    # The C composer overflows the stack and kills the process on this 50 KB file;
    # run in a child so that a crash would fail this test instead of ending the run.
    code = (
        "import sys; from pathlib import Path; from tutor.scenario.yamlload import parse_yaml\n"
        "from tutor.scenario.problems import ScenarioError\n"
        f"text = 'k:\\n  ' + {opening!r} * 25000 + 'x'\n"
        "try: parse_yaml(text, Path('deep.yaml'))\n"
        "except ScenarioError as e: print(e.problems[0].code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in ("too-deep", "yaml-syntax")


def test_a_50_mb_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.write(b"format: 1\nfacts:\n")
        line = b"  - " + b"x" * 95 + b"\n"
        out.write(line * (50_000_000 // len(line)))
    with pytest.raises(ScenarioError) as caught:
        read_yaml(big)
    # Line 1: refused on its size, before a parse would have reached the long list.
    assert [(p.code, p.line) for p in caught.value.problems] == [("file-too-large", 1)]


def test_just_over_the_cap_is_too_large_and_just_under_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    assert read_yaml(path).loaded.data["a"].startswith("x")
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 2) + b"\n")
    assert problems_of_file(path) == [("file-too-large", 1, 1)]


def problems_of_file(path: Path) -> list[tuple[str, int | None, int | None]]:
    with pytest.raises(ScenarioError) as caught:
        read_yaml(path)
    return [(p.code, p.line, p.column) for p in caught.value.problems]


def test_unreadable_input_is_a_problem_without_a_line(tmp_path: Path) -> None:
    assert problems_of_file(tmp_path / "missing.yaml") == [("unreadable", None, None)]
    assert problems_of_file(tmp_path) == [("unreadable", None, None)]


def test_without_libyaml_the_pure_parser_gives_the_same_data_and_warns_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "a: [no, 1.5, 010]\nb: {c: d}\n"
    with_c = parse_yaml(text, HERE)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.setattr(yamlload._event_source, "warned", False, raising=False)
    pure = parse_yaml(text, HERE)
    parse_yaml(text, HERE)
    assert (pure.loaded.data, pure.loaded.marks, pure.coercions) == (
        with_c.loaded.data,
        with_c.loaded.marks,
        with_c.coercions,
    )
    assert capsys.readouterr().err.count("without libyaml") == 1


def test_a_huge_integer_stays_text_instead_of_raising() -> None:
    assert parse_yaml("a: " + "9" * 5000 + "\n", HERE).loaded.data["a"] == "9" * 5000


# Each a file under the size cap with a problem on every line; the report stays short.
MANY_SMALL_PROBLEMS = {
    "tabs": "a: 1\n" + "\tb: 1\n" * 150_000,
    "duplicates": "a: 1\n" + "a: 1\n" * 150_000,
    "tags": "a: " + "!t x, " * 1 + "\n" + "".join(f"k{n}: !t x\n" for n in range(50_000)),
}


@pytest.mark.parametrize("text", MANY_SMALL_PROBLEMS.values(), ids=MANY_SMALL_PROBLEMS.keys())
def test_many_small_problems_are_reported_few(text: str) -> None:
    # How long they take, against a clean file of the same size, is bench/bench_bounded.py's.
    try:
        problems = parse_yaml(text, HERE).problems
    except ScenarioError as error:
        problems = error.problems
    assert 1 <= len(problems) <= yamlload.MAX_REPORTED
    assert len(text.encode()) < yamlload.MAX_BYTES and "file-too-large" not in {p.code for p in problems}
