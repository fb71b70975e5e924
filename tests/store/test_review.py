"""Spaced review with an injected clock: ratings come from what happened, cards from the court's path."""

from __future__ import annotations

import datetime as dt

from fsrs import Rating

from tests.store.conftest import RIGHT, T0, clock_at
from tutor.engine.session import Session
from tutor.store.review import ReviewQueue, node_hash, rating_for

WEEK = dt.timedelta(days=7)


def answer(store, queue, session, attempt, response, now, hints=None):
    outcome = session.answer(response, hints_used=hints)
    store.record_answer(attempt, outcome)
    queue.rate(session.scenario, outcome, now=now)
    return outcome


def test_ratings_follow_the_rules(mini):
    session = Session(mini)
    assert rating_for(session.answer(["officer"])) == Rating.Again
    session = Session(mini)
    assert rating_for(session.answer(["plaintiff"])) == Rating.Good
    assert rating_for(session.answer(RIGHT["graham"], hints_used=1)) == Rating.Hard
    half = session.answer(["no-threat", "right", "liable"])  # two right, one wrong: half the points
    assert half.earned == half.possible / 2 and rating_for(half) == Rating.Hard
    short = session.answer("He had a right not to be shot.")  # one rubric item of three
    assert rating_for(short) == Rating.Again
    raised = session.correct_short("state-right", ["unarmed", "no-threat", "shot"])
    assert raised.full_marks and rating_for(raised) == Rating.Hard  # corrected upward: never Good
    hinted_failure = Session(mini)
    assert rating_for(hinted_failure.answer(["both"], hints_used=2)) == Rating.Again  # a failure is never Hard


def test_answer_quit_come_back_a_week_later_resume_and_review(store, mini):
    queue = ReviewQueue(store)
    session = Session(mini, content_hash="h", clock=clock_at(T0))
    attempt = store.start_attempt(mini.id, "h", "tutor", now=T0)
    answer(store, queue, session, attempt, ["plaintiff"], T0)  # Good
    answer(store, queue, session, attempt, {**RIGHT["graham"], "flight": "officer"}, T0)  # half: Hard
    store.close()  # quit

    later = T0 + WEEK
    saved = store.resumable(mini.id)
    session = Session.from_dict(mini, saved.state)
    assert session.current_id == "claims"
    due = queue.due(now=later)
    assert {c.node_id for c in due} == {"graham", "whose-facts"}
    assert queue.count_due(now=T0) == 0 and queue.count_due(now=later) == 2
    for node in ("claims", "state-right", "today"):
        answer(store, queue, session, saved.attempt_id, RIGHT[node], later)
    store.finish_attempt(saved.attempt_id, now=later)
    assert queue.count_due(now=later) == 2  # the new cards are not due yet; last week's are

    review = Session(mini, nodes=[c.node_id for c in due], clock=clock_at(later))
    attempt = store.start_attempt(mini.id, "h", "tutor", nodes=review.nodes, purpose="review", now=later)
    while not review.finished:
        answer(store, queue, review, attempt, RIGHT[review.current_id], later)
    store.finish_attempt(attempt, now=later)
    assert queue.count_due(now=later) == 0
    assert queue.next_due() > later
    assert store.resumable(mini.id) is None  # a review attempt is never offered as a resume
    assert queue.count_due(now=later + 4 * WEEK) == 5  # every court-path question comes back eventually


def test_only_court_path_nodes_with_points_are_cards(store, mini):
    queue = ReviewQueue(store)
    session = Session(mini)
    attempt = store.start_attempt(mini.id, "h", "tutor")
    assert answer(store, queue, session, attempt, ["officer"], T0).next_id == "officer-branch"
    outcome = session.answer(["credibility"])
    assert queue.rate(mini, outcome, now=T0) is None
    assert {c.node_id for c in queue.due(now=T0 + WEEK)} == {"whose-facts"}


def test_a_correction_replaces_the_rating_instead_of_reviewing_twice(store, mini):
    queue = ReviewQueue(store)
    session = Session(mini, nodes=["state-right"])
    outcome = session.answer("He had a right not to be shot.")
    assert queue.rate(mini, outcome, now=T0) == Rating.Again
    first_due = queue.due(now=T0 + WEEK)[0].due
    fixed = session.correct_short("state-right", ["unarmed", "no-threat", "shot"])
    assert queue.rate(mini, fixed, now=T0 + dt.timedelta(minutes=1)) == Rating.Hard
    assert store.rows("SELECT rating FROM reviews")[0]["rating"] == Rating.Hard
    assert len(store.rows("SELECT * FROM reviews")) == 1
    assert queue.due(now=T0 + WEEK)[0].due >= first_due
    assert queue.rate(mini, fixed, now=T0 + dt.timedelta(minutes=2)) == Rating.Hard  # a repeated call
    assert len(store.rows("SELECT * FROM reviews")) == 1


def test_a_changed_node_starts_a_new_card_and_retires_the_old(store, mini):
    queue = ReviewQueue(store)
    queue.rate(mini, Session(mini).answer(["officer"]), now=T0)
    node = mini.nodes["whose-facts"].model_copy(update={"prompt": "Whose account counts here?"})
    edited = mini.model_copy(update={"nodes": {**mini.nodes, "whose-facts": node}})
    assert node_hash(edited, "whose-facts") != node_hash(mini, "whose-facts")
    queue.rate(edited, Session(edited).answer(["plaintiff"]), now=T0)
    (card,) = queue.due(now=T0 + WEEK)
    assert card.node_hash == node_hash(edited, "whose-facts")
    assert len(store.rows("SELECT * FROM cards")) == 2  # the old card is kept, retired


def test_a_node_gone_from_its_scenario_can_be_retired(store, mini):
    queue = ReviewQueue(store)
    queue.rate(mini, Session(mini).answer(["officer"]), now=T0)
    queue.retire("mini-roe", "whose-facts", now=T0)
    assert queue.due(now=T0 + WEEK) == [] and queue.next_due() is None
    assert len(store.rows("SELECT * FROM cards WHERE retired_at IS NOT NULL")) == 1
