"""The review queue as a walk: due cards become one node-list session per scenario.

A card whose node is no longer a question on its scenario's path (the file was
edited) is retired with a message, so it stops falling due; a scenario gone from
the library keeps its cards for when it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from tutor.engine.session import Session
from tutor.paths import Locations
from tutor.scenario.graph import court_path
from tutor.scenario.problems import ScenarioError
from tutor.store.review import DueCard, ReviewQueue
from tutor.study.playable import load_playable
from tutor.study.recorder import Attempt, Recorder
from tutor.study.walk import Walk


def _retire(queue: ReviewQueue, scenario_id: str, node_id: str, now: dt.datetime | None) -> None:
    queue.retire(scenario_id, node_id, now)


def review_walks(
    recorder: Recorder,
    locations: Locations,
    limit: int | None,
    problems: Callable[[str, ScenarioError], None],
) -> list[Walk]:
    """The walks for every due card, most overdue scenario first.

    Notices (a scenario gone, a card retired) go to `recorder.notify`; a scenario that
    no longer passes the checker goes to `problems`, and its cards wait for a fix.
    """
    from tutor.scenario.bank import find

    cards: list[DueCard] = recorder.queue(lambda queue: queue.due(recorder.review_time, limit=limit), [])
    by_scenario: dict[str, list[str]] = {}
    for card in cards:
        by_scenario.setdefault(card.scenario_id, []).append(card.node_id)
    walks = []
    for scenario_id, due in by_scenario.items():
        try:
            playable = load_playable(find(locations, scenario_id))
        except LookupError:
            recorder.notify(f"{scenario_id} is no longer in the library; its {len(due)} card(s) wait for it.")
            continue
        except ScenarioError as error:
            problems(scenario_id, error)
            continue
        scenario = playable.scenario
        decisions = {n for n in court_path(scenario) if scenario.nodes[n].type != "end"}
        for node_id in dict.fromkeys(n for n in due if n not in decisions):
            retire = partial(_retire, scenario_id=scenario_id, node_id=node_id, now=recorder.review_time)
            recorder.queue(retire, None)
            recorder.notify(f"{node_id} is no longer a question on {scenario_id}'s path; its card is retired.")
        nodes = [n for n in dict.fromkeys(due) if n in decisions]
        if nodes:
            session = Session(scenario, nodes=nodes, content_hash=playable.content_hash)
            walks.append(Walk(playable, session, Attempt(recorder, session, purpose="review")))
    total = sum(len(walk.session.nodes or ()) for walk in walks)
    before = 0
    for walk in walks:  # one count across the whole review: "Review: 9 of 12", not 1 of 4 again
        walk.review_place = (before, total)
        before += len(walk.session.nodes or ())
    return walks
