"""Stats from real stored answers: per scenario, per step, misconceptions, and the trend window."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.store.conftest import RIGHT, T0, play
from tests.store.test_export import WRONG
from tutor.store import stats


def test_no_answers_means_empty_stats_and_no_file(store, db_path):
    assert stats.compute(store).empty and not db_path.exists()


def test_scores_steps_and_misconceptions(store, mini):
    play(store, mini, WRONG, when=T0)
    play(store, mini, RIGHT, when=T0 + dt.timedelta(days=1))
    play(store, mini, WRONG, when=T0 + dt.timedelta(days=2), finish=False, stop_after=2)  # unfinished: no score
    found = stats.compute(store, {"officer-version-controls": "Taking the officer's account"})
    (scenario,) = found.scenarios
    assert (scenario.attempts, scenario.finished, scenario.best, scenario.latest) == (3, 2, 1.0, 1.0)
    assert scenario.last_played.startswith((T0 + dt.timedelta(days=2)).date().isoformat())
    steps = {s.step: s for s in found.steps}
    assert (steps["facts-standard"].answered, steps["facts-standard"].full_marks) == (3, 1)
    assert steps["graham-threat"].miss_rate == pytest.approx(2 / 3)
    assert [s.step for s in found.steps][:2] == ["facts-standard", "violation"]  # the court's order
    weakest = found.weakest()
    assert weakest.step in {"facts-standard", "graham-threat"} and weakest.miss_rate == pytest.approx(2 / 3)
    top = found.misconceptions[0]
    assert (top.key, top.label, top.count) == ("officer-version-controls", "Taking the officer's account", 2)
    assert [p.day for p in found.trend] == [(T0 + dt.timedelta(days=d)).date().isoformat() for d in range(3)]
    assert found.to_dict()["steps"][0]["accuracy"] == round(1 / 3, 4)


def test_the_trend_shows_the_last_fourteen_days_with_answers(store, mini):
    for day in range(20):
        play(store, mini, RIGHT if day % 2 else WRONG, when=T0 + dt.timedelta(days=3 * day), stop_after=1)
    trend = stats.compute(store).trend
    assert len(trend) == stats.TREND_DAYS
    assert trend[0].day == (T0 + dt.timedelta(days=3 * 6)).date().isoformat()
    assert trend[-1].day == (T0 + dt.timedelta(days=3 * 19)).date().isoformat()
    assert [p.accuracy for p in trend[:2]] == [0.0, 1.0]


def test_a_cut_list_of_misconceptions_says_how_many_it_keeps_of_how_many(store, mini, monkeypatch):
    play(store, mini, {**WRONG, "today": ["must"]})  # two misconceptions hit
    hit = {key for row in store.rows("SELECT misconceptions FROM answers") for key in json.loads(row[0])}
    assert len(hit) >= 2
    assert stats.compute(store).misconceptions_cut() is None  # all shown
    monkeypatch.setattr(stats, "TOP_MISCONCEPTIONS", 1)
    found = stats.compute(store)
    assert len(found.misconceptions) == 1 and found.misconceptions_cut() == f"1 of {len(hit)}"
