"""Each checker rule fails its fixture with its own code, line and column; the clean fixture passes.

Every fixture in tests/data/checks/ is the clean scenario with one fault and says in its
first line what the checker must report: `# expect: CODE LINE:COL [in FILE]`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor.checker.checks import check_doctrine, check_misconceptions, check_scenario
from tutor.scenario.load import load_context, load_model, load_scenario
from tutor.scenario.model import DoctrineFile, MisconceptionFile
from tutor.scenario.problems import Problem, ScenarioError

CHECKS = DATA / "checks"
FIXTURES = sorted(p for p in CHECKS.glob("*.yaml") if p.read_text(encoding="utf-8").startswith("# expect: "))


def run_checks(path: Path) -> list[Problem]:
    scenario, loaded = load_scenario(path)
    return check_scenario(scenario, loaded, load_context(path))


def expectation(path: Path) -> tuple[str, int, int, str]:
    words = path.read_text(encoding="utf-8").splitlines()[0].split()
    code, position = words[2], words[3]
    line, column = (int(n) for n in position.split(":"))
    where = words[5] if len(words) > 5 else path.name
    return code, line, column, where


def test_every_rule_has_a_fixture() -> None:
    codes = {expectation(p)[0] for p in FIXTURES if p.name != "clean.yaml"}
    assert {"dangling-next", "cycle", "dead-end", "quote-damaged", "pin-mismatch", "source-outside"} <= codes
    assert len(codes) == len(FIXTURES) - 1, "one fixture per rule"


def test_clean_fixture_has_no_problem_at_all() -> None:
    assert run_checks(CHECKS / "clean.yaml") == []


@pytest.mark.parametrize("fixture", [p for p in FIXTURES if p.name != "clean.yaml"], ids=lambda p: p.stem)
def test_fixture_fails_with_its_code_line_and_column(fixture: Path) -> None:
    code, line, column, where = expectation(fixture)
    problems = run_checks(fixture)
    hits = [p for p in problems if p.code == code]
    assert [(p.line, p.column, p.path.as_posix().endswith(where)) for p in hits] == [(line, column, True)]
    assert hits[0].hint, "every problem says how to fix it"
    # The fault is the only error: no rule piles on with a consequence of it.
    assert {p.code for p in problems if p.severity == "error"} <= {code}


def test_the_cue_fixtures_base_has_no_cue() -> None:
    """Each cue fixture is this file with one cue added, so the cue is all its rule can have found."""
    assert run_checks(CHECKS / "cue-base.yaml") == []


@pytest.mark.parametrize(
    "code", ["cue-longest", "cue-shortest", "cue-position", "cue-absolute", "shuffle-opt-out", "prose-quote-unfound"]
)
def test_a_cue_is_a_warning_that_fails_validate_only_under_strict(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tutor.cli import main

    path = CHECKS / f"{code}.yaml"
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1
    assert f"[{code}]" in capsys.readouterr().err


def test_a_symlinked_source_pointing_outside_the_bank_is_refused(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(CHECKS, bank)
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(CHECKS / "sources" / "unpaged.txt", outside)
    (bank / "sources" / "unpaged.txt").unlink()
    (bank / "sources" / "unpaged.txt").symlink_to(outside)
    problems = run_checks(bank / "clean.yaml")
    assert [(p.code, p.line) for p in problems] == [("source-outside", 15)]


def test_a_scenario_in_a_subfolder_may_use_the_banks_shared_sources(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(CHECKS, bank)
    (bank / "cases").mkdir()
    text = (bank / "clean.yaml").read_text(encoding="utf-8").replace("path: sources/", "path: ../sources/")
    (bank / "cases" / "clean.yaml").write_text(text, encoding="utf-8")
    assert run_checks(bank / "cases" / "clean.yaml") == []


def test_errata_problems_are_reported_once_per_run() -> None:
    path = CHECKS / "errata-not-found.yaml"
    context = load_context(path)
    scenario, loaded = load_scenario(path)
    first = check_scenario(scenario, loaded, context)
    again = check_scenario(scenario, loaded, context)
    assert [p.code for p in first] == ["errata-not-found"]
    assert again == []


def test_misconceptions_with_one_label_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "misconceptions.yaml"
    path.write_text(
        "format: 1\nmisconceptions:\n"
        "  a: {label: Flight alone justifies force, explanation: x}\n"
        "  b: {label: flight alone justifies force, explanation: y}\n"
        "  c: {label: Something else, explanation: z}\n",
        encoding="utf-8",
    )
    problems = check_misconceptions(*load_model(path, MisconceptionFile))
    assert [(p.code, p.line, p.severity) for p in problems] == [
        ("duplicate-label", 3, "warning"),
        ("duplicate-label", 4, "warning"),
    ]


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """The clean fixture in a copy of its bank, with one text replaced."""
    bank = tmp_path / "bank"
    shutil.copytree(CHECKS, bank)
    text = (bank / "clean.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (bank / "clean.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return bank / "clean.yaml"


def test_a_heading_pin_names_the_heading_the_quote_stands_under(tmp_path: Path) -> None:
    path = variant(tmp_path, '"Standard of review"', '"Background"')
    (problem,) = run_checks(path)
    assert problem.code == "pin-mismatch"
    assert "stands under 'qualified.standard of review', not under 'Background'" in problem.message
    assert problem.hint == 'write: 437 F.3d 99, "qualified.standard of review"'


def test_a_page_pin_on_a_source_without_pages_is_a_format_problem(tmp_path: Path) -> None:
    path = variant(tmp_path, 'pin: 437 F.3d 99, "Standard of review"', "pin: 437 F.3d at 101")
    (problem,) = run_checks(path)
    assert (problem.code, problem.line) == ("pin-format", 120)
    assert "no page markers" in problem.message


def test_sic_excuses_reproduced_damage(tmp_path: Path) -> None:
    # The clean fixture quotes the errata's reading "Garner"; here the source's "Gamer", marked.
    assert run_checks(variant(tmp_path, "text: Under Garner,", "text: Under Gamer [sic],")) == []


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"caf\xe9 au lait", "is not UTF-8 text (byte 3 is not)"), (b"x" * 4_000_001, "more than any opinion text")],
    ids=["latin-1", "oversized"],
)
def test_a_source_that_is_not_an_opinion_text_is_refused_before_reading(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = variant(tmp_path, "path: sources/unpaged.txt", "path: sources/odd-bytes.txt")
    (path.parent / "sources" / "odd-bytes.txt").write_bytes(content)
    (problem,) = run_checks(path)
    assert (problem.code, problem.line, problem.column) == ("source-unreadable", 15, 18)
    assert says in problem.message


def test_a_passage_before_the_first_heading_has_no_heading_to_pin(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "text: As a general matter, this requires that we adopt the plaintiff's version of the facts.",
        "text: this case arises from a shooting in the plaintiff's backyard",
    )
    (problem,) = run_checks(path)
    assert problem.code == "pin-mismatch"
    assert "stands before the first heading" in problem.message and "paged source" in (problem.hint or "")


def test_the_doctrine_files_quotes_are_found_in_its_reference_sources(tmp_path: Path) -> None:
    assert check_doctrine(*load_model(CHECKS / "doctrine.yaml", DoctrineFile)) == []
    bank = tmp_path / "bank"
    shutil.copytree(CHECKS, bank)
    text = (bank / "doctrine.yaml").read_text(encoding="utf-8").replace("does not justify", "does justify")
    (bank / "doctrine.yaml").write_text(text, encoding="utf-8")
    (problem,) = check_doctrine(*load_model(bank / "doctrine.yaml", DoctrineFile))
    assert (problem.code, problem.line, problem.column) == ("quote-not-found", 17, 9)


def test_reproduced_damage_is_named_with_its_reading() -> None:
    (problem,) = run_checks(CHECKS / "quote-damaged.yaml")
    assert problem.message.endswith('lists as damaged: "Gamer" reads "Garner"')


def test_a_contradiction_and_a_rubric_item_may_not_share_an_id(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "    model_answer: The officers conceded that the right was clearly established.\n",
        "    contradictions:\n      - {id: concession, label: They denied it, any: [denied]}\n"
        "    model_answer: The officers conceded that the right was clearly established.\n",
    )
    (problem,) = run_checks(path)
    assert (problem.code, problem.message) == ("duplicate-id", "id concession names a rubric item too")


def test_the_rules_play_skips_only_ever_warn() -> None:
    """Play runs the checker without ADVISORY rules, so none of them may ever report an error."""
    from tutor.checker.checks import ADVISORY
    from tutor.scenario.bank import bank_files

    paths = [*FIXTURES, *bank_files(REPO / "scenarios")]
    found = set()
    for path in paths:
        scenario, loaded = load_scenario(path)
        context = load_context(path)
        for rule in ADVISORY:
            problems = list(rule(scenario, loaded, context))
            assert all(p.severity == "warning" for p in problems), (rule.__name__, path.name)
            found |= {p.code for p in problems}
    # The fixtures make each advisory rule speak (the later-law date's is tested with fixed dates).
    assert {"cue-longest", "shuffle-opt-out", "prose-quote-unfound", "bidi-override", "review-stale"} <= found


def test_play_refuses_what_validate_refuses_and_ignores_what_it_only_warns_about(tmp_path: Path) -> None:
    from tutor.study.playable import load_playable

    shutil.copytree(CHECKS, tmp_path / "bank")
    with pytest.raises(ScenarioError):
        load_playable(tmp_path / "bank" / "quote-not-found.yaml")
    assert load_playable(tmp_path / "bank" / "prose-quote-unfound.yaml").scenario.id == "clean"
