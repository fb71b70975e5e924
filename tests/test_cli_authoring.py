"""The instructor's commands through `tutor.cli.main`: output shape, streams and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main

REPO = Path(__file__).resolve().parent.parent
LOAD = REPO / "tests" / "data" / "load"
VALID = LOAD / "valid.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_file_exits_0_with_a_one_line_total_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(VALID))
    assert (code, out) == (0, "")
    # Its vocabularies are the shipped bank's: `check` and the test suite vouch for those.
    assert err.strip().splitlines()[-1] == "1 scenario checked: no problems"


def test_problems_are_grouped_by_file_with_hints_indented_and_a_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(LOAD))
    assert (code, out) == (1, "")
    lines = err.rstrip("\n").splitlines()
    problem_lines = [line for line in lines if line and not line.startswith("    ") and line != lines[-1]]
    files = [line.split(":", 1)[0] for line in problem_lines]
    assert files == sorted(files, key=files.index)  # each file's problems together
    assert len(set(files)) == 24
    for line in problem_lines:
        assert line.endswith("]") and (": error: " in line or ": warning: " in line)
    assert (
        f"{LOAD / 'unknown-key.yaml'}:34:5: error: unknown key `hint` in nodes.state-right [unknown-key]\n    "
        "did you mean `hints`?\n" in err
    )
    assert lines[-1] == "25 scenarios checked: 23 errors and 1 warning in 24 files"


def test_json_goes_to_stdout_and_nothing_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "validate", "--format", "json", str(LOAD / "unknown-key.yaml"), str(LOAD / "yaml11-coercion.yaml")
    )
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert (report["files_checked"], report["errors"], report["warnings"]) == (2, 1, 1)
    assert {(Path(p["path"]).name, p["code"], p["line"], p["column"]) for p in report["problems"]} == {
        ("unknown-key.yaml", "unknown-key", 34, 5),
        ("yaml11-coercion.yaml", "yaml11-coercion", 15, 1),
    }
    assert all(set(p) == {"path", "line", "column", "severity", "code", "message", "hint"} for p in report["problems"])


def test_warnings_fail_only_under_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(LOAD / "yaml11-coercion.yaml"))[0] == 0
    assert run(capsys, "validate", "--strict", str(LOAD / "yaml11-coercion.yaml"))[0] == 1


def test_unreadable_input_exits_2_even_beside_other_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "validate", str(tmp_path / "missing.yaml"), str(LOAD / "unknown-key.yaml"))
    assert code == 2
    assert f"{tmp_path / 'missing.yaml'}: error: no such file or folder [unreadable]" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "--jobs", "0", str(VALID))[0] == 2
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2


def test_jobs_2_reports_exactly_what_one_process_reports(capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "validate", "--format", "json", str(LOAD))
    two = run(capsys, "validate", "--format", "json", "--jobs", "2", str(LOAD))
    assert one == two


def test_a_bank_vocabulary_is_checked_once_however_many_scenarios_use_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(LOAD / "sources", tmp_path / "sources")
    for name in ("a", "b"):
        text = VALID.read_text().replace("id: load-valid", f"id: load-{name}")
        (tmp_path / f"{name}.yaml").write_text(text)
    (tmp_path / "misconceptions.yaml").write_text(
        "format: 1\nmisconceptions:\n  x: {label: X, explanation: Y, extra: Z}\n"
    )
    code, _out, err = run(capsys, "validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert code == 1
    assert err.count("[unknown-key]") == 1
    assert f"{tmp_path / 'misconceptions.yaml'}:3:33: error: unknown key `extra`" in err


def test_a_folder_means_its_yaml_files_and_vocabularies_are_checked_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(REPO / "tests" / "data" / "bank", tmp_path / "bank")
    (tmp_path / "bank" / "notes.txt").write_text("not yaml")
    code, _out, err = run(capsys, "validate", str(tmp_path / "bank"))
    assert code == 0, err
    assert err.strip().splitlines()[-1].startswith("1 scenario and 2 vocabulary files checked")


def test_validate_never_imports_textual_or_rich() -> None:
    code = (
        "import sys; from tutor.cli import main; code = main(sys.argv[1:]); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "validate", str(VALID), str(LOAD / "unknown-key.yaml")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.stdout.strip() == "1 []", result.stderr


def test_check_validates_the_shipped_bank_and_extra_banks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(LOAD / "sources", tmp_path / "sources")
    shutil.copy(VALID, tmp_path / "valid.yaml")
    code, _out, err = run(capsys, "check", "--bank", str(tmp_path))
    assert code == 0, err
    scenarios, vocabularies = _shipped_file_counts()
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith(f"{scenarios + 1} scenarios and {vocabularies} vocabulary files checked")
    )


def _shipped_file_counts() -> tuple[int, int]:
    from tutor.checker.verify import is_vocabulary
    from tutor.paths import bundled_bank

    files = list(bundled_bank().rglob("*.yaml"))
    vocabularies = sum(is_vocabulary(f) for f in files)
    return len(files) - vocabularies, vocabularies


def test_check_takes_paths_and_its_walk_explains_the_scores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(REPO / "tests" / "data" / "bank", tmp_path / "bank")
    code, out, err = run(capsys, "check", "--walk", str(tmp_path / "bank" / "mini.yaml"))
    assert code == 0, err
    assert err.strip().splitlines()[-1].startswith("1 scenario and 2 vocabulary files checked")
    assert out.splitlines()[0].startswith("score A-B of C: a student who reaches this end has at least A")
    assert "mini-roe" in out


def test_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run(capsys, "schema")
    assert code == 0
    assert out == (REPO / "scenarios" / "scenario.schema.json").read_text()
    assert run(capsys, "schema", "--output", str(tmp_path / "s.json"))[0] == 0
    assert (tmp_path / "s.json").read_text() == out
    assert run(capsys, "schema", "--output", str(tmp_path / "no" / "such" / "dir" / "s.json"))[0] == 2


def test_new_writes_a_template_that_validates_as_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "cases" / "my-case.yaml"
    code, out, err = run(capsys, "new", str(target))
    assert (code, out) == (0, "")
    assert (tmp_path / "cases" / "sources" / "my-case.txt").is_file()
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    # The schema sits beside the new file, so the modeline works wherever the folder goes.
    shipped = (REPO / "scenarios" / "scenario.schema.json").read_text()
    assert (tmp_path / "cases" / "scenario.schema.json").read_text() == shipped
    assert "id: my-case" in text
    code, _out, err = run(capsys, "validate", "--strict", str(target))
    assert code == 0, err


def test_schema_write_puts_the_schema_where_modelines_look(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "schema", "--write", str(tmp_path))[0] == 0
    for name in ("scenario.schema.json", "doctrine.schema.json", "misconceptions.schema.json"):
        assert (tmp_path / name).read_text() == (REPO / "scenarios" / name).read_text()
    code, out, _ = run(capsys, "schema", "--kind", "doctrine")
    assert code == 0 and out == (REPO / "scenarios" / "doctrine.schema.json").read_text()


def test_new_refuses_to_overwrite_without_force_and_checks_the_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("mine")
    assert run(capsys, "new", str(target))[0] == 2
    assert target.read_text() == "mine"
    assert run(capsys, "new", "--force", "--id", "other-id", str(target))[0] == 0
    assert "id: other-id" in target.read_text()
    assert run(capsys, "new", str(tmp_path / "Bad Name.yaml"))[0] == 2
    assert run(capsys, "new", str(tmp_path / "case.yml"))[0] == 2


def test_check_walk_prints_score_ranges_and_the_courts_path_on_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(REPO / "tests" / "data" / "bank", tmp_path / "bank")
    code, out, err = run(capsys, "check", "--walk", "--max-paths", "1", "--bank", str(tmp_path / "bank"))
    assert code == 0, err
    mini = out[out.index("(mini-roe)") :]
    assert "  end end: score 0-" in mini
    assert "  court's path: whose-facts -> graham -> claims -> state-right -> today -> end" in mini
    assert "  paths: 2, first 1 shown" in mini
    code, out, _err = run(capsys, "check", "--walk", "--format", "json", "--bank", str(tmp_path / "bank"))
    [walk] = [w for w in json.loads(out)["walks"] if w["id"] == "mini-roe"]
    assert walk["court_path"]["full_marks"] and walk["path_count"] == 2
    assert (walk["ends"][0]["min_questions"], walk["ends"][0]["max_questions"]) == (5, 6)
    assert run(capsys, "check", "--max-paths", "-1")[0] == 2


def test_a_checker_failure_costs_one_files_report_not_the_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection: no real input is known to break the checker, which is the point.
    import tutor.checker.checks

    def broken(*_args: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(tutor.checker.checks, "check_scenario", broken)
    code, _out, err = run(capsys, "validate", str(VALID), str(LOAD / "unknown-key.yaml"))
    assert code == 1
    assert f"{VALID}:1:1: error: the checker failed on this file: RuntimeError: boom [internal-error]" in err
    assert "[unknown-key]" in err


def test_the_template_shows_every_key_of_the_format() -> None:
    import typing

    from pydantic import BaseModel

    from tutor.scenario.model import Scenario
    from tutor.scenario.template import template_text

    def models_in(annotation: object) -> list[type[BaseModel]]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in typing.get_args(annotation) for m in models_in(arg)]

    seen: dict[type[BaseModel], None] = {}
    todo = [Scenario]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen[current] = None
            todo += [m for field in current.model_fields.values() for m in models_in(field.annotation)]  # type: ignore[misc]
    text = template_text("my-case", "my-case.yaml")
    missing = {f"{m.__name__}.{name}" for m in seen for name in m.model_fields if f"{name}:" not in text}
    assert not missing
