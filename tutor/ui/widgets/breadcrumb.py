"""The scenario's header line: the qualified-immunity steps, where the student stands, the score.

Its parts are composed in `status` alone, so another part (a clock) slots in there.
Exam mode shows no score and no verdict until the summary: a visited step gets the
visited glyph, never a tick.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tutor.engine.session import Session
from tutor.scenario.model import STEP_CRUMBS, STEPS, FactorsNode, Scenario
from tutor.study.words import EXAM_HIDES, HERE, VISITED, score_line, step_mark


def scenario_steps(scenario: Scenario) -> list[str]:
    """The steps present in `scenario`, in the order a court walks them."""
    present: set[str] = set()
    for node in scenario.nodes.values():
        present.add(node.step)
        if isinstance(node, FactorsNode):
            present.update(f.step or node.step for f in node.factors)
    return [s for s in STEPS if s in present]


def crumbs(session: Session, here: str | None) -> Content:
    """`here` is the step of the question on screen (its feedback stays on screen after the walk moves on).

    A step answered shows its verdict (✓ only when every answer in it had full marks),
    or in exam mode only that it was visited.
    """
    by_step = session.summary().by_step
    exam = session.mode == "exam" and not session.finished
    parts: list[Content] = []
    for step in scenario_steps(session.scenario):
        name = STEP_CRUMBS.get(step, step)
        if step == here:
            parts.append(Content.styled(f"{HERE} {name}", "bold reverse"))
        elif step in by_step:
            parts.append(Content(f"{VISITED if exam else step_mark(by_step[step])} {name}"))
        else:
            parts.append(Content.styled(name, "dim"))
    return Content(" › ").join(parts)


def status(session: Session, here: str | None) -> Content:
    """The whole header line: the crumbs, then the score (or exam mode's note that it waits).

    "Question N of M" heads the question itself (`QuestionPane`), where it stays in view.
    """
    score = score_line(session)
    return Content("  │  ").join([crumbs(session, here), Content(score if score is not None else EXAM_HIDES)])


class Breadcrumb(Static):
    """Re-rendered by the scenario screen after every answer."""

    def show(self, session: Session, here: str | None) -> None:
        self.update(status(session, here))
