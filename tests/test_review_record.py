"""A scenario's review record: written by `qi-tutor reviewed`, and stale once a source it read changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor import exit_codes
from tutor.checker.checks import check_scenario
from tutor.checker.review_checks import review_hash
from tutor.cli import main
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_context, load_scenario

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "scenarios"
SHIPPED = bank_files(BANK)


@pytest.fixture
def garner(tmp_path: Path) -> Path:
    """The Garner scenario in a bank of its own, with its texts, and no review yet."""
    shutil.copytree(BANK / "sources", tmp_path / "sources")
    text = (BANK / "garner.yaml").read_text(encoding="utf-8")
    start = text.find("\nreviewed:")
    if start != -1:  # the shipped file's own record is taken out, so the command writes one afresh
        end = text.index("\ncase:", start)
        text = text[:start] + text[end:]
    path = tmp_path / "garner.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def stale(path: Path) -> list[str]:
    scenario, loaded = load_scenario(path)
    return [p.message for p in check_scenario(scenario, loaded, load_context(path)) if p.code == "review-stale"]


def test_the_command_records_each_sources_hash_and_keeps_the_files_layout(
    garner: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = garner.read_text(encoding="utf-8").split("\n")
    assert main(["reviewed", str(garner), "--by", "A. Reviewer", "--date", "2026-12-01"]) == exit_codes.OK
    assert "reviewed by A. Reviewer on 2026-12-01" in capsys.readouterr().out
    after = garner.read_text(encoding="utf-8").split("\n")
    at = after.index("reviewed:")
    assert after[at + 1 : at + 4] == ["  date: 2026-12-01", "  by: A. Reviewer", "  sources:"]
    sources = len(load_scenario(garner)[0].case.sources)
    assert after[:at] + after[at + 4 + sources :] == before  # every other line as it was, comments included
    scenario = load_scenario(garner)[0]
    assert scenario.reviewed is not None
    source = scenario.case.sources[0]
    assert scenario.reviewed.sources[source.id] == review_hash(garner.parent / source.path)
    assert stale(garner) == []


def test_the_warning_fires_when_a_source_changes_and_a_new_review_clears_it(
    garner: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reviewed", str(garner), "--by", "A. Reviewer"]) == exit_codes.OK
    source = load_scenario(garner)[0].case.sources[0]
    text = garner.parent / source.path
    text.write_text(text.read_text(encoding="utf-8") + "\nA paragraph added by a fuller copy.\n", encoding="utf-8")
    warned = stale(garner)
    assert len(warned) == 1 and f"source {source.id} has changed since the review by A. Reviewer" in warned[0]
    scenario, loaded = load_scenario(garner)
    (problem,) = [p for p in check_scenario(scenario, loaded, load_context(garner)) if p.code == "review-stale"]
    assert problem.severity == "warning" and problem.line is not None
    assert garner.read_text(encoding="utf-8").split("\n")[problem.line - 1].strip().startswith(f"{source.id}: sha256:")
    assert main(["reviewed", str(garner), "--by", "B. Reviewer"]) == exit_codes.OK
    assert stale(garner) == [] and garner.read_text(encoding="utf-8").count("\nreviewed:") == 1


def test_a_source_the_review_never_read_is_stale_too(garner: Path) -> None:
    assert main(["reviewed", str(garner), "--by", "A. Reviewer"]) == exit_codes.OK
    scenario = load_scenario(garner)[0]
    text = garner.read_text(encoding="utf-8")
    first = scenario.case.sources[0].id
    line = f"    {first}: {scenario.reviewed.sources[first]}\n"  # type: ignore[union-attr]
    garner.write_text(text.replace(line, f"    elsewhere: {scenario.reviewed.sources[first]}\n"), encoding="utf-8")  # type: ignore[union-attr]
    warned = stale(garner)
    assert any(f"source {first} was not read in the review" in m for m in warned)
    assert any("names source elsewhere, which the case no longer lists" in m for m in warned)


def test_a_name_that_would_break_the_file_leaves_it_as_it_was(garner: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = garner.read_bytes()
    assert main(["reviewed", str(garner), "--by", "Bad\x1b[2Jname"]) == exit_codes.PROBLEMS
    assert "left as it was" in capsys.readouterr().err
    assert garner.read_bytes() == before and not list(garner.parent.glob(".reviewed-*"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_was_reviewed_against_the_texts_it_ships(path: Path) -> None:
    scenario = load_scenario(path)[0]
    assert scenario.reviewed is not None and scenario.reviewed.by == "qi-tutor maintainers"
    assert set(scenario.reviewed.sources) == {s.id for s in scenario.case.sources}
    assert stale(path) == []
