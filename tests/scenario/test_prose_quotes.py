"""Double quotes in an author's prose are proved against the shipped texts (`tutor.checker.prose_checks`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO
from tutor.checker.checks import check_scenario
from tutor.scenario.load import load_context, load_scenario
from tutor.sources.spans import quoted_spans


def test_spans_are_double_quoted_runs_of_two_words_or_more() -> None:
    text = 'He said "I do not have a gun", was 5\'5" to 5\'7" tall, and “sat still”; a "term" and ‘a label’.'
    assert list(quoted_spans(text)) == ["I do not have a gun", "sat still"]


def _unfound(path: Path) -> list[str]:
    scenario, loaded = load_scenario(path)
    return [p.message for p in check_scenario(scenario, loaded, load_context(path)) if p.code == "prose-quote-unfound"]


def test_a_misquoted_word_in_feedback_is_caught_against_the_real_opinion(tmp_path: Path) -> None:
    """The Floyd court wrote "unless that failure was objectively reasonable"; feedback once said "if"."""
    bank = tmp_path / "bank"
    shutil.copytree(REPO / "scenarios", bank)
    path = bank / "floyd-reynoso.yaml"
    assert _unfound(path) == []
    text = path.read_text(encoding="utf-8")
    right = 'cannot shield them "unless that failure was objectively'
    assert text.count(right) == 1
    path.write_text(text.replace(right, 'shields them only "if that failure was objectively'), encoding="utf-8")
    (message,) = _unfound(path)
    assert '"if that failure was objectively reasonable"' in message


def test_a_later_case_quoted_in_prose_is_found_in_the_doctrine_files_texts() -> None:
    """Kisela's "far too general" is in the shipped snippets, not in Floyd's opinion."""
    path = REPO / "scenarios" / "floyd-quaine.yaml"
    assert "far too general" in path.read_text(encoding="utf-8")
    assert _unfound(path) == []
