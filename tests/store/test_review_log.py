"""The review log others can use (fsrs reads it back) and an instructor's fitted FSRS parameters (review uses them)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fsrs import Card, Rating, ReviewLog
from fsrs.scheduler import DEFAULT_PARAMETERS

from tests.store.conftest import RIGHT, T0, clock_at
from tutor.cli import main
from tutor.engine.session import Session
from tutor.paths import Locations
from tutor.scenario.model import Scenario
from tutor.store.progress import ProgressStore
from tutor.store.review import BadParameters, DueCard, ReviewQueue, default_scheduler, node_hash, scheduler_with
from tutor.study.recorder import Attempt, Recorder

DAY = dt.timedelta(days=1)
# FSRS's defaults with the initial stabilities (Again, Hard, Good, Easy) changed: a fixed "fitted" set.
FITTED = [0.5, 5.0, 30.0, 60.0, *DEFAULT_PARAMETERS[4:]]


def play_twice(store: ProgressStore, scenario: Scenario, queue: ReviewQueue) -> None:
    """The court's path with one wrong answer, then a review of every card three days later."""
    for when, answers in ((T0, {**RIGHT, "whose-facts": ["both"]}), (T0 + 3 * DAY, RIGHT)):
        session = Session(scenario, content_hash="h", clock=clock_at(when))
        attempt = store.start_attempt(scenario.id, "h", "tutor", now=when)
        while not session.finished:
            assert session.current_id is not None
            outcome = session.answer(answers[session.current_id])
            store.record_answer(attempt, outcome)
            queue.rate(scenario, outcome, now=when)


def test_the_review_log_reads_back_into_fsrs_and_replays_to_the_stored_cards(mini: Scenario, tmp_path: Path) -> None:
    locations = Locations.resolve()
    with ProgressStore(locations.database) as store:
        queue = ReviewQueue(store)
        play_twice(store, mini, queue)
        stored = {
            (r["node_id"]): Card.from_json(r["card"])
            for r in store.rows("SELECT node_id, card FROM cards WHERE retired_at IS NULL")
        }
        ratings = [r["rating"] for r in store.rows("SELECT rating FROM reviews ORDER BY reviewed_at, id")]
    out = tmp_path / "reviews.jsonl"
    assert main(["export", "--format", "reviews", "-o", str(out)]) == 0
    logs = [ReviewLog.from_dict(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [int(log.rating) for log in logs] == ratings and len(logs) == 2 * len(stored)
    assert logs[0].rating == Rating.Again  # the wrong first answer
    assert {log.review_datetime for log in logs} == {T0, T0 + 3 * DAY}
    by_card: dict[int, list[ReviewLog]] = {}
    for log in logs:
        by_card.setdefault(log.card_id, []).append(log)
    # The frozen clock gave every card FSRS's same id (the first answer's millisecond); the log keeps them apart.
    assert len({card.card_id for card in stored.values()}) == 1
    assert len(by_card) == len(stored) and all(len(reviews) == 2 for reviews in by_card.values())
    # FSRS itself replays each card's log from scratch and lands where the tutor's cards are.
    scheduler = default_scheduler()
    replayed = [scheduler.reschedule_card(Card(card_id=i, due=T0), reviews) for i, reviews in by_card.items()]
    assert sorted((c.due, round(c.stability or 0, 9)) for c in replayed) == sorted(
        (c.due, round(c.stability or 0, 9)) for c in stored.values()
    )


def test_no_reviews_is_an_empty_log_and_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "reviews"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no reviews to export yet" in captured.err


def first_due(locations: Locations, scenario: Scenario, notices: list[str]) -> dt.datetime:
    """Answer the first question right through the study layer's recorder; when its card falls due."""
    recorder = Recorder.at(locations, notices.append)
    recorder.review_time = T0
    session = Session(scenario, content_hash="h", clock=clock_at(T0))
    Attempt(recorder, session).answered(session.answer(RIGHT["whose-facts"]))
    due: list[DueCard] = recorder.queue(lambda queue: queue.due(T0 + 365 * DAY), [])
    recorder.close()
    (card,) = [c for c in due if c.node_id == "whose-facts" and c.node_hash == node_hash(scenario, "whose-facts")]
    return card.due


def write_settings(locations: Locations, settings: object) -> None:
    locations.settings.parent.mkdir(parents=True, exist_ok=True)
    locations.settings.write_text(json.dumps(settings), encoding="utf-8")


def test_review_schedules_with_the_review_parameters_setting(mini: Scenario) -> None:
    default, fitted = Locations.resolve(profile="default-class"), Locations.resolve(profile="fitted-class")
    write_settings(fitted, {"review": {"parameters": FITTED}})
    notices: list[str] = []
    # Good on a new card: the first interval is the Good initial stability at 90% retention.
    assert first_due(default, mini, notices) - T0 == 2 * DAY
    assert first_due(fitted, mini, notices) - T0 == 30 * DAY
    assert notices == []


@pytest.mark.parametrize(
    ("parameters", "said"),
    [
        ([1, 2, 3], "wants a list of 21 numbers"),
        ("fast", "wants a list of 21 numbers"),
        ([*FITTED[:20], "x\x1b[2J"], "review.parameters[20] is 'x\\x1b[2J', not a number"),
        ([*FITTED[:20], float("nan")], "review.parameters[20] is nan, not a number"),
        ([-5.0, *FITTED[1:]], "parameters[0] = -5.0 is out of bounds"),
    ],
)
def test_bad_parameters_are_named_once_and_review_falls_back_to_the_defaults(
    mini: Scenario, parameters: object, said: str
) -> None:
    with pytest.raises(BadParameters, match=r"review\.parameters"):
        scheduler_with(parameters)  # type: ignore[arg-type]
    locations = Locations.resolve(profile="bad-class")
    write_settings(locations, {"review": {"parameters": parameters}})
    notices: list[str] = []
    assert first_due(locations, mini, notices) - T0 == 2 * DAY
    assert len(notices) == 1 and said in notices[0] and "FSRS's default parameters" in notices[0]
    assert "\x1b" not in notices[0]
