"""No file can make the quote checks run on: their work is counted, and capped, per source word.

The red-team shapes (tests/hostile.py) are checked through the real checker, on a
real bank on disk. The counts are word comparisons, not seconds: the machine's speed
never decides a result. The subprocess runs under a 1 GB address-space limit; its
timeout is far beyond any honest run and only catches a hang.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import DATA, REPO
from tutor.checker.checks import check_scenario
from tutor.scenario.load import load_context, load_scenario
from tutor.sources import cost
from tutor.sources.text import source_text

# What the hostile bank costs today is about 2 comparisons per source word; the rule is the multiple.
COMPARISONS_PER_WORD = 8
LIMIT_AS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from tutor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def hostile_bank(folder: Path, size: int) -> Path:
    """The checker's clean fixture bank, plus a hostile source of `size` bytes that one ellipsis quote names."""
    bank = folder / "bank"
    shutil.copytree(DATA / "checks", bank)
    hostile.write_source(bank / "sources", "hostile", size)
    text = (bank / "clean.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    - {id: seed, path: sources/unpaged.txt, role: excerpt}\n",
        "    - {id: seed, path: sources/unpaged.txt, role: excerpt}\n"
        "    - {id: hostile, path: sources/hostile.txt, role: excerpt}\n",
    )
    quote = "        - text: We view the evidence in the light most favorable to the plaintiff.\n"
    assert quote in text
    text = text.replace(quote, f"        - source: hostile\n          text: {hostile.QUOTE}\n", 1)
    path = bank / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_bank(tmp_path_factory.mktemp("hostile"), 500_000)


def test_the_hostile_bank_costs_a_bounded_number_of_comparisons_per_source_word(big_bank: Path) -> None:
    source = big_bank.parent / "sources" / "hostile.txt"
    assert 480_000 < source.stat().st_size < 520_000
    assert len((big_bank.parent / "sources" / "hostile.errata.yaml").read_bytes()) >= 4_000
    cost.comparisons.reset()
    scenario, loaded = load_scenario(big_bank)
    problems = check_scenario(scenario, loaded, load_context(big_bank))
    words = len(source_text(source).keys)
    assert cost.comparisons.count < COMPARISONS_PER_WORD * words
    codes = {p.code for p in problems}
    assert "quote-fragments-apart" in codes  # the quote was searched to the end, not given up on
    assert "errata-ambiguous" in codes  # "officer" is no one damaged passage
    assert all(p.line is not None for p in problems), [p.render() for p in problems if p.line is None]
    assert "internal-error" not in codes


def test_the_hostile_bank_validates_under_a_1_gb_address_space_limit(big_bank: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LIMIT_AS, "validate", str(big_bank)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,  # a hang, not a slow machine
    )
    assert result.returncode == 1, result.stderr
    assert "[quote-fragments-apart]" in result.stderr
    assert "Traceback" not in result.stderr and "internal-error" not in result.stderr


def test_a_quote_too_costly_to_find_is_reported_on_its_line_and_the_check_goes_on(tmp_path: Path) -> None:
    path = DATA / "checks" / "quote-too-costly.yaml"
    cost.comparisons.reset()
    scenario, loaded = load_scenario(path)
    problems = check_scenario(scenario, loaded, load_context(path))
    costly = [p for p in problems if p.code == "quote-too-costly"]
    assert [(p.line, p.column) for p in costly] == [(39, 11)]
    words = len(source_text(DATA / "checks" / "sources" / "costly.txt").keys)
    assert cost.comparisons.count <= cost.STEPS_PER_SOURCE_WORD * words + 1_000
