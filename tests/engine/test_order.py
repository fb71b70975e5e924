"""Choices are shown in an order drawn per attempt from a seed kept with the attempt.

The same attempt, resumed or replayed, shows the same order; a new attempt, retry or
review draws a new seed; answers are recorded by choice id; a node may keep file order
(`shuffle: false`); an attempt saved before seeds plays in file order; `--seed`,
`QI_TUTOR_SEED` and `--no-shuffle` fix or turn off the shuffle.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tutor import seeds
from tutor.engine.session import Session, court_response
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode, Scenario
from tutor.store.progress import ProgressStore

QI_TUTOR = Path(sys.executable).parent / "qi-tutor"


@pytest.fixture(scope="module")
def mockler() -> Scenario:
    return load_scenario(REPO / "scenarios" / "sigley-mockler.yaml")[0]


def orders(scenario: Scenario, seed: int | None) -> dict[str, list[str]]:
    session = Session(scenario, seed=seed)
    return {n: session.choice_order(n) for n, node in scenario.nodes.items() if isinstance(node, ChoiceNode)}


def file_orders(scenario: Scenario) -> dict[str, list[str]]:
    return {n: [c.id for c in node.choices] for n, node in scenario.nodes.items() if isinstance(node, ChoiceNode)}


def test_a_seed_gives_one_order_and_another_seed_another(mockler: Scenario) -> None:
    assert orders(mockler, 11) == orders(mockler, 11)
    assert orders(mockler, 11) != orders(mockler, 12)
    assert orders(mockler, 11) != file_orders(mockler)
    assert orders(mockler, None) == file_orders(mockler)
    for node_id, ids in orders(mockler, 11).items():
        assert sorted(ids) == sorted(file_orders(mockler)[node_id])


def test_the_right_answer_moves_between_attempts(mockler: Scenario) -> None:
    node_id = next(n for n, node in mockler.nodes.items() if isinstance(node, ChoiceNode) and len(node.choices) > 2)
    node = mockler.nodes[node_id]
    assert isinstance(node, ChoiceNode)
    right = next(c.id for c in node.choices if c.correct)
    places = {Session(mockler, seed=seed).choice_order(node_id).index(right) for seed in range(30)}
    assert len(places) > 1


def test_a_node_may_keep_file_order(mockler: Scenario) -> None:
    node_id = next(n for n, node in mockler.nodes.items() if isinstance(node, ChoiceNode))
    pinned = mockler.model_copy(deep=True)
    node = pinned.nodes[node_id]
    assert isinstance(node, ChoiceNode)
    node.shuffle = False
    assert all(Session(pinned, seed=s).choice_order(node_id) == [c.id for c in node.choices] for s in range(10))


def test_the_question_shows_the_order_and_the_answer_is_kept_by_id_in_file_order(mockler: Scenario) -> None:
    session = Session(mockler, seed=5)
    while not isinstance(session.question(), ChoiceNode) or session.question().select != "many":  # type: ignore[union-attr]
        session.answer(court_response(session.question()))
    shown = session.question()
    assert isinstance(shown, ChoiceNode)
    node_id = session.current_id or ""
    assert [c.id for c in shown.choices] == session.choice_order()
    picks = list(reversed(court_response(shown)))
    outcome = session.answer(picks)
    in_file = [c.id for c in mockler.nodes[node_id].choices]  # type: ignore[union-attr]
    assert outcome.response == sorted(picks, key=in_file.index)
    assert outcome.shown_order == tuple(session.choice_order(node_id))
    assert outcome.full_marks


def test_resume_and_replay_keep_the_order_and_an_old_state_plays_in_file_order(mockler: Scenario) -> None:
    session = Session(mockler, seed=99)
    for _ in range(3):
        session.answer(court_response(session.question()))
    state = session.to_dict()
    restored = Session.from_dict(mockler, state)
    assert restored.seed == 99 and orders(mockler, restored.seed) == orders(mockler, 99)
    assert [o.shown_order for o in restored.history] == [o.shown_order for o in session.history]
    old = {k: v for k, v in state.items() if k != "seed"}
    assert Session.from_dict(mockler, old).seed is None


def test_each_new_session_draws_a_new_seed_unless_one_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(DATA / "bank" / "mini.yaml")[0]
    monkeypatch.delenv(seeds.SEED_ENV)
    assert len({Session(scenario).seed for _ in range(20)}) > 1
    monkeypatch.setenv(seeds.SEED_ENV, "42")
    assert {Session(scenario).seed for _ in range(5)} == {42}
    monkeypatch.setenv(seeds.SEED_ENV, "off")
    assert Session(scenario).seed is None
    try:
        seeds.configure(seed=7)
        assert Session(scenario).seed == 7
        seeds.configure(shuffle=False)
        monkeypatch.setenv(seeds.SEED_ENV, "42")
        assert Session(scenario).seed is None
    finally:
        seeds.configure()
    monkeypatch.setenv(seeds.SEED_ENV, "seven")
    with pytest.raises(ValueError, match="QI_TUTOR_SEED"):
        Session(scenario)


def test_the_store_keeps_the_seed_and_a_resumed_attempt_shows_the_same_order(tmp_path: Path) -> None:
    scenario = load_scenario(DATA / "bank" / "mini.yaml")[0]
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        session = Session(scenario, seed=1234)
        attempt = store.start_attempt(scenario.id, "hash", "tutor", seed=session.seed)
        store.record_answer(attempt, session.answer(court_response(session.question())))
        saved = store.resumable(scenario.id)
        assert saved is not None
        assert Session.from_dict(scenario, saved.state).seed == 1234
        older = store.start_attempt(scenario.id, "hash", "tutor")  # as an attempt saved before seeds
        unseeded = Session(scenario, seed=None)
        store.record_answer(older, unseeded.answer(court_response(unseeded.question())))
        saved = store.resumable(scenario.id)
        assert saved is not None and saved.attempt_id == older
        assert Session.from_dict(scenario, saved.state).seed is None


def _plain(data_dir: Path, *args: str, seed_env: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env["QI_TUTOR_DATA_DIR"] = str(data_dir)
    if seed_env is None:
        env.pop(seeds.SEED_ENV, None)
    else:
        env[seeds.SEED_ENV] = seed_env
    result = subprocess.run(
        [str(QI_TUTOR), "play", "--plain", *args, "sigley-mockler"],
        input="",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    return result.stdout


def _first_choices(out: str, node: ChoiceNode) -> list[str]:
    by_text = {" ".join(c.text.split())[:40]: c.id for c in node.choices}
    flat = " ".join(out.split())
    return sorted(by_text.values(), key=lambda i: flat.find(next(t for t, j in by_text.items() if j == i)))


def test_seed_and_no_shuffle_on_the_command_line(tmp_path: Path, mockler: Scenario) -> None:
    node = mockler.nodes[mockler.start]
    assert isinstance(node, ChoiceNode)
    seeded = Session(mockler, seed=3).choice_order(mockler.start)
    assert seeded != [c.id for c in node.choices]
    assert _first_choices(_plain(tmp_path / "a", "--seed", "3"), node) == seeded
    assert _first_choices(_plain(tmp_path / "b", seed_env="3"), node) == seeded
    assert _first_choices(_plain(tmp_path / "c", "--no-shuffle", seed_env="3"), node) == [c.id for c in node.choices]
