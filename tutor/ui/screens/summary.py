"""The summary: score by step, agreement with the court, both paths, every miss, the outcome.

In exam mode this is where all the feedback appears, and where short answers are re-marked.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from tutor.scenario.model import ShortNode
from tutor.study import said, timing
from tutor.study.next_steps import next_steps
from tutor.study.walk import Walk
from tutor.ui.reach import tutor_app
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.court import BlocksView
from tutor.ui.widgets.feedback import FeedbackView
from tutor.ui.widgets.short import RubricMarks


def review_widgets(walk: Walk) -> list[Widget]:
    """Exam mode's review: every answer with its feedback; a short answer's marks until confirmed."""
    found: list[Widget] = [BlocksView([said.heading(said.REVIEW_HEADING)])]
    for number, outcome in enumerate(walk.session.history, 1):
        node = walk.scenario.nodes[outcome.node_id]
        title = said.review_title(walk.scenario, number, outcome.node_id)
        if isinstance(node, ShortNode) and outcome.corrected is None:
            met = [f.item_id for f in outcome.feedback if f.chosen]
            found += [BlocksView([title]), RubricMarks(outcome.node_id, node, met, classes="exam-marks")]
            found.append(
                FeedbackView(walk.scenario, outcome, walk.context, quoted=walk.playable.quoted, classes="past")
            )
        else:
            found.append(
                FeedbackView(walk.scenario, outcome, walk.context, title, quoted=walk.playable.quoted, classes="past")
            )
    return found


class SummaryScreen(QuoteOpener):
    BINDINGS = [
        Binding("r", "retry", "Retry mistakes", id="retry"),
        Binding("o", "open_quote", "Open quote", id="summary-open-quote"),
        Binding("b", "brief", "Save a brief", id="save-brief"),
        Binding("escape,l", "library", "Library", id="summary-library"),
    ]

    def __init__(self, walk: Walk) -> None:
        super().__init__()
        self.walk = walk

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(*self.sections(), id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.walk.scenario.case.name
        self.sub_title = "Summary"
        self.query_one("#summary").focus()

    def sections(self) -> list[Widget]:
        walk = self.walk
        found = review_widgets(walk) if walk.session.mode == "exam" else []
        attempt = walk.attempt
        found.append(
            BlocksView(
                said.summary(walk.session, walk.context, len(attempt.unanswered), walk.playable.quoted),
                id="summary-blocks",
            )
        )
        time_blocks = timing.summary(walk.session, attempt.seconds, attempt.unanswered)
        if time_blocks:
            found.append(BlocksView(time_blocks, id="summary-time"))
        found.append(self.next_steps())
        found.append(
            Static(
                "r: retry the questions you missed · b: save a case brief · Escape: back to the library",
                classes="instructions",
                markup=False,
            )
        )
        return found

    def next_steps(self) -> Widget:
        """When the walk's decision points come back for review, and the course's next case."""
        app = tutor_app(self)
        return BlocksView(next_steps(self.walk, app.course, app.entries), id="next-steps")

    @on(RubricMarks.Confirmed)
    async def corrected(self, event: RubricMarks.Confirmed) -> None:
        event.stop()
        outcome = self.walk.session.correct_short(event.node_id, event.met)
        self.walk.attempt.corrected(outcome)
        scroll = self.query_one("#summary", VerticalScroll)
        await scroll.remove_children()
        await scroll.mount_all(self.sections())

    def action_retry(self) -> None:
        if not self.walk.session.summary().missed:
            self.notify("Nothing to retry: full marks on every question.")
            return
        self.dismiss()
        tutor_app(self).retry(self.walk)

    def action_brief(self) -> None:
        from tutor.study.brief import write_brief

        folder = tutor_app(self).locations.briefs
        try:
            path = write_brief(self.walk.scenario, self.walk.context, folder, self.walk.playable.quoted)
        except OSError as error:
            self.notify(f"Could not save the brief in {folder}: {error.strerror or error}", severity="error")
            return
        self.notify(f"Case brief saved: {path}", timeout=8)

    def action_library(self) -> None:
        self.dismiss()
