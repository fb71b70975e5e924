"""The breadcrumb: the qualified-immunity steps this scenario visits, where the student stands, the score."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tutor.engine.session import Session
from tutor.scenario.model import STEP_CRUMBS, STEPS, EndNode, FactorsNode, Scenario
from tutor.study.words import points

DONE, HERE = "✓", "▶"


def scenario_steps(scenario: Scenario) -> list[str]:
    """The steps present in `scenario`, in the order a court walks them."""
    present: set[str] = set()
    for node in scenario.nodes.values():
        present.add(node.step)
        if isinstance(node, FactorsNode):
            present.update(f.step or node.step for f in node.factors)
    return [s for s in STEPS if s in present]


def crumbs(session: Session, here: str | None) -> Content:
    """`here` is the step of the question on screen (its feedback stays on screen after the walk moves on)."""
    node = session.current
    answered = {step for o in session.history for step in (o.step, *o.by_step)}
    parts: list[Content] = []
    for step in scenario_steps(session.scenario):
        if step == here:
            parts.append(Content.styled(f"{HERE} {STEP_CRUMBS.get(step, step)}", "bold reverse"))
        elif step in answered:
            parts.append(Content(f"{DONE} {STEP_CRUMBS.get(step, step)}"))
        else:
            parts.append(Content.styled(STEP_CRUMBS.get(step, step), "dim"))
    summary = session.summary()
    score = Content(f"  ·  Score {points(summary.earned)} of {points(summary.possible)}")
    if isinstance(node, EndNode) or node is None:
        score = Content(f"  ·  Final score {points(summary.earned)} of {points(summary.possible)}")
    return Content(" › ").join(parts) + score


class Breadcrumb(Static):
    """Re-rendered by the scenario screen after every answer."""

    def show(self, session: Session, here: str | None) -> None:
        self.update(crumbs(session, here))
