"""The scenario's header line: the qualified-immunity steps, where the student stands, the score.

Its parts are composed in `status` alone, so another part (a clock) slots in there.
Exam mode shows no score and no verdict until the summary: a visited step gets the
visited glyph, never a tick.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from tutor.engine.session import Session, StepScore
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


def _mark(step: str, by_step: Mapping[str, StepScore], exam: bool) -> str | None:
    """A step's glyph: its verdict, or in exam mode only that it was visited; None if not answered."""
    if step not in by_step:
        return None
    return VISITED if exam else step_mark(by_step[step])


def _part(step: str, here: str | None, by_step: Mapping[str, StepScore], exam: bool) -> Content:
    name = STEP_CRUMBS.get(step, step)
    mark = _mark(step, by_step, exam)
    if step == here:
        return Content.styled(f"{HERE} {name}", "bold reverse")
    if mark is not None:
        return Content(f"{mark} {name}")
    return Content.styled(name, "dim")


def _elided(steps: list[str], by_step: Mapping[str, StepScore], exam: bool) -> Content:
    """Steps given way to "…": their names go, their verdicts stay ("✗ ◐ …")."""
    marks = [m for m in (_mark(s, by_step, exam) for s in steps) if m is not None]
    return Content.assemble(" ".join(marks) + " " if marks else "", ("…", "dim"))


SEPARATOR = Content(" › ")
GAP = "  │  "  # between the crumbs and the score


def crumbs(session: Session, here: str | None, width: int | None = None) -> Content:
    """`here` is the step of the question on screen (its feedback stays on screen after the walk moves on).

    A step answered shows its verdict (✓ only when every answer in it had full marks),
    or in exam mode only that it was visited. Narrower than `width` cells, the names of the
    steps farthest from `here` give way to "…" (their verdicts stay), so the header keeps to
    one row at 80 columns.
    """
    by_step = session.summary().by_step
    exam = session.mode == "exam" and not session.finished
    steps = scenario_steps(session.scenario)
    anchor = steps.index(here) if here in steps else len(steps) - 1
    # Farthest from the step on screen first; of two as far, the earlier (already behind the student).
    giving_way = sorted(range(len(steps)), key=lambda i: (-abs(i - anchor), i))
    kept = set(range(len(steps)))
    while True:
        shown: list[Content] = []
        run: list[str] = []
        for i, step in enumerate(steps):
            if i not in kept:
                run.append(step)
                continue
            if run:
                shown.append(_elided(run, by_step, exam))
                run = []
            shown.append(_part(step, here, by_step, exam))
        if run:
            shown.append(_elided(run, by_step, exam))
        line = SEPARATOR.join(shown)
        if width is None or line.cell_length <= width or len(kept) <= 1:
            return line
        kept.discard(giving_way.pop(0))


def status(session: Session, here: str | None, width: int | None = None) -> Content:
    """The whole header line: the crumbs, then the score (or exam mode's note that it waits).

    "Question N of M" heads the question itself (`QuestionPane`), where it stays in view.
    `width`: the cells the line has; None for the whole line, however long.
    """
    score = score_line(session)
    after = Content(score if score is not None else EXAM_HIDES)
    room = None if width is None else width - after.cell_length - len(GAP)
    return Content(GAP).join([crumbs(session, here, room), after])


class Breadcrumb(Static):
    """Re-rendered by the scenario screen after every answer, and to fit when the terminal is resized."""

    shown: tuple[Session, str | None] | None = None

    def show(self, session: Session, here: str | None) -> None:
        self.shown = (session, here)
        self.update(status(session, here, self.content_size.width or None))

    def on_resize(self) -> None:
        # After the resize is laid out: an update inside the resize does not redo the height.
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        if self.shown is not None:
            self.update(status(*self.shown, self.content_size.width or None))
