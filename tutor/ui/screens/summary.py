"""The summary: score by step, agreement with the court, both paths, every miss, the outcome.

In exam mode this is where all the feedback appears, and where short answers are re-marked.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from tutor.engine.session import Summary
from tutor.scenario.model import STEPS, ShortNode
from tutor.ui.play import Play
from tutor.ui.render import plain
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.court import CourtView, heading
from tutor.ui.widgets.feedback import FeedbackView
from tutor.ui.widgets.short import RubricMarks
from tutor.ui.words import RIGHT, WRONG, points, step_label


def step_lines(summary: Summary) -> Content:
    width = max((len(step_label(s)) for s in summary.by_step), default=10)
    rows = []
    for step, score in sorted(summary.by_step.items(), key=lambda item: STEPS.index(item[0])):
        mark = RIGHT if score.earned >= score.possible - 1e-9 else WRONG
        rows.append(
            Content(
                f"{mark} {step_label(step):<{width}}  {points(score.earned)} of {points(score.possible)}"
                f"  ({score.full_marks} of {score.answered} with full marks)"
            )
        )
    return Content("\n").join(rows)


def node_name(play: Play, node_id: str | None) -> Content:
    if node_id is None:
        return Content("—")
    node = play.scenario.nodes[node_id]
    return plain(node.title or node_id)


def path_lines(play: Play, summary: Summary) -> Content:
    """The student's path beside the court's, one step per line, ✓ where they meet."""
    rows = []
    for index in range(max(len(summary.path), len(summary.court_path))):
        mine = summary.path[index] if index < len(summary.path) else None
        court = summary.court_path[index] if index < len(summary.court_path) else None
        same = RIGHT if mine == court else "≠"
        rows.append(
            Content.assemble(
                f"{index + 1:>2}. {same} You: ", node_name(play, mine), "   Court: ", node_name(play, court)
            )
        )
    return Content("\n").join(rows)


class SummaryScreen(QuoteOpener):
    BINDINGS = [
        Binding("r", "retry", "Retry mistakes", id="retry"),
        Binding("o", "open_quote", "Open quote", id="summary-open-quote"),
        Binding("escape,l", "library", "Library", id="summary-library"),
    ]

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(*self.sections(), id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.play.scenario.case.name
        self.sub_title = "Summary"
        self.query_one("#summary").focus()

    def sections(self) -> list[Widget]:
        session, play = self.play.session, self.play
        summary = session.summary()
        exam = session.mode == "exam"
        found: list[Widget] = [
            Static(f"Score: {points(summary.earned)} of {points(summary.possible)}", classes="verdict", markup=False),
            Static(
                f"You agreed with the court on {summary.agreed} of the {summary.agreement_counted} "
                "questions it decided.",
                markup=False,
            ),
            heading("Score by step"),
            Static(step_lines(summary), classes="table"),
        ]
        if session.nodes is None:  # a retry or review walks a list, not the court's tree
            found += [heading("Your path and the court's"), Static(path_lines(play, summary), classes="table")]
        shown = session.history if exam else summary.missed
        found.append(heading("Every answer, with the court's reasoning" if exam else "Questions you missed"))
        if not shown:
            found.append(Static("None: full marks on every question.", markup=False))
        for outcome in shown:
            node = play.scenario.nodes[outcome.node_id]
            found.append(FeedbackView(outcome, play.context, title=node.title or outcome.node_id, classes="past"))
            if exam and isinstance(node, ShortNode) and outcome.corrected is None:
                met = [f.item_id for f in outcome.feedback if f.chosen]
                found.append(RubricMarks(outcome.node_id, node, met, classes="exam-marks"))
        if summary.end is not None:
            end = summary.end
            found.append(heading("The outcome the court reached"))
            found.append(
                Static(
                    Content.assemble(plain(end.outcome.result, "bold"), " — ", plain(end.outcome.disposition)),
                    classes="verdict",
                )
            )
            found.append(CourtView(end.court, None, end.later, play.context))
        found.append(
            Static(
                "r: retry the questions you missed · Escape: back to the library", classes="instructions", markup=False
            )
        )
        return found

    @on(RubricMarks.Confirmed)
    async def corrected(self, event: RubricMarks.Confirmed) -> None:
        event.stop()
        outcome = self.play.session.correct_short(event.node_id, event.met)
        self.app.progress.correction(self.play.attempt_id, outcome)
        self.app.progress.review(lambda queue: queue.rate(self.play.scenario, outcome, self.app.review_time), None)
        scroll = self.query_one("#summary", VerticalScroll)
        await scroll.remove_children()
        await scroll.mount_all(self.sections())

    def action_retry(self) -> None:
        missed = list(dict.fromkeys(o.node_id for o in self.play.session.summary().missed))
        if not missed:
            self.notify("Nothing to retry: full marks on every question.")
            return
        self.dismiss()
        self.app.begin(self.play, "retry", missed)

    def action_library(self) -> None:
        self.dismiss()
