"""The project's own rules, checked in the suite: the import layers, ruff, the formatter and mypy.

Each runs as its user would run it, on the whole tree, from the project's root, with
the settings in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.mark.parametrize(
    "argv",
    [
        ["lint-imports"],
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_the_tree_passes(argv: list[str]) -> None:
    result = run(tool(argv[0]), *argv[1:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_layers_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """The contract is not vacuous: the engine importing the checker breaks it."""
    copy = tmp_path / "tree"
    shutil.copytree(REPO / "tutor", copy / "tutor", ignore=shutil.ignore_patterns("__pycache__", "_bank"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    scoring = copy / "tutor" / "engine" / "scoring.py"
    scoring.write_text(scoring.read_text(encoding="utf-8") + "\nimport tutor.checker.walk\n", encoding="utf-8")
    result = subprocess.run(
        [tool("lint-imports")], capture_output=True, text=True, cwd=copy, timeout=300, env={"PYTHONPATH": str(copy)}
    )
    assert result.returncode != 0
    assert "tutor.engine.scoring -> tutor.checker.walk" in result.stdout
