"""The library index: cheap metadata per scenario, cached by path + size + mtime_ns."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.paths import Locations, bundled_bank
from tutor.scenario import bank
from tutor.scenario.files import VOCABULARY_FILES

REPO = Path(__file__).resolve().parent.parent
MINI_BANK = REPO / "tests" / "data" / "bank"


@pytest.fixture
def library(tmp_path: Path) -> Locations:
    """A data directory and one extra bank holding a copy of the mini bank."""
    shutil.copytree(MINI_BANK, tmp_path / "bank")
    return Locations(data_dir=tmp_path / "data", extra_banks=(tmp_path / "bank",))


def _entry(entries: list[bank.LibraryEntry], name: str) -> bank.LibraryEntry:
    return next(e for e in entries if e.path.name == name)


def test_scan_lists_shipped_and_extra_scenarios_with_their_metadata(library: Locations) -> None:
    entries = bank.scan(library)
    mini = _entry(entries, "mini.yaml")
    assert (mini.id, mini.title, mini.case_name, mini.citation, mini.defendant) == (
        "mini-roe",
        "Roe v. Doe: Officer Doe",
        "Roe v. Doe",
        "1 F.5th 9 (13th Cir. 2030)",
        "Officer Doe",
    )
    assert mini.tags == ("fixture", "excessive-force")
    assert mini.summary.startswith("A fictional officer")  # type: ignore[union-attr]
    assert (mini.fewest_questions, mini.most_questions) == (5, 6)  # the officer branch adds one question
    assert not mini.broken
    shipped = [e for e in entries if e.path.parent == bundled_bank().resolve()]
    assert shipped and all(e.id for e in shipped)
    assert not any(e.path.name in VOCABULARY_FILES for e in entries)


def test_a_broken_file_is_listed_with_its_first_problem(library: Locations) -> None:
    (library.extra_banks[0] / "broken.yaml").write_text("format: 1\nid: [\n")
    broken = _entry(bank.scan(library), "broken.yaml")
    assert broken.broken and broken.id is None
    assert (broken.problem.code, broken.problem.line) == ("yaml-syntax", 3)  # type: ignore[union-attr]


def test_the_index_is_cached_and_only_changed_files_are_read_again(library: Locations) -> None:
    bank.scan(library)
    cache = library.data_dir / bank.INDEX_FILE
    document = json.loads(cache.read_text())
    mini_path = str((library.extra_banks[0] / "mini.yaml").resolve())
    document["files"][mini_path]["entry"]["title"] = "From the cache"
    cache.write_text(json.dumps(document))
    assert _entry(bank.scan(library), "mini.yaml").title == "From the cache"  # unchanged file: not parsed
    stat = os.stat(mini_path)
    os.utime(mini_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _entry(bank.scan(library), "mini.yaml").title == "Roe v. Doe: Officer Doe"  # touched: read again


def test_a_damaged_or_foreign_cache_is_ignored(library: Locations) -> None:
    cache = library.data_dir / bank.INDEX_FILE
    cache.parent.mkdir(parents=True)
    for content in (
        "{not json",
        json.dumps({"version": "0/old", "files": {}}),
        json.dumps({"version": bank.INDEX_VERSION, "files": {"x": 1}}),
    ):
        cache.write_text(content)
        assert _entry(bank.scan(library), "mini.yaml").id == "mini-roe"


def test_the_cache_is_written_atomically_and_nothing_else_is_left(library: Locations) -> None:
    bank.scan(library)
    assert [p.name for p in library.data_dir.iterdir()] == [bank.INDEX_FILE]
    assert json.loads((library.data_dir / bank.INDEX_FILE).read_text())["version"] == bank.INDEX_VERSION


def test_importing_and_scanning_a_missing_bank_creates_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code = f"import tutor.scenario.bank, pathlib; print(pathlib.Path({str(data)!r}).exists())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
    assert bank.scan(Locations(data_dir=data, extra_banks=(tmp_path / "nowhere",)))  # the shipped bank still lists


def test_find_takes_an_id_or_a_path_and_says_what_exists(library: Locations) -> None:
    mini = library.extra_banks[0] / "mini.yaml"
    assert bank.find(library, "mini-roe") == mini.resolve()
    assert bank.find(library, str(mini)) == mini
    with pytest.raises(LookupError, match="did you mean mini-roe"):
        bank.find(library, "mini-rose")
    with pytest.raises(LookupError, match="no scenario file"):
        bank.find(library, str(library.extra_banks[0] / "absent.yaml"))


def test_question_counts_follow_branches() -> None:
    from tutor.checker.walk import walk
    from tutor.scenario.graph import question_counts
    from tutor.scenario.load import load_scenario

    scenario, _ = load_scenario(REPO / "tests" / "data" / "load" / "valid.yaml")
    assert question_counts(scenario) == (1, 1)
    for path in [*sorted((REPO / "scenarios").glob("*-*.yaml")), REPO / "tests" / "data" / "bank" / "mini.yaml"]:
        shipped, _ = load_scenario(path)
        ends = walk(shipped, max_paths=0).ends.values()  # the checker's count, path by path
        assert question_counts(shipped) == (min(r.fewest for r in ends), max(r.most for r in ends)), path.name


def test_a_warm_index_lists_the_library_without_loading_the_model(library: Locations) -> None:
    """Start-up reads the cached index only: pydantic and the model are not imported."""
    bank.scan(library)  # warms the index
    code = (
        "import sys; from tutor.paths import Locations; from tutor.scenario.bank import scan;"
        f"entries = scan(Locations.resolve(data_dir={str(library.data_dir)!r}, "
        f"banks={[str(b) for b in library.extra_banks]!r}));"
        "print(len(entries), 'pydantic' in sys.modules, 'tutor.scenario.model' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, pydantic, model = out.stdout.split()
    assert int(count) == len(bank.scan(library)) and (pydantic, model) == ("False", "False")
