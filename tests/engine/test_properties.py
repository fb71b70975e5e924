"""Property tests: any sequence of well-formed answers keeps the engine's invariants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.conftest import load_fixture
from tutor.engine import Session
from tutor.scenario.model import ChoiceNode, FactorsNode

MINI = load_fixture("mini.yaml")


@st.composite
def walks(draw: st.DrawFn) -> Session:
    """Play the mini scenario to its end with arbitrary well-formed answers."""
    session = Session(MINI, seed=draw(st.none() | st.integers(0, 2**31 - 1)))
    while not session.finished:
        node = session.question()
        for _ in range(draw(st.integers(0, 2))):
            session.next_hint()
        if isinstance(node, ChoiceNode):
            ids = [c.id for c in node.choices]
            picks = (
                [draw(st.sampled_from(ids))]
                if node.select == "one"
                else draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
            )
            session.answer(picks)
        elif isinstance(node, FactorsNode):
            scale = [s.id for s in node.scale]
            session.answer({f.id: draw(st.sampled_from(scale)) for f in node.factors})
        else:
            session.answer(draw(st.text(max_size=80)))
    return session


@given(walks())
def test_every_walk_ends_with_scores_in_bounds(session: Session) -> None:
    summary = session.summary()
    assert session.end is not None
    assert 0 <= summary.earned <= summary.possible
    for outcome in session.history:
        assert 0 <= outcome.earned <= outcome.possible + 1e-9
        assert outcome.full_marks == (outcome.earned >= outcome.possible - 1e-9)
    assert summary.agreed <= summary.agreement_counted
    assert len(summary.path) == len(set(summary.path))  # the graph is acyclic


@given(walks())
def test_every_walk_survives_a_save_and_restore(session: Session) -> None:
    restored = Session.from_dict(MINI, session.to_dict())
    assert restored.summary() == session.summary()
