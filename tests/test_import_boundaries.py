"""The domain core and the headless commands never pay for Textual.

Textual costs 150-450 ms to import, and the domain core (scenario, engine, store) must
stay usable without a terminal. Each check runs in a fresh interpreter, so a module
imported by an earlier test cannot hide or fake an import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE_MODULES = ["tutor.engine", "tutor.scenario.model", "tutor.scenario.load", "tutor.store.progress"]
MINI = REPO / "tests" / "data" / "bank" / "mini.yaml"

# Runs `tutor.cli.main(argv)` and reports every textual module that got imported.
_RUN_CLI = """
import sys
from tutor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def _loaded_textual(code: str, *argv: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])  # printed last, after the command's output


def _existing(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if (REPO / (m.replace(".", "/") + ".py")).is_file() or (REPO / m.replace(".", "/") / "__init__.py").is_file()
    ]


def _existing_commands(*argvs: list[str]) -> list[list[str]]:
    """Only the subcommands whose handler module has been written."""
    from tutor.cli import HANDLERS

    return [argv for argv in argvs if _existing([HANDLERS[argv[0]].partition(":")[0]])]


@pytest.mark.parametrize("module", [*_existing(CORE_MODULES), "tutor.plain.play", "tutor.commands.play"])
def test_importing_never_loads_textual(module: str) -> None:
    code = f"import sys, {module}\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    assert _loaded_textual(code) == []


HEADLESS = [["--version"], ["play", "--help"], *_existing_commands(["validate", str(MINI)])]


@pytest.mark.parametrize("argv", HEADLESS, ids=lambda argv: "-".join(a for a in argv if not a.startswith("/")))
def test_headless_commands_never_load_textual(argv: list[str]) -> None:
    assert _loaded_textual(_RUN_CLI, *argv) == []


def _module_level_imports(path: Path) -> list[str]:
    """Top-level modules imported outside any function or class body (what importing the file runs)."""
    found = []
    stack = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            found += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module.split(".")[0])
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.ExceptHandler)) and not (
            # `if TYPE_CHECKING:` bodies never run, but a module-level `try: import x` does.
            isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        ):
            stack += [c for c in ast.iter_child_nodes(node) if isinstance(c, (ast.stmt, ast.ExceptHandler))]  # type: ignore[misc]
    return found


CORE_FILES = sorted(
    p for area in ("engine", "scenario", "sources", "checker", "store") for p in (REPO / "tutor" / area).rglob("*.py")
)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_domain_core_never_imports_a_terminal_library_at_module_level(path: Path) -> None:
    forbidden = {"textual", "rich"} & set(_module_level_imports(path))
    assert not forbidden, f"{path.relative_to(REPO)} imports {sorted(forbidden)} at module level"


def test_the_scan_sees_imports_inside_module_level_blocks(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import rich\n"
        "try:\n    import textual.app\nexcept ImportError:\n    import json\n"
        "def later():\n    import rich.text\n"
    )
    assert sorted(_module_level_imports(sample)) == ["json", "os", "textual", "typing"]


def test_the_full_screen_apps_first_frame_does_not_load_the_scenario_model() -> None:
    """The library is drawn before any scenario is parsed: importing the app loads no pydantic (start-up)."""
    code = "import sys, tutor.ui.app\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    assert _loaded_textual(code) == []
