"""The course file's checker rules, each located on its line, through `validate` as an instructor runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor import exit_codes
from tutor.checker.verify import check_vocabulary
from tutor.cli import main

COURSE = """\
format: 1
title: A course
scenarios:
  - id: mini-roe
    why: The fixture first.
  - id: garnr
    why: A typo for a shipped scenario.
  - id: mini-roe
    why: The fixture again.
  - id: garner
    why: A shipped scenario, known from any bank.
"""


def bank_with(tmp_path: Path, course: str) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(DATA / "bank", bank)
    (bank / "course.yaml").write_text(course, encoding="utf-8")
    return bank


def test_unknown_ids_and_repeats_are_errors_on_their_lines(tmp_path: Path) -> None:
    path = bank_with(tmp_path, COURSE) / "course.yaml"
    found = {(p.line, p.code, p.severity): p for p in check_vocabulary(path)}
    assert set(found) == {(6, "course-unknown-scenario", "error"), (8, "course-repeat", "error")}
    assert found[(6, "course-unknown-scenario", "error")].hint == "did you mean garner?"
    assert "already in the course (line 4)" in found[(8, "course-repeat", "error")].message


def test_a_scenario_of_the_bank_left_out_is_a_warning(tmp_path: Path) -> None:
    course = "format: 1\ntitle: Shipped only\nscenarios:\n  - {id: garner, why: Start here.}\n"
    problems = check_vocabulary(bank_with(tmp_path, course) / "course.yaml")
    assert [(p.code, p.severity) for p in problems] == [("course-left-out", "warning")]
    assert "mini-roe (mini.yaml)" in problems[0].message


def test_a_malformed_course_names_the_file_and_line(tmp_path: Path) -> None:
    problems = check_vocabulary(
        bank_with(tmp_path, "format: 1\ntitle: T\nscenarios:\n  - {id: mini-roe}\n") / "course.yaml"
    )
    assert problems and problems[0].path.name == "course.yaml" and problems[0].line == 4


def test_validate_runs_the_course_with_the_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = bank_with(tmp_path, COURSE)
    code = main(["validate", str(bank)])
    err = capsys.readouterr().err
    assert code == exit_codes.PROBLEMS
    assert f"{bank / 'course.yaml'}:6:5: error: no scenario garnr [course-unknown-scenario]" in err


def test_the_shipped_course_is_clean() -> None:
    assert check_vocabulary(REPO / "scenarios" / "course.yaml") == []
