"""Short answers written by someone who knows no law earn under 40% of the court's-path score.

Every shipped scenario, and every scenario added later, is played along the court's
path through the real engine. At each `short` node the court's path gives the model
answer (full marks); each strategy below answers the same node instead. The measure,
per scenario and strategy, is the strategy's automatic marks summed over the short
nodes it answers, divided by the court's path's score on those same nodes (the other
nodes are not counted on either side). It must be under 0.4.

- the prompt pasted back;
- every fact tab pasted (background, undisputed facts, each account, witnesses, disputes);
- every choice text and all feedback shown so far on the walk (choices, feedback, the
  court's holding, reasoning and quotes, the tutor's analysis) pasted;
- the model answer with each rubric phrase negated: "not" put before a phrase no
  negator governs, and the negators governing one removed.

The two pastes are also tried cut to their first and to their last words under the
node's `max_words`, so that the length cap is not the only thing that stops them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tutor.engine.rubric import read
from tutor.engine.scoring import score_node
from tutor.engine.session import Outcome, Session, court_response
from tutor.paths import bundled_bank
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_scenario
from tutor.scenario.model import ChoiceNode, Scenario, ShortNode

LIMIT = 0.4
Strategy = Callable[[Scenario, ShortNode, list[Outcome]], str]


def shipped() -> list[Scenario]:
    files = bank_files(bundled_bank())
    return [load_scenario(path)[0] for path in files]


def prompt_pasted(_scenario: Scenario, node: ShortNode, _shown: list[Outcome]) -> str:
    return node.prompt


def fact_tabs_pasted(scenario: Scenario, _node: ShortNode, _shown: list[Outcome]) -> str:
    facts = scenario.facts
    parts = [facts.background, *facts.undisputed, *(f"{v.label}. {v.text}" for v in facts.versions)]
    parts += [f"{w.name}. {w.text}" for w in facts.witnesses]
    parts += [f"{d.point} {d.plaintiff} {d.defendant}" for d in facts.disputes]
    return "\n".join(parts)


def everything_shown_pasted(scenario: Scenario, _node: ShortNode, shown: list[Outcome]) -> str:
    parts: list[str] = []
    for outcome in shown:
        node = scenario.nodes[outcome.node_id]
        if isinstance(node, ChoiceNode):
            parts += [c.text for c in node.choices]
        parts += [f"{f.label}. {f.text}" for f in outcome.feedback]
        if outcome.court is not None:
            court = outcome.court
            parts += [court.holding or "", court.reasoning or "", court.note or "", *(q.text for q in court.quotes)]
        parts.append(outcome.analysis or "")
    return "\n".join(p for p in parts if p)


_TOKEN = re.compile(r"[0-9A-Za-z]+(?:['\u2019][0-9A-Za-z]+)*|[,;:.!?]")
_BREAKS = frozenset(",;:.!?")


def model_answer_negated(_scenario: Scenario, node: ShortNode, _shown: list[Outcome]) -> str:
    phrases = sorted({read(p).words for item in node.rubric for p in item.any}, key=len, reverse=True)
    tokens = _TOKEN.findall(node.model_answer)
    out: list[tuple[str, bool]] = []  # each token, and whether the model answer wrote it (not this strategy)
    at = 0
    while at < len(tokens):
        words = read(" ".join(tokens[at : at + 12])).words
        found = None if tokens[at] in _BREAKS else next((p for p in phrases if words[: len(p)] == p), None)
        if found is None:
            out.append((tokens[at], True))
            at += 1
            continue
        start = max((n + 1 for n, (t, _) in enumerate(out) if t in _BREAKS or t.lower() == "but"), default=0)
        governing = {n for n in range(start, len(out)) if out[n][1] and any(read(out[n][0]).negators)}
        if governing:
            out = [token for n, token in enumerate(out) if n not in governing]
        else:
            out.append(("not", False))
        out += [(t, True) for t in tokens[at : at + len(found)]]
        at += len(found)
    return " ".join(t for t, _ in out)


STRATEGIES: dict[str, Strategy] = {
    "the prompt pasted back": prompt_pasted,
    "every fact tab pasted": fact_tabs_pasted,
    "every choice text and feedback shown so far pasted": everything_shown_pasted,
    "the model answer with each rubric phrase negated": model_answer_negated,
}


def within_the_cap(paste: Strategy, end: str) -> Strategy:
    """The paste cut to the first or last words under the node's max_words: the cap must not be the only defence."""

    def cut(scenario: Scenario, node: ShortNode, shown: list[Outcome]) -> str:
        words = paste(scenario, node, shown).split()
        keep = node.max_words - 10
        return " ".join(words[:keep] if end == "first" else words[-keep:])

    return cut


for _name in ("every fact tab pasted", "every choice text and feedback shown so far pasted"):
    for _end in ("first", "last"):
        STRATEGIES[f"{_name}, its {_end} words within max_words"] = within_the_cap(STRATEGIES[_name], _end)


def strategy_share(scenario: Scenario, strategy: Strategy) -> tuple[float, float]:
    """The strategy's automatic marks on the court's path's short nodes, and the court's path's score there."""
    session = Session(scenario)
    earned = court = 0.0
    while not session.finished:
        node = session.question()
        if isinstance(node, ShortNode):
            earned += score_node(node, strategy(scenario, node, list(session.history))).earned
            court += score_node(node, node.model_answer).earned
        session.answer(court_response(node))
    return earned, court


SCENARIOS = shipped()
WITH_SHORT = [s for s in SCENARIOS if any(isinstance(n, ShortNode) for n in s.nodes.values())]


def test_the_shipped_bank_has_short_nodes_to_try() -> None:
    assert len(WITH_SHORT) >= 3


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@pytest.mark.parametrize("scenario", WITH_SHORT, ids=lambda s: s.id)
def test_a_strategy_that_knows_no_law_earns_under_40_percent(scenario: Scenario, name: str) -> None:
    earned, court = strategy_share(scenario, STRATEGIES[name])
    assert court > 0, f"{scenario.id}: the court's path meets no short node"
    assert earned / court < LIMIT, f"{scenario.id}: {name!r} earns {earned:g} of the court's path's {court:g}"


def test_negating_the_model_answer_flips_what_it_says() -> None:
    """The strategy is a real negation: the Reynoso model answer loses its 'no muzzle flash' and gains a 'not'."""
    (reynoso,) = [s for s in SCENARIOS if s.id == "floyd-reynoso"]
    node = reynoso.nodes["state-the-test"]
    assert isinstance(node, ShortNode)
    negated = model_answer_negated(reynoso, node, [])
    assert "saw muzzle flash" in negated and "not objectively reasonable" in negated
