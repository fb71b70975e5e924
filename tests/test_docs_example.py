"""The guide's worked example is a real scenario: extracted from docs/authoring.md and checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tutor.cli import main

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "authoring.md"
SIGLEY = "sigley-v-city-of-parma-heights"


def worked_example() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"<!-- worked-example[^>]*-->\n```yaml\n(.*?)\n```", text, re.DOTALL)
    assert found, "docs/authoring.md lost its marked worked example"
    return found.group(1) + "\n"


def test_the_worked_example_passes_the_checker_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    for suffix in (".txt", ".errata.yaml"):
        shutil.copy(REPO / "scenarios" / "sources" / (SIGLEY + suffix), tmp_path / "sources")
    example = tmp_path / "sigley-guide-example.yaml"
    example.write_text(worked_example(), encoding="utf-8")
    code = main(["validate", "--strict", str(example)])
    assert code == 0, capsys.readouterr().err


def test_the_worked_example_shows_every_node_type_and_speaker_voice() -> None:
    text = worked_example()
    for needle in (
        "type: choice",
        "type: factors",
        "type: short",
        "type: end",
        "analysis:",
        "court_weighed: false",
        "later:",
        "speaker: court",
    ):
        assert needle in text


def test_every_code_the_guide_lists_is_a_code_the_checker_has() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    codes_section = guide[guide.index("## The checker's codes") : guide.index("## A complete worked example")]
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", codes_section, re.MULTILINE))
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tutor").rglob("*.py"))
    unknown = sorted(code for code in listed if f'"{code}"' not in sources)
    assert listed and not unknown, unknown


def test_the_guides_vocabulary_examples_add_to_the_shipped_ones(tmp_path: Path) -> None:
    from tutor.scenario.load import load_context

    guide = GUIDE.read_text(encoding="utf-8")
    for name in ("doctrine.yaml", "misconceptions.yaml"):
        found = re.search(rf"```yaml\n# {name}: (.*?)\n```", guide, re.DOTALL)
        assert found, f"docs/authoring.md lost its {name} example"
        (tmp_path / name).write_text(f"# {found.group(1)}\n", encoding="utf-8")
    context = load_context(tmp_path / "roe.yaml")
    assert {"estate-of-roe", "garner", "pearson"} <= set(context.doctrine.entries)
    assert {"warning-shot-harmless", "officer-version-controls"} <= set(context.misconceptions.misconceptions)
