"""The question pane: the prompt, the answer widget for the node's type, hints, then feedback."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tutor.engine.session import Outcome
from tutor.scenario.context import BankContext
from tutor.scenario.model import ChoiceNode, FactorsNode, Scenario, ShortNode
from tutor.study import said
from tutor.study.quoted import QuotedWords
from tutor.ui.render import inert, row_content
from tutor.ui.widgets.choice import ManyChoice, OneChoice
from tutor.ui.widgets.factors import FactorsGrid, ScaleSet
from tutor.ui.widgets.feedback import FeedbackView
from tutor.ui.widgets.short import RubricMarks, ShortAnswer

QuestionNode = ChoiceNode | FactorsNode | ShortNode

HOW_TO: dict[str, str] = {
    "one": "↑↓ or a number to select, Enter to submit.",
    "many": "↑↓ to move, space or a number to tick every answer that applies, Enter to submit.",
    "factors": "Tab to move between rows, ↑↓ or a number to choose a position, Enter to submit.",
    "short": "Type your answer (Enter starts a new line), then ctrl+s to submit.",
}


def answer_widget(node: QuestionNode) -> Widget:
    if isinstance(node, ChoiceNode):
        return OneChoice(node, id="answer") if node.select == "one" else ManyChoice(node, id="answer")
    if isinstance(node, FactorsNode):
        return FactorsGrid(node, id="answer")
    return ShortAnswer(id="answer")


def how_to(node: QuestionNode) -> str:
    return HOW_TO[node.select if isinstance(node, ChoiceNode) else node.type]


def prompt_content(node: QuestionNode, where: str, quoted: QuotedWords) -> Content:
    """`where` is the study layer's "Question N of M" (or "Retry: N of M")."""
    title = inert(said.question_title(node, where), "bold")
    return title + Content("\n\n") + row_content(said.prose(node.prompt, quoted))


class QuestionPane(VerticalScroll):
    """Rebuilt for each node; scrolls so every choice is reachable at 80x24."""

    async def show_question(self, node: QuestionNode, where: str, quoted: QuotedWords) -> None:
        await self.remove_children()
        await self.mount_all(
            [
                Static(prompt_content(node, where, quoted), id="prompt"),
                Static(how_to(node), classes="instructions", markup=False),
                answer_widget(node),
                Static(id="hints", classes="hints"),
            ]
        )
        answer = self.query_one("#answer")
        target = answer if answer.can_focus else next(w for w in answer.query("*") if w.can_focus)
        target.focus(scroll_visible=False)
        self.scroll_home(animate=False)  # the question first; the choices are a scroll away

    def focus_answer(self) -> str | None:
        """Give the answer (or the rubric marks) the focus again; what submits it, or None if none is on screen."""
        for answer in self.query("#answer, #marks"):
            if isinstance(answer, FactorsGrid):  # the first row still open, else the last
                rows = list(answer.query(ScaleSet))
                target: Widget | None = next((r for r in rows if r.pressed_index < 0), rows[-1])
            else:
                target = answer if answer.can_focus else next((w for w in answer.query("*") if w.can_focus), None)
            if target is not None:
                target.focus()
                if isinstance(answer, RubricMarks):
                    return "Enter confirms your marks."
                return "ctrl+s submits." if isinstance(answer, ShortAnswer) else "Enter submits."
        return None

    def add_hint(self, hints: list[str], quoted: QuotedWords) -> None:
        """Show every hint revealed so far, numbered."""
        lines = [
            Content.assemble((f"Hint {i}: ", "bold"), row_content(said.prose(h, quoted)))
            for i, h in enumerate(hints, 1)
        ]
        shown = self.query_one("#hints", Static)
        shown.update(Content("\n").join(lines))
        # Below a long list of choices the hint would only move the scrollbar: bring it into view
        # once it has its new height.
        self.call_after_refresh(shown.scroll_visible, animate=False)

    def jump_to_court(self) -> bool:
        """Scroll the feedback's "What the court held" to the top of the pane; False if there is none."""
        for static in self.query("#feedback .heading").results(Static):
            if static.render().plain == said.COURT_HEADING:  # type: ignore[union-attr]
                self.scroll_to_widget(static, animate=False, top=True)
                return True
        return False

    async def show_marks(self, outcome: Outcome, node: ShortNode) -> None:
        await self.query_one("#answer").remove()
        self.query_one(".instructions").remove()
        marks = RubricMarks(outcome.node_id, node, [f.item_id for f in outcome.feedback if f.chosen], id="marks")
        await self.mount(marks, before=self.query_one("#hints"))
        marks.query_one("MarksList").focus(scroll_visible=False)
        # The marks come first in view, as the verdict does: a focus's own scroll can run before the
        # new rows are laid out, and at 80x24 it then left them below the screen.
        self.call_after_refresh(self.scroll_to_widget, marks, animate=False, top=True)

    async def show_feedback(
        self, scenario: Scenario, outcome: Outcome, context: BankContext | None, quoted: QuotedWords, last: bool
    ) -> None:
        await self.remove_children("#answer, #marks, .instructions")
        follow = "Press n (or Enter) for the summary." if last else "Press n (or Enter) for the next question."
        follow += " c jumps to what the court held."
        feedback = FeedbackView(scenario, outcome, context, quoted=quoted, id="feedback")
        await self.mount_all([feedback, Static(follow, classes="instructions", markup=False)])
        self.focus()
        # The verdict comes first in view; the question stays above it, a scroll away.
        self.call_after_refresh(self.scroll_to_widget, feedback, animate=False, top=True)
