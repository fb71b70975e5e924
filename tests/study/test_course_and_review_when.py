"""The course as the front ends use it (order, the next case) and the day a walk's decision points come back.

Every walk here runs against a real SQLite store through the study layer's recorder.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor.engine.session import Session, court_response
from tutor.paths import Locations
from tutor.scenario.bank import LibraryEntry, read_library
from tutor.store.progress import ProgressStore
from tutor.store.review import ReviewQueue
from tutor.study.library import by_case, next_in_course, part
from tutor.study.next_steps import next_steps
from tutor.study.playable import load_playable
from tutor.study.recorder import Attempt, Recorder
from tutor.study.schedule import comes_back, on_day, review_line
from tutor.study.walk import Walk

SHIPPED = REPO / "scenarios"
MINI = DATA / "bank" / "mini.yaml"


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[list[LibraryEntry], Locations]:
    monkeypatch.setattr("tutor.paths.bundled_bank", lambda: SHIPPED)
    locations = Locations(data_dir=tmp_path / "data")
    return read_library(locations)[0], locations


def walk_with_misses(recorder: Recorder, path: Path) -> Walk:
    """The court's path with every other question answered wrongly (the first choice that is not the court's)."""
    playable = load_playable(path)
    session = Session(playable.scenario, content_hash=playable.content_hash)
    walk = Walk(playable, session, Attempt(recorder, session))
    while not session.finished:
        node = session.question()
        response = court_response(node)
        if len(session.history) % 2 == 0 and node.type == "choice":
            response = [next(c.id for c in node.choices if c.id not in response)]
        walk.attempt.answered(session.answer(response))
    walk.attempt.finish()
    return walk


def test_the_shipped_course_lists_every_shipped_scenario_once(shipped: tuple[list[LibraryEntry], Locations]) -> None:
    entries, locations = shipped
    course = read_library(locations)[1]
    assert sorted(stop.id for stop in course.stops) == sorted(e.id for e in entries if e.id)
    assert course.problems == ()
    assert [stop.id for stop in course.stops[:6]] == ["garner", "graham", "saucier", "brosseau", "scott", "pearson"]


def test_the_library_groups_cases_in_course_order(shipped: tuple[list[LibraryEntry], Locations]) -> None:
    entries, locations = shipped
    course = read_library(locations)[1]
    groups = by_case(reversed(entries), course)  # the files' order does not matter, the course's does
    assert [g.name for g in groups][:2] == ["Tennessee v. Garner", "Graham v. Connor"]
    floyd = next(g for g in groups if g.name == "Floyd v. City of Detroit")
    assert [e.id for e in floyd.entries] == ["floyd-quaine", "floyd-reynoso", "floyd-city"]
    assert part(floyd.entries[0]) == "Officer Quaine (the shot that missed)"


def test_each_summary_names_the_case_that_comes_next(shipped: tuple[list[LibraryEntry], Locations]) -> None:
    entries, locations = shipped
    course = read_library(locations)[1]
    said = next_in_course(course, entries, "garner")
    assert said is not None and said.startswith("Next in the course: Graham v. Connor: which standard governs")
    assert said.endswith(f"Why it comes next: {course.why('graham')}")
    assert next_in_course(course, entries, course.stops[-1].id) == "This is the last case in the course."
    assert next_in_course(course, entries, "not-in-the-course") is None


def test_an_instructors_course_comes_first_and_reorders_the_shipped_scenarios(
    shipped: tuple[list[LibraryEntry], Locations], tmp_path: Path
) -> None:
    _, locations = shipped
    bank = tmp_path / "mine"
    bank.mkdir()
    course_file = 'format: 1\ntitle: Mine\nscenarios:\n  - {id: pearson, why: "First, here."}\n'
    (bank / "course.yaml").write_text(course_file, encoding="utf-8")
    course = read_library(Locations(data_dir=locations.data_dir, extra_banks=(bank,)))[1]
    assert course.title == "Mine" and course.stops[0].id == "pearson" and course.position("garner") == 2
    assert [s.id for s in course.stops].count("pearson") == 1


def test_a_broken_course_is_reported_and_the_library_still_lists_every_scenario(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(DATA / "bank", bank)
    (bank / "course.yaml").write_text("format: 1\nscenarios: []\n", encoding="utf-8")
    entries, course = read_library(Locations(data_dir=tmp_path / "data", extra_banks=(bank,)))
    assert any(e.id == "mini-roe" for e in entries)
    assert [p.path.name for p in course.problems] == ["course.yaml"]
    again = read_library(Locations(data_dir=tmp_path / "data", extra_banks=(bank,)))[1]  # from the index
    assert again.problems == course.problems


def test_after_a_walk_with_misses_the_first_review_day_is_named(tmp_path: Path) -> None:
    locations = Locations(data_dir=tmp_path)
    recorder = Recorder.at(locations, lambda message: pytest.fail(message))
    walk = walk_with_misses(recorder, MINI)
    assert any(not o.full_marks for o in walk.session.history)
    with ProgressStore(locations.database) as store:
        rows = store.rows("SELECT due FROM cards WHERE scenario_id = 'mini-roe' AND retired_at IS NULL ORDER BY due")
    first = dt.datetime.fromisoformat(rows[0]["due"])
    assert first > dt.datetime.now(dt.UTC)  # a missed point comes back a day or more later, not "now"
    said = comes_back(walk)
    assert said == f"{len(rows)} decision points come back for review, the first on {on_day(first)}."
    blocks = next_steps(walk, None, [])
    assert [b.lines for b in blocks] == [["What comes next"], [said]]
    assert (
        review_line(recorder)
        == f"Review: nothing due now; {len(rows)} decision points are scheduled, the next on {on_day(first)}"
    )
    recorder.review_time = first + dt.timedelta(minutes=1)
    assert review_line(recorder).startswith("Review: 1 decision point due now (")
    recorder.close()


def test_on_day_names_the_day_in_words() -> None:
    noon = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
    assert on_day(noon) in ("2 December 2026", "1 December 2026", "3 December 2026")  # the local day
    assert on_day(noon).endswith("December 2026")


def test_a_fresh_store_says_nothing_is_scheduled(tmp_path: Path) -> None:
    recorder = Recorder.at(Locations(data_dir=tmp_path), lambda message: pytest.fail(message))
    assert review_line(recorder) == "Review: nothing scheduled yet; play a scenario first"
    assert ReviewQueue(ProgressStore(tmp_path / "x.sqlite3")).count_scheduled() == 0
    assert not (tmp_path / "x.sqlite3").exists()  # reading creates nothing


def test_a_review_across_scenarios_counts_its_questions_once_through(
    shipped: tuple[list[LibraryEntry], Locations],
) -> None:
    """Review heads run on across scenarios ("Review: 9 of 12"), not from 1 again at each."""
    from tutor.study.review import review_walks

    _, locations = shipped
    recorder = Recorder.at(locations, lambda message: pytest.fail(message))
    for name in ("garner", "scott"):
        walk_with_misses(recorder, SHIPPED / f"{name}.yaml")
    recorder.review_time = dt.datetime.now(dt.UTC) + dt.timedelta(days=3650)  # every card due
    walks = review_walks(recorder, locations, None, lambda scenario_id, error: pytest.fail(str(error)))
    sizes = [len(w.session.nodes or ()) for w in walks]
    assert len(walks) == 2 and all(sizes)
    total = sum(sizes)
    assert [w.progress() for w in walks] == [f"Review: 1 of {total}", f"Review: {sizes[0] + 1} of {total}"]
    first = walks[0]
    while not first.session.finished:
        here = first.progress()
        first.session.answer(court_response(first.session.question()))
    assert here == f"Review: {sizes[0]} of {total}"  # the first scenario's last question
    recorder.close()
