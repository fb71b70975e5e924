"""`qi-tutor quote` gives the pin the checker accepts; `validate --fix-pins` changes pin lines and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.cli import main

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "scenarios" / "sources"
GARNER = SOURCES / "tennessee-v-garner-court.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _garner_bank(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    for path in SOURCES.glob("tennessee-v-garner-court*"):
        shutil.copy(path, tmp_path / "sources")
    scenario = tmp_path / "garner.yaml"
    shutil.copy(REPO / "tests" / "data" / "supreme-court" / "garner.yaml", scenario)
    return scenario


def test_quote_shows_the_passage_its_page_and_the_pin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quote", str(GARNER), "deadly force may be used if necessary to prevent escape")
    assert code == 0
    assert out.startswith("tennessee-v-garner-court.txt, line ") and ", page 11:" in out
    assert "»deadly force may be used if necessary to prevent escape«" in out
    assert out.endswith("pin: 471 U.S. at 11\n")


def test_quote_in_a_footnote_gives_its_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quote", str(GARNER), "In fact, Garner, an eighth-grader, was 15.")
    assert code == 0 and ", page 4, footnote 2:" in out and out.endswith("pin: 471 U.S. at 4 n.2\n")


def test_quote_says_where_words_part_when_they_are_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quote", str(GARNER), "The Court of Appeals concluded that the rule was wrong")
    assert code == 1 and out == ""
    assert 'then the source has "set" where the quote has "was"' in err


def test_quote_refuses_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "quote", str(tmp_path / "none.txt"), "words")
    assert code == 2 and "no such file" in err


def test_the_pin_quote_gives_is_the_pin_the_checker_accepts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = _garner_bank(tmp_path)
    words = "The State of Tennessee, which had intervened to defend the statute"
    _, out, _ = run(capsys, "quote", str(GARNER), words)
    pin = out.rsplit("pin: ", 1)[1].strip()
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("pin: 471 U.S. at 7\n", f"pin: {pin}\n"), encoding="utf-8")
    code, _, err = run(capsys, "validate", "--strict", str(scenario))
    assert code == 0, err


def test_fix_pins_rewrites_only_the_wrong_pins_and_leaves_a_clean_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = _garner_bank(tmp_path)
    good = scenario.read_text(encoding="utf-8")
    broken = (
        good.replace("pin: 471 U.S. at 3\n", "pin: 471 U.S. at 2   # a wrong page, with a comment kept\n")
        .replace("pin: 471 U.S. at 11-12\n", "pin: 'at 11'\n")
        .replace("pin: 471 U.S. at 6 n.7\n", "pin: 471 U.S. at 6\n")
        .replace("pin: 471 U.S. at 13 n.11\n", 'pin: "471 U.S. at 12 n.11"\n')
    )
    scenario.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(scenario))
    assert code == 1 and err.count("[pin-mismatch]") == 4
    code, _, err = run(capsys, "validate", "--fix-pins", str(scenario))
    assert code == 0, err
    assert f"{scenario}: fixed 4 pins" in err
    fixed = scenario.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(broken.split("\n"), fixed.split("\n"), strict=True) if a != b]
    assert changed == [
        (
            "          pin: 471 U.S. at 2   # a wrong page, with a comment kept",
            "          pin: 471 U.S. at 3   # a wrong page, with a comment kept",
        ),
        ("          pin: 'at 11'", "          pin: 471 U.S. at 11-12"),
        ("          pin: 471 U.S. at 6", "          pin: 471 U.S. at 6 n.7"),
        ('          pin: "471 U.S. at 12 n.11"', "          pin: 471 U.S. at 13 n.11"),
    ]
    assert fixed == good.replace("pin: 471 U.S. at 3\n", "pin: 471 U.S. at 3   # a wrong page, with a comment kept\n")
    code, _, err = run(capsys, "validate", "--strict", str(scenario))
    assert code == 0, err
