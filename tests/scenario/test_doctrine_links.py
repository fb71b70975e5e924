"""The doctrine file links the Sixth Circuit scenarios to the Supreme Court's own texts, dated as law.

- The six cases the bank walks quote their shipped opinions of the Court (never the
  syllabus, never the secondary snippets), at pins the checker proves, and name their
  scenario; the checker refuses a `scenario` that names none.
- No pin anywhere in the bank names a syllabus (one bank-wide test for every file).
- Every doctrine entry and every "Since this decision" note records the month it was
  checked; the checker warns when the newest check is more than a year old.
- Plain mode's `d` shows the same and `o N` opens the Supreme Court text at the passage.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tutor.checker.checks import check_doctrine
from tutor.checker.doctrine_checks import stale_later_notes
from tutor.scenario.bank import bank_files
from tutor.scenario.files import DOCTRINE_FILE
from tutor.scenario.load import load_model, load_scenario
from tutor.scenario.model import DoctrineFile, Quote, Scenario

BANK = REPO / "scenarios"
SCENARIOS = bank_files(BANK)
WALKED = {
    "garner": "garner",
    "graham": "graham",
    "saucier": "saucier",
    "brosseau": "brosseau",
    "scott-v-harris": "scott",
    "pearson": "pearson",
}


def doctrine() -> DoctrineFile:
    return load_model(BANK / DOCTRINE_FILE, DoctrineFile)[0]


def every_quote() -> list[tuple[str, Quote]]:
    found = [(f"doctrine {key}", q) for key, e in doctrine().entries.items() for q in e.quotes]
    for path in SCENARIOS:
        scenario: Scenario = load_scenario(path)[0]
        for node_id, node in scenario.nodes.items():
            found += [(f"{scenario.id} {node_id}", q) for q in (node.court.quotes if node.court else [])]
    return found


def test_no_pin_in_the_bank_names_a_syllabus() -> None:
    quotes = every_quote()
    assert len(quotes) > 250  # every scenario and the doctrine file, not a part of them
    assert [(where, q.pin) for where, q in quotes if "syllabus" in q.pin.lower() or "syl." in q.pin.lower()] == []


def test_the_six_cases_quote_their_opinions_of_the_court_and_name_their_scenarios() -> None:
    bank = doctrine()
    roles = {s.id: (s.role, s.path) for s in bank.sources}
    ids = {load_scenario(p)[0].id for p in SCENARIOS}
    for key, scenario_id in WALKED.items():
        entry = bank.entries[key]
        assert entry.scenario == scenario_id and scenario_id in ids
        assert entry.quotes, key
        for quote in entry.quotes:
            role, path = roles[quote.source or bank.sources[0].id]
            assert role == "majority" and path.endswith(("-court.txt", "-per-curiam.txt")), (key, path)
            assert "page not verified" not in quote.pin
    brosseau = [q for q in bank.entries["brosseau"].quotes if "reasonably misapprehends" in q.text]
    assert [q.pin for q in brosseau] == ["543 U.S. at 198"]
    assert all(q.pin.startswith("127 S. Ct. at ") for q in bank.entries["scott-v-harris"].quotes)
    assert all(q.pin == '533 U.S. 194, "II"' for q in bank.entries["saucier"].quotes)


def test_the_shipped_doctrine_is_clean_and_dated() -> None:
    bank, loaded = load_model(BANK / DOCTRINE_FILE, DoctrineFile)
    assert check_doctrine(bank, loaded, today=dt.date(2026, 12, 1)) == []
    assert {e.checked for e in bank.entries.values()} == {"2026-12"}
    for path in SCENARIOS:
        scenario = load_scenario(path)[0]
        notes = [note for node in scenario.nodes.values() for note in node.later]
        assert all(note.checked == "2026-12" for note in notes), scenario.id


def _doctrine_file(tmp_path: Path, checked: str, scenario: str = "garner") -> Path:
    path = tmp_path / DOCTRINE_FILE
    path.write_text(
        "format: 1\n"
        "entries:\n"
        "  garner:\n"
        "    name: Tennessee v. Garner\n"
        "    citation: 471 U.S. 1 (1985)\n"
        "    decided: 1985\n"
        f"    checked: {checked}\n"
        f"    scenario: {scenario}\n"
        "    rule: Deadly force only against a threat of serious physical harm.\n",
        encoding="utf-8",
    )
    return path


def test_the_checker_warns_when_the_newest_check_is_more_than_a_year_old(tmp_path: Path) -> None:
    path = _doctrine_file(tmp_path, "2025-06")
    assert check_doctrine(*load_model(path, DoctrineFile), today=dt.date(2026, 6, 30)) == []  # twelve months
    (problem,) = check_doctrine(*load_model(path, DoctrineFile), today=dt.date(2026, 7, 1))
    assert (problem.code, problem.severity, problem.line) == ("later-law-stale", "warning", 7)
    assert "2025-06, 13 months before 2026-07" in problem.message


def test_a_scenarios_later_notes_go_stale_a_year_after_their_newest_check() -> None:
    scenario, loaded = load_scenario(BANK / "floyd-quaine.yaml")
    assert stale_later_notes(scenario, loaded, today=dt.date(2027, 12, 31)) == []
    (problem,) = stale_later_notes(scenario, loaded, today=dt.date(2028, 1, 1))
    assert problem.code == "later-law-stale" and problem.path == loaded.path


def test_an_entry_naming_no_scenario_of_the_bank_is_refused(tmp_path: Path) -> None:
    path = _doctrine_file(tmp_path, "2026-12", scenario="garnr")
    (problem,) = check_doctrine(*load_model(path, DoctrineFile), today=dt.date(2026, 12, 1))
    assert (problem.code, problem.severity, problem.line) == ("unknown-scenario", "error", 8)
    assert "no scenario garnr" in problem.message


def test_a_month_that_is_not_one_is_refused_with_its_line(tmp_path: Path) -> None:
    from tutor.scenario.problems import ScenarioError

    with pytest.raises(ScenarioError) as refused:
        load_model(_doctrine_file(tmp_path, "2026-13"), DoctrineFile)
    assert refused.value.problems[0].line == 7


def test_plain_mode_d_points_to_the_scenario_and_o_opens_the_supreme_court_text(tmp_path: Path) -> None:
    scenario = load_scenario(BANK / "floyd-quaine.yaml")[0]
    first = scenario.nodes[scenario.start]
    assert first.court is not None
    right = [str(i) for i, c in enumerate(first.choices, 1) if c.correct]  # type: ignore[union-attr]
    saucier = len(first.court.quotes) + 1  # numbered after the first answer's quotes
    env = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env["QI_TUTOR_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "qi-tutor"),
            "play",
            "--plain",
            "--no-shuffle",
            str(BANK / "floyd-quaine.yaml"),
        ],
        input="\n".join([",".join(right), "d", f"o {saucier}", "q"]) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Play the Saucier v. Katz scenario: qi-tutor play saucier" in out
    assert "Scott v. Harris, 550 U.S. 372 (2007); 127 S. Ct. 1769 (decided 2007-04-30) (checked through 2026-12)" in out
    assert f"Quote {saucier} in the opinion: Saucier v. Katz, opinion of the Court (Kennedy, J.)" in out
    assert "»Taken in the light most favorable to the party asserting the injury" in out


def _later_quotes(name: str, node_id: str) -> list[Quote]:
    from tutor.scenario.load import load_context
    from tutor.study.quoted import NO_QUOTED
    from tutor.study.said import later

    path = BANK / f"{name}.yaml"
    scenario = load_scenario(path)[0]
    blocks = later(scenario.nodes[node_id].later, load_context(path), NO_QUOTED)
    return [b.quote for b in blocks if b.quote is not None and b.from_doctrine]


def test_sigleys_scott_node_quotes_scott_from_its_text_at_its_reporter_pins() -> None:
    quotes = _later_quotes("sigley-mockler", "today-scott")
    assert [q.pin for q in quotes] == ["127 S. Ct. at 1776", "127 S. Ct. at 1779"]
    assert "blatantly contradicted by the record" in quotes[0].text


def test_reynosos_mistake_node_gives_pearson_quoting_a_dissent_under_later_law() -> None:
    scenario = load_scenario(BANK / "floyd-reynoso.yaml")[0]
    node = scenario.nodes["mistake-placement"]
    assert node.court is None and node.analysis  # the tutor's voice: it does not count for agreement
    assert [n.doctrine for n in node.later] == ["pearson"] and "saucier" in node.doctrine
    (mistake,) = [q for q in _later_quotes("floyd-reynoso", "mistake-placement") if "mistake of fact" in q.text]
    assert (mistake.speaker, mistake.pin) == ("court-quoting", "555 U.S. at 231")
    assert mistake.quoting and "Groh v. Ramirez" in mistake.quoting and "dissenting" in mistake.quoting
    assert "Butz v. Economou" in mistake.quoting


def test_a_later_note_quoting_an_entry_without_quotes_is_warned() -> None:
    from tutor.checker.doctrine_checks import quoted_later_notes
    from tutor.scenario.load import load_context

    path = BANK / "sigley-mockler.yaml"
    scenario, loaded = load_scenario(path)
    context = load_context(path)
    assert list(quoted_later_notes(scenario, loaded, context)) == []
    scott = context.doctrine.entries["scott-v-harris"]
    context.doctrine.entries["scott-v-harris"] = scott.model_copy(update={"quotes": []})
    (problem,) = quoted_later_notes(scenario, loaded, context)
    assert (problem.code, problem.severity) == ("later-unquoted", "warning")
    assert "Scott v. Harris has no quotes" in problem.message
