"""`qi-tutor map`: the fixture's and every shipped scenario's tree text exactly, and its dot as Graphviz renders it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tutor.checker.map import dot, tree
from tutor.cli import main
from tutor.scenario import graph
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_scenario

REPO = Path(__file__).resolve().parent.parent
SHIPPED = bank_files(REPO / "scenarios")
TREES = REPO / "tests" / "data" / "map"  # one tree text per shipped scenario, read and checked by a person
MINI = REPO / "tests" / "data" / "bank" / "mini.yaml"

MINI_TREE = """\
mini-roe: Roe v. Doe: Officer Doe
* the court's path; at an end, score A-B of C: the fewest and most points there, of the most the way offers

* whose-facts [facts-standard, choice] Whose facts count
    next -> graham
    choice officer -> officer-branch (wrong turn)
  officer-branch [facts-standard, choice] Where the officer's account leads
    next -> graham (rejoins the court's path)
* graham [deadly-force, factors] The Graham factors
    next -> claims
* claims [violation, choice] What the plaintiff's facts show
    next -> state-right
* state-right [clearly-established, short] State the right
    next -> today
* today [today, choice] Which prong first, today
    next -> end
* end [outcome, end] Outcome: score 0-5 of 6, 5-6 questions
"""


def test_the_fixtures_tree_is_exact(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", str(MINI)]) == 0
    assert capsys.readouterr().out == MINI_TREE


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_tree_is_exact(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # After an intended change to a scenario's tree, rewrite its file with
    # `qi-tutor map scenarios/ID.yaml > tests/data/map/ID.txt` and read the diff.
    expected = TREES / f"{path.stem}.txt"
    assert expected.is_file(), f"no tree text for {path.name}: write {expected.relative_to(REPO)} as above"
    assert main(["map", str(path)]) == 0
    assert capsys.readouterr().out == expected.read_text(encoding="utf-8")


def test_every_tree_text_belongs_to_a_shipped_scenario() -> None:
    assert sorted(p.stem for p in TREES.glob("*.txt")) == sorted(p.stem for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_tree_shows_every_node_once_and_marks_the_courts_path(path: Path) -> None:
    scenario, _ = load_scenario(path)
    lines = tree(scenario).splitlines()[3:]
    heads = [line for line in lines if not line.startswith("    ")]
    assert sorted(line[2:].split(" ")[0] for line in heads) == sorted(scenario.nodes)
    marked = [line[2:].split(" ")[0] for line in heads if line.startswith("* ")]
    assert marked == graph.court_path(scenario)
    ends = [line for line in heads if "[outcome, end]" in line]
    assert ends and all(": score " in line for line in ends)
    wrong_turns = [line for line in lines if line.endswith("(wrong turn)")]
    rejoins = [line for line in lines if line.endswith("(rejoins the court's path)")]
    assert len(rejoins) <= sum(1 for _ in scenario.nodes)  # a wrong turn may end at its own end node
    assert all(" -> " in line for line in wrong_turns + rejoins)


@pytest.mark.parametrize("path", [*SHIPPED, MINI], ids=lambda p: p.name)
def test_each_dot_map_is_rendered_by_graphviz(path: Path) -> None:
    """Graphviz's own parser is the judge (.ci/run installs Debian's graphviz)."""
    scenario, _ = load_scenario(path)
    rendered = subprocess.run(
        ["dot", "-Tsvg"], input=dot(scenario), capture_output=True, text=True, timeout=60, check=False
    )
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stderr == ""
    for node_id in scenario.nodes:
        assert f"<title>{node_id.replace('-', '&#45;')}</title>" in rendered.stdout  # SVG escapes the hyphen


def test_map_refuses_a_missing_or_broken_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["map", str(tmp_path / "none.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\n")
    assert main(["map", str(broken)]) == 1
    assert "does not load" in capsys.readouterr().err
