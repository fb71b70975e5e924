"""`qi-tutor export --format gift|qti|anki`: which scenarios, and every way it can go wrong said plainly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.exports.conftest import SPECIALS
from tutor.cli import main


def without(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    """Make `package` (and any of its modules already imported) fail to import, as when it is not installed."""
    for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")] + [package]:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize(("fmt", "package", "suffix"), [("anki", "genanki", "apkg"), ("qti", "text2qti", "zip")])
def test_a_missing_lms_extra_is_a_usage_error_naming_it(
    fmt: str, package: str, suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    without(monkeypatch, package)
    out = tmp_path / f"out.{suffix}"
    assert main(["export", "--format", fmt, "--scenario", str(SPECIALS), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--format {fmt} needs {package}" in err and "pip install 'qi-tutor[lms]'" in err
    assert not out.exists()


def test_gift_needs_no_extra_and_writes_to_standard_output(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    without(monkeypatch, "genanki")
    without(monkeypatch, "text2qti")
    assert main(["export", "--format", "gift", "--scenario", str(SPECIALS)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("// qi-tutor export for Moodle") and "::lms-specials 01 " in out.out
    assert "exported 7 decision point(s) from 1 scenario(s)" in out.err


def test_a_broken_scenario_is_left_out_with_its_problems_and_the_rest_exported(tmp_path: Path, capsys) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "broken.yaml").write_text("format: 1\nid: broken\ntitle: [unclosed\n", encoding="utf-8")
    out = tmp_path / "bank.gift"
    assert main(["export", "--format", "gift", "--bank", str(bank), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "broken.yaml:4:1: error: YAML syntax error" in err
        and "left out of the export until its errors are fixed" in err
    )
    assert "Traceback" not in err
    assert "$CATEGORY: $course$/qi-tutor/sigley-mockler" in out.read_text(encoding="utf-8")


def test_an_unknown_scenario_or_an_unwritable_file_is_said_plainly(tmp_path: Path, capsys) -> None:
    assert main(["export", "--format", "gift", "--scenario", "sigley-mocker"]) == 1
    err = capsys.readouterr().err
    assert "did you mean sigley-mockler?" in err and "no scenario to export" in err
    assert main(["export", "--format", "anki", "--scenario", "sigley-mockler", "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {tmp_path}" in err and "Traceback" not in err
