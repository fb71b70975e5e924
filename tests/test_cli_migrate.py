"""`qi-tutor migrate` rewrites the values format 1 no longer accepts, changing those lines and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_cli_sources import _garner_bank, run
from tutor.scenario.migrate import strict_value

REPO = Path(__file__).resolve().parent.parent


def _old_style(good: str) -> str:
    """The Garner fixture as a file written before format 1 was tightened."""
    return (
        good.replace(
            "        correct: true\n        feedback: Right.\n      - id: every-felon",
            "        correct: yes   # as the old template wrote it\n        feedback: Right.\n      - id: every-felon",
        )
        .replace("    title: The rule\n", '    title: The rule\n    points: "1"\n')
        .replace(
            "        correct: true\n        feedback: Right.\n      - id: nowhere",
            '        correct: "true"\n        feedback: Right.\n      - id: nowhere',
        )
        .replace(
            "        misconception: officer-version-controls\n",
            "        correct: 'No'\n        misconception: officer-version-controls\n",
        )
    )


def test_migrate_rewrites_only_the_lenient_values_and_leaves_a_clean_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = _garner_bank(tmp_path)
    good = scenario.read_text(encoding="utf-8")
    old = _old_style(good)
    assert old.count("\n") == good.count("\n") + 2  # a `points:` line and a `correct: 'No'` line added
    scenario.write_text(old, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(scenario))
    assert code == 1 and "correct" in err

    code, out, err = run(capsys, "migrate", "--check", str(tmp_path))
    assert code == 1 and "would change 1" in err
    assert scenario.read_text(encoding="utf-8") == old  # --check writes nothing
    lines = out.splitlines()
    assert len(lines) == 4 and all(line.startswith(f"{scenario}:") for line in lines)

    code, out2, err = run(capsys, "migrate", str(scenario))
    assert code == 0 and out2 == out and "changed 1" in err
    migrated = scenario.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(old.split("\n"), migrated.split("\n"), strict=True) if a != b]
    assert changed == [
        ('    points: "1"', "    points: 1"),
        (
            "        correct: yes   # as the old template wrote it",
            "        correct: true   # as the old template wrote it",
        ),
        ('        correct: "true"', "        correct: true"),
        ("        correct: 'No'", "        correct: false"),
    ]
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{scenario}:{old.split(chr(10)).index(a) + 1}" for a, _ in changed
    ]
    code, _, err = run(capsys, "validate", "--strict", str(scenario))
    assert code == 0, err
    code, out, err = run(capsys, "migrate", "--check", str(scenario))  # nothing left to do
    assert code == 0 and out == "" and "would change 0" in err


def test_the_shipped_bank_needs_no_migration(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(REPO / "scenarios", tmp_path / "bank")
    code, out, err = run(capsys, "migrate", "--check", str(tmp_path / "bank"))
    assert code == 0 and out == "", err


def test_what_is_rewritten_is_exactly_what_the_lax_loader_read() -> None:
    assert [strict_value("correct", v) for v in ("yes", "Y", "on", "1", "True", 1, "no", "OFF", 0)] == [
        *["true"] * 6,
        *["false"] * 3,
    ]
    assert [strict_value("court_weighed", v) for v in (True, "maybe", 2, None)] == [None] * 4  # strict, or not ours
    assert [strict_value("points", v) for v in ("1", " 0.5 ", "+2", "1e0", 1, "one", "nan")] == [
        "1",
        "0.5",
        "2",
        "1.0",
        None,
        None,
        None,
    ]


def test_a_file_that_does_not_parse_or_a_missing_path_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nnodes: [\n", encoding="utf-8")
    code, out, err = run(capsys, "migrate", str(broken))
    assert code == 1 and out == "" and f"{broken}:" in err and "Traceback" not in err
    code, _, err = run(capsys, "migrate", str(tmp_path / "nowhere.yaml"))
    assert code == 2 and "no such file" in err
