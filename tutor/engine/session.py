"""A walk through one scenario: which node is current, what was answered, what it earned.

`Session(scenario)` walks the whole tree from `start`; `Session(scenario, nodes=[...])`
walks a fixed list of nodes (spaced review, retrying mistakes). Every answer returns an
`Outcome`: what the student earned, whether they agreed with the court, the feedback
for what they chose, what the court did, and where the walk goes next. A session's
`seed` sets the order its choice questions are shown in (`tutor.engine.order`):
`question()` returns a choice node with its choices in that order, and answers are
kept by choice id. State serialises to JSON as the seed and the answers given, and is
restored by replaying them, so a restored session can never disagree with the engine
that scored it, nor show its choices in another order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from tutor import marks
from tutor.engine.order import choice_order
from tutor.engine.scoring import score_node, short_earned
from tutor.scenario.graph import court_path, next_node
from tutor.scenario.model import (
    ChoiceNode,
    Court,
    EndNode,
    FactorsNode,
    LaterNote,
    Scenario,
    ShortNode,
)
from tutor.seeds import new_seed

Mode = Literal["tutor", "exam"]
QuestionNode = ChoiceNode | FactorsNode | ShortNode
STATE_FORMAT = 1  # "seed" was added without a new format: a state without one plays in file order


class AnswerError(ValueError):
    """A response that does not fit the current node (an unknown choice id, say)."""


@dataclass(frozen=True)
class Feedback:
    """What the student is told about one choice, factor row or rubric item."""

    item_id: str
    label: str
    text: str
    chosen: bool  # picked by the student (choice), or met by the answer (rubric)
    correct: bool  # the student was right on this item
    expected: str | None = None  # factors: the court's answer; short: None
    practice: bool = False  # factors: a row the court did not weigh


@dataclass(frozen=True)
class Outcome:
    """What one answer earned and everything said about it: scores, agreement, feedback items,
    the court's block, later law, and where the walk goes next. Immutable: a correction
    of a short answer's mark makes a new one."""

    node_id: str
    step: str
    kind: str
    response: Any
    earned: float
    possible: float
    full_marks: bool
    auto_earned: float  # short answers: the automatic mark, before the student's correction
    counts_for_agreement: bool
    feedback: tuple[Feedback, ...]
    misconceptions: tuple[str, ...]
    hints_used: int
    next_id: str | None
    court: Court | None
    analysis: str | None
    later: tuple[LaterNote, ...]
    by_step: Mapping[str, tuple[float, float]]
    answered_at: str
    corrected: tuple[str, ...] | None = None  # short answers: the rubric items the student says they met
    # Short answers: why the automatic mark is none and the answer goes to the student's own marking
    # (it meets a contradiction of the holding, or is too long to mark by keywords); None when it stands.
    marking_note: str | None = None
    # Choice questions: the choice ids in the order they were shown (position N on screen is shown_order[N-1]).
    shown_order: tuple[str, ...] = ()

    @property
    def agreed(self) -> bool | None:
        """Agreement with the court, judged on the automatic mark; None when not counted."""
        if not self.counts_for_agreement:
            return None
        return marks.full(self.auto_earned, self.possible)


def counts_for_agreement(node: QuestionNode) -> bool:
    """Only points the court actually decided, in its own voice, measure agreement with it."""
    return node.step != "today" and node.court is not None and node.court.status == "decided" and node.points > 0


@dataclass
class StepScore:
    earned: float = 0.0
    possible: float = 0.0
    answered: int = 0
    full_marks: int = 0


@dataclass
class Summary:
    """A walk's totals: points, by step, agreement with the court, both paths, the misses, the end reached."""

    earned: float
    possible: float
    by_step: dict[str, StepScore]
    agreed: int
    agreement_counted: int
    path: list[str]
    court_path: list[str]
    missed: list[Outcome]
    end: EndNode | None


def saved_answer(
    node_id: str, response: Any, hints_used: int, corrected: Sequence[str] | None, answered_at: str
) -> dict[str, Any]:
    """One answer as a saved state holds it: the one definition, which the store reads back."""
    return {
        "node": node_id,
        "response": response,
        "hints_used": hints_used,
        "corrected": list(corrected) if corrected is not None else None,
        "answered_at": answered_at,
    }


def saved_state(
    scenario_id: str,
    content_hash: str,
    mode: str,
    nodes: Sequence[str] | None,
    answers: list[dict[str, Any]],
    seed: int | None,
) -> dict[str, Any]:
    """A walk as JSON: the answers given, replayed by `Session.from_dict` (format `STATE_FORMAT`)."""
    return {
        "format": STATE_FORMAT,
        "scenario": scenario_id,
        "content_hash": content_hash,
        "mode": mode,
        "nodes": None if nodes is None else list(nodes),
        "seed": seed,
        "answers": answers,
    }


def _fixed(stamp: str) -> Callable[[], str]:
    """A clock stopped at `stamp`: a replayed answer keeps the time it was first given."""
    return lambda: stamp


def _utc_now() -> str:
    # Milliseconds: answers given in the same second by a class must still be ordered apart.
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def court_response(node: QuestionNode) -> Any:
    """The answer the court's holding gives at `node` (the model answer for `short`)."""
    if isinstance(node, ChoiceNode):
        return [c.id for c in node.choices if c.correct]
    if isinstance(node, FactorsNode):
        return {f.id: f.answer for f in node.factors}
    return node.model_answer


@dataclass
class Session:
    """A walk through one scenario (the tree from `start`, or a fixed list of nodes), one answer at a time.

    Its state is the answers given: `to_dict` saves them and `from_dict` replays them,
    so a resumed walk can never disagree with the engine that scored it.
    """

    scenario: Scenario
    mode: Mode = "tutor"
    nodes: list[str] | None = None  # a fixed list to walk instead of the tree
    content_hash: str = ""
    clock: Callable[[], str] = _utc_now
    history: list[Outcome] = field(default_factory=list)
    current_id: str | None = None
    hints_shown: int = 0
    # The attempt's seed for the order choices are shown in (`tutor.engine.order`); None: file order.
    seed: int | None = field(default_factory=new_seed)
    _shown: dict[str, ChoiceNode] = field(default_factory=dict, repr=False, compare=False)  # per node, as shown

    def __post_init__(self) -> None:
        if self.nodes is not None:
            unknown = [n for n in self.nodes if n not in self.scenario.nodes]
            if unknown:
                raise AnswerError(f"no such node in {self.scenario.id}: {', '.join(unknown)}")
            self.current_id = self.nodes[0] if self.nodes else None
        elif self.current_id is None:
            self.current_id = self.scenario.start

    # --- where the walk stands ---------------------------------------------------

    @property
    def current(self) -> QuestionNode | EndNode | None:
        return None if self.current_id is None else self.scenario.nodes[self.current_id]

    @property
    def finished(self) -> bool:
        return self.current is None or isinstance(self.current, EndNode)

    @property
    def end(self) -> EndNode | None:
        return self.current if isinstance(self.current, EndNode) else None

    def question(self) -> QuestionNode:
        """The current question as the student sees it: a choice node's choices in this attempt's order."""
        node = self.current
        if node is None or isinstance(node, EndNode):
            raise AnswerError("the walk is over: there is no question to answer")
        return self._as_shown(self.current_id or "", node)

    def choice_order(self, node_id: str | None = None) -> list[str]:
        """The choice ids of `node_id` (the current node by default) in the order this attempt shows them."""
        node_id = node_id or self.current_id or ""
        node = self.scenario.nodes.get(node_id)
        if not isinstance(node, ChoiceNode):
            raise AnswerError(f"{node_id!r} is not a choice question")
        return choice_order(node, node_id, self.seed)

    def _as_shown(self, node_id: str, node: QuestionNode) -> QuestionNode:
        if not isinstance(node, ChoiceNode):
            return node
        if node_id not in self._shown:
            order = self.choice_order(node_id)
            if order == [c.id for c in node.choices]:
                self._shown[node_id] = node
            else:
                by_id = {c.id: c for c in node.choices}
                self._shown[node_id] = node.model_copy(update={"choices": [by_id[i] for i in order]})
        return self._shown[node_id]

    def next_hint(self) -> str | None:
        """Reveal the current node's next hint, or None when all are shown."""
        hints = self.question().hints
        if self.hints_shown >= len(hints):
            return None
        self.hints_shown += 1
        return hints[self.hints_shown - 1]

    # --- answering -----------------------------------------------------------------

    def answer(self, response: Any, hints_used: int | None = None) -> Outcome:
        """Score `response` for the current node and move on.

        `response` is a list of choice ids (choice), a mapping row id -> scale id
        (factors), or the student's text (short).
        """
        node = self.question()
        response = self._checked(node, response)
        scored = score_node(node, response)
        hints = self.hints_shown if hints_used is None else hints_used
        outcome = Outcome(
            node_id=self.current_id or "",
            step=node.step,
            kind=node.type,
            response=response,
            earned=scored.earned,
            possible=scored.possible,
            full_marks=scored.full_marks,
            auto_earned=scored.earned,
            counts_for_agreement=counts_for_agreement(node),
            feedback=tuple(self._feedback(node, response, scored.detail)),
            misconceptions=self._misconceptions(node, response),
            hints_used=hints,
            next_id=self._next_after(node, response, scored.full_marks),
            court=node.court,
            analysis=node.analysis,
            later=tuple(node.later),
            by_step=scored.by_step,
            answered_at=self.clock(),
            marking_note=scored.note,
            shown_order=tuple(c.id for c in node.choices) if isinstance(node, ChoiceNode) else (),
        )
        self.history.append(outcome)
        self._advance(outcome.next_id)
        return outcome

    def correct_short(self, node_id: str, met_items: Sequence[str]) -> Outcome:
        """Record the student's own mark for a short answer; the automatic one is kept."""
        for index, outcome in enumerate(self.history):
            if outcome.node_id == node_id and outcome.kind == "short":
                node = self.scenario.nodes[node_id]
                if not isinstance(node, ShortNode):
                    break
                ids = {item.id for item in node.rubric}
                unknown = set(met_items) - ids
                if unknown:
                    raise AnswerError(f"no such rubric item: {', '.join(sorted(unknown))}")
                earned = short_earned(node, {i: i in met_items for i in ids})
                fixed = replace(
                    outcome,
                    earned=earned,
                    full_marks=marks.full(earned, outcome.possible),
                    corrected=tuple(sorted(met_items)),
                    by_step={node.step: (earned, outcome.possible)},
                )
                self.history[index] = fixed
                return fixed
        raise AnswerError(f"no short answer to correct at {node_id!r}")

    def _checked(self, node: QuestionNode, response: Any) -> Any:
        if isinstance(node, ChoiceNode):
            if isinstance(response, str):
                response = [response]
            ids = [str(r) for r in response]
            known = {c.id for c in node.choices}
            if not ids or any(i not in known for i in ids) or len(set(ids)) != len(ids):
                raise AnswerError(f"choose from: {', '.join(sorted(known))}")
            if node.select == "one" and len(ids) != 1:
                raise AnswerError("this question takes exactly one choice")
            # Recorded by id in file order, whatever order they were shown in.
            in_file = self.scenario.nodes[self.current_id or ""]
            assert isinstance(in_file, ChoiceNode)
            return sorted(ids, key=[c.id for c in in_file.choices].index)
        if isinstance(node, FactorsNode):
            if not isinstance(response, Mapping):
                raise AnswerError("a factors answer maps each row to a scale option")
            scale = {s.id for s in node.scale}
            rows = {f.id for f in node.factors}
            if set(response) != rows or any(v not in scale for v in response.values()):
                raise AnswerError(
                    f"answer every row ({', '.join(sorted(rows))}) with one of: {', '.join(sorted(scale))}"
                )
            return {f.id: response[f.id] for f in node.factors}
        if not isinstance(response, str):
            raise AnswerError("a short answer is text")
        return response

    def _feedback(self, node: QuestionNode, response: Any, detail: Mapping[str, bool]) -> list[Feedback]:
        if isinstance(node, ChoiceNode):
            return [
                Feedback(c.id, c.text, c.feedback, c.id in response, detail[c.id])
                for c in node.choices
                if c.id in response or c.correct
            ]
        if isinstance(node, FactorsNode):
            labels = {s.id: s.label for s in node.scale}
            return [
                Feedback(f.id, f.label, f.explanation, True, detail[f.id], labels[f.answer], not f.court_weighed)
                for f in node.factors
            ]
        return [Feedback(i.id, i.label, "", detail[i.id], detail[i.id]) for i in node.rubric]

    def _misconceptions(self, node: QuestionNode, response: Any) -> tuple[str, ...]:
        if not isinstance(node, ChoiceNode):
            return ()
        return tuple(c.misconception for c in node.choices if c.id in response and not c.correct and c.misconception)

    def _next_after(self, node: QuestionNode, response: Any, full_marks: bool) -> str | None:
        return next_node(node, response if isinstance(node, ChoiceNode) else (), full_marks)

    def _advance(self, next_id: str | None) -> None:
        self.hints_shown = 0
        if self.nodes is None:
            self.current_id = next_id
            return
        position = len(self.history)
        self.current_id = self.nodes[position] if position < len(self.nodes) else None

    # --- results ---------------------------------------------------------------------

    def summary(self) -> Summary:
        by_step: dict[str, StepScore] = {}
        for outcome in self.history:
            for step, (earned, possible) in outcome.by_step.items():
                score = by_step.setdefault(step, StepScore())
                score.earned += earned
                score.possible += possible
                score.answered += 1
                score.full_marks += marks.full(earned, possible)
        counted = [o for o in self.history if o.counts_for_agreement]
        return Summary(
            earned=sum(o.earned for o in self.history),
            possible=sum(o.possible for o in self.history),
            by_step=by_step,
            agreed=sum(1 for o in counted if o.agreed),
            agreement_counted=len(counted),
            path=[o.node_id for o in self.history] + ([self.current_id] if self.end and self.current_id else []),
            court_path=court_path(self.scenario),
            missed=[o for o in self.history if not o.full_marks],
            end=self.end,
        )

    # --- persistence -----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return saved_state(
            self.scenario.id,
            self.content_hash,
            self.mode,
            self.nodes,
            [saved_answer(o.node_id, o.response, o.hints_used, o.corrected, o.answered_at) for o in self.history],
            self.seed,
        )

    @classmethod
    def from_dict(cls, scenario: Scenario, state: Mapping[str, Any]) -> Session:
        """Rebuild a session by replaying its answers; raises AnswerError if they no longer fit."""
        if state.get("scenario") != scenario.id:
            raise AnswerError(f"this state belongs to {state.get('scenario')!r}, not {scenario.id!r}")
        session = cls(
            scenario,
            mode=state.get("mode", "tutor"),
            nodes=state.get("nodes"),
            content_hash=state.get("content_hash", ""),
            seed=state.get("seed"),  # an attempt saved before seeds plays in file order
        )
        for saved in state.get("answers", []):
            if session.current_id != saved["node"]:
                raise AnswerError(f"saved answer for {saved['node']!r} but the walk is at {session.current_id!r}")
            stamp = saved.get("answered_at") or _utc_now()
            session.clock = _fixed(stamp)
            session.answer(saved["response"], hints_used=saved.get("hints_used", 0))
            if saved.get("corrected") is not None:
                session.correct_short(saved["node"], saved["corrected"])
        session.clock = _utc_now
        return session
