"""One definition of each rule: the steps and their labels, full marks, the exit codes, the control characters.

Each test reads every module in `tutor/` and fails naming the file that defines the
rule a second time.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

from tutor import exit_codes, marks, terminal_text
from tutor.scenario import model

TUTOR = Path(__file__).resolve().parent.parent / "tutor"
MODULES = sorted(p for p in TUTOR.rglob("*.py") if "_bank" not in p.parts)


def trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in MODULES]


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(TUTOR.parent)}:{getattr(node, 'lineno', '?')}"


def test_the_steps_and_their_labels_are_defined_once() -> None:
    assert get_args(model.Step) == model.STEPS
    assert set(model.STEP_LABELS) == set(model.STEPS) == set(model.STEP_CRUMBS)
    steps = set(model.STEPS)
    found = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in steps}
                if len(named) >= 5:
                    found.append(where(path, node))
    # The Literal (the steps, in order), STEP_LABELS and STEP_CRUMBS: all in the model.
    assert {f.split(":")[0] for f in found} == {"tutor/scenario/model.py"}, found
    assert len(found) == 3, found


def test_the_full_marks_tolerance_is_defined_once() -> None:
    assert marks.full(1 / 3 + 1 / 3 + 1 / 3, 1.0) and not marks.full(0.99, 1.0)
    found = [
        where(path, node)
        for path, tree in trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and 0 < node.value < 1e-6
    ]
    assert found == ["tutor/marks.py:11"], found


def test_the_exit_codes_are_defined_once() -> None:
    assert (exit_codes.OK, exit_codes.PROBLEMS, exit_codes.USAGE, exit_codes.STORE) == (0, 1, 2, 3)
    found = []
    for path, tree in trees():
        if path.name == "exit_codes.py":
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                names = [t.id for t in ast.walk(target) if isinstance(t, ast.Name)]
                if any(n.startswith("EXIT_") or n == "exit_code" for n in names) and isinstance(
                    node.value, ast.Constant | ast.Tuple
                ):
                    found.append(where(path, node))
    assert not found, f"exit codes defined outside tutor/exit_codes.py: {found}"


def test_the_control_character_pattern_is_defined_once() -> None:
    assert terminal_text.clean("a\x1b[2Jb\u202e") == "a[2Jb"
    found = [
        str(path.relative_to(TUTOR.parent))
        for path in MODULES
        if r"\x0b-\x1f\x7f-\x9f" in path.read_text(encoding="utf-8")
    ]
    # (yamlload.py's pattern is another rule: the characters the YAML spec forbids in a file.)
    assert found == ["tutor/terminal_text.py"], found


def test_the_verdict_symbols_are_defined_once() -> None:
    # ✓ and ◐ are verdicts (full marks, some points): written anywhere else they could come
    # to mean something else again (✓ once marked a step merely visited).
    found = []
    for path, tree in trees():
        if path.name == "words.py":
            continue
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # prose may name them
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in docstrings else None
            if isinstance(text, str) and {"✓", "◐"} & set(text):
                found.append(where(path, node))
    assert not found, f"a verdict symbol written outside tutor/study/words.py: {found}"


def test_answered_and_full_marks_per_step_are_counted_once() -> None:
    # Stats, the stats screen and the exports count steps through tutor/store/steps.py; a second count
    # (a SQL `earned >= possible`, another StepStats built elsewhere) is how they came to disagree.
    built, in_sql = [], []
    for path, tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StepStats":
                built.append(where(path, node))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ">= possible" in node.value:
                in_sql.append(where(path, node))
    assert {f.split(":")[0] for f in built} == {"tutor/store/steps.py"}, built
    assert not in_sql, in_sql
