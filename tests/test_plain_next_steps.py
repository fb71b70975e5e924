"""Plain mode's summary ends as the UI's does: the first review day, then the course's next case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.test_plain import court_answers, play
from tutor.scenario.load import load_scenario
from tutor.store.progress import ProgressStore
from tutor.study.schedule import on_day

SHIPPED = Path(__file__).resolve().parent.parent / "scenarios"


def test_the_plain_summary_names_the_first_review_day_and_the_next_case(tmp_path: Path) -> None:
    scenario = load_scenario(SHIPPED / "pearson.yaml")[0]
    result = play(tmp_path, court_answers(scenario), "pearson")
    assert result.returncode == 0, result.stderr[-2000:]
    rows = ProgressStore(tmp_path / "progress.sqlite3").rows("SELECT due FROM cards ORDER BY due")
    first = dt.datetime.fromisoformat(rows[0]["due"])
    after = result.stdout.split("\nWhat comes next\n")[1]
    assert after.startswith(f"{len(rows)} decision points come back for review, the first on {on_day(first)}.\n")
    assert "Next in the course: Sigley v. City of Parma Heights: Detective Mockler (sigley-mockler)." in after


def test_the_plain_chooser_lists_cases_in_course_order_and_the_course_leaves_out_come_last(tmp_path: Path) -> None:
    result = play(tmp_path, ["q"])
    listing = result.stdout.split("Which scenario?")[0].splitlines()
    assert listing[0].startswith("The library, in the order of the course: ")
    assert listing[1:3] == [
        "Tennessee v. Garner, 471 U.S. 1 (1985)",
        listing[2],
    ] and listing[2].startswith("  1. deadly force against a fleeing felon [garner] · ")
    assert listing[-2:] == ["Roe v. Doe, 1 F.5th 9 (13th Cir. 2030)", listing[-1]]
    assert listing[-1].startswith("  12. Officer Doe [mini-roe] · 5-6 questions · not started")
