"""Only regular files are read: a FIFO, a device or a symlink loop is a clear problem, never a hang.

Each case runs the real command in a subprocess on a real FIFO (`os.mkfifo`); a FIFO
that were opened for reading would block for ever, so the timeout, far beyond any
honest run, only catches that hang.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor.checker.checks import check_scenario
from tutor.scenario.load import load_context, load_scenario

CHECKS = DATA / "checks"
HANG = 120  # seconds: a hang, not a slow machine
CLI = "import sys; from tutor.cli import main; sys.exit(main(sys.argv[1:]))"


def qi(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=HANG,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(CHECKS, folder)
    for path in folder.glob("*.yaml"):
        if path.name not in ("clean.yaml", "doctrine.yaml", "misconceptions.yaml"):
            path.unlink()
    return folder


def test_a_fifo_among_a_folders_yaml_files_is_reported_and_the_rest_checked(bank: Path) -> None:
    os.mkfifo(bank / "pipe.yaml")
    result = qi("validate", str(bank))
    assert f"{bank / 'pipe.yaml'}: error: cannot read this file: is a FIFO, not a file [unreadable]" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("checked: 1 error in 1 file")  # clean.yaml was checked, and passed
    assert result.returncode == 2


def test_a_fifo_as_a_source_is_source_unreadable_on_the_sources_line(bank: Path) -> None:
    (bank / "sources" / "unpaged.txt").unlink()
    os.mkfifo(bank / "sources" / "unpaged.txt")
    result = qi("validate", str(bank / "clean.yaml"))
    assert f"{bank / 'clean.yaml'}:15:" in result.stderr
    assert "source seed is a FIFO, not a file: sources/unpaged.txt [source-unreadable]" in result.stderr


def test_a_fifo_as_an_errata_file_is_reported_on_that_file(bank: Path) -> None:
    (bank / "sources" / "paged.errata.yaml").unlink()
    os.mkfifo(bank / "sources" / "paged.errata.yaml")
    result = qi("validate", str(bank / "clean.yaml"))
    assert "paged.errata.yaml: error: cannot read this file: is a FIFO, not a file [unreadable]" in result.stderr


def test_a_fifo_as_a_vocabulary_is_refused_not_passed_over(bank: Path) -> None:
    (bank / "doctrine.yaml").unlink()
    os.mkfifo(bank / "doctrine.yaml")
    result = qi("validate", str(bank / "clean.yaml"))
    assert "doctrine.yaml: error: cannot read this file: is a FIFO, not a file [unreadable]" in result.stderr


def test_a_fifo_in_a_bank_leaves_check_and_the_library_working(bank: Path, tmp_path: Path) -> None:
    os.mkfifo(bank / "pipe.yaml")
    result = qi("check", "--bank", str(bank), "--data-dir", str(tmp_path / "data"))
    assert "pipe.yaml: error: cannot read this file: is a FIFO, not a file [unreadable]" in result.stderr
    listing = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tutor.paths import Locations;"
            "from tutor.scenario.bank import scan;"
            "print([(e.path.name, e.problem.code if e.problem else None) for e in scan("
            "Locations(data_dir=Path(sys.argv[2]), extra_banks=(Path(sys.argv[1]),)))])",
            str(bank),
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=HANG,
    )
    assert "('pipe.yaml', 'unreadable')" in listing.stdout, listing.stderr
    assert "('clean.yaml', None)" in listing.stdout


def test_playing_a_fifo_says_what_it_is(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = qi("play", "--plain", str(tmp_path / "pipe.yaml"), "--data-dir", str(tmp_path / "data"))
    assert result.returncode != 0
    assert "is a FIFO, not a file" in result.stderr and "Traceback" not in result.stderr


def test_a_symlink_loop_as_a_source_is_source_unreadable_on_its_line(bank: Path) -> None:
    loop = bank / "sources" / "unpaged.txt"
    loop.unlink()
    loop.symlink_to(loop)
    scenario, loaded = load_scenario(bank / "clean.yaml")
    problems = check_scenario(scenario, loaded, load_context(bank / "clean.yaml"))
    assert [(p.code, p.line, "symlink loop" in p.message) for p in problems] == [("source-unreadable", 15, True)]


def test_a_symlink_loop_among_a_banks_files_is_a_broken_entry(bank: Path, tmp_path: Path) -> None:
    from tutor.paths import Locations
    from tutor.scenario.bank import scan

    (bank / "loop.yaml").symlink_to(bank / "loop.yaml")
    entries = scan(Locations(data_dir=tmp_path / "data", extra_banks=(bank,)))
    broken = [e for e in entries if e.problem is not None]
    assert [(e.path.name, e.problem.code) for e in broken] == [("loop.yaml", "unreadable")]  # type: ignore[union-attr]
    assert "symlink loop" in broken[0].problem.message  # type: ignore[union-attr]
