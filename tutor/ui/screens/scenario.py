"""The scenario screen: facts beside the question, the breadcrumb above, feedback as the walk goes."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Footer, Header

from tutor.engine.session import AnswerError, Outcome, Session
from tutor.scenario.model import ShortNode
from tutor.study import reporting, timing
from tutor.study.walk import Walk
from tutor.ui.screens.quote_opener import QuoteOpener
from tutor.ui.widgets.answer import AnswerIncomplete, AnswerReady
from tutor.ui.widgets.breadcrumb import Breadcrumb
from tutor.ui.widgets.clock import ExamClock
from tutor.ui.widgets.court import QuoteBlock
from tutor.ui.widgets.facts import FactsPane
from tutor.ui.widgets.question import QuestionPane
from tutor.ui.widgets.short import RubricMarks

# Below this many columns the panes stack (the -narrow class). Set by hand, not with
# HORIZONTAL_BREAKPOINTS: those apply on the screen's first Resize, after the first
# layout, which leaves the facts tabs' underline a column off at 80x24.
NARROW = 100


class ScenarioScreen(QuoteOpener):
    """One walk: the facts beside the question, the breadcrumb above, feedback after each answer."""

    # Which keys work depends on these: the footer follows each change (bindings=True).
    awaiting_next: var[bool] = var(False, bindings=True)  # feedback is on screen; n moves on
    marking: var[bool] = var(False, bindings=True)  # a short answer's rubric ticks are on screen

    BINDINGS = [
        Binding("n", "next", "Next", id="next"),
        # Enter reaches the screen only when the focused widget does not take it: after feedback it
        # moves on; on a question, focus has left the answer (Tab past a grid's last row), so it
        # goes back there rather than doing nothing.
        Binding("enter", "enter", "Next, or back to the answer", show=False, id="enter"),
        Binding("c", "court", "Jump to what the court held", id="court"),
        Binding("h", "hint", "Hint", id="hint"),
        Binding("d", "doctrine", "Doctrine", id="doctrine"),
        Binding("g", "glossary", "Glossary", show=False, id="glossary"),
        Binding("o", "open_quote", "Open quote", id="open-quote"),
        Binding("p", "history", "Past answers", id="history"),
        Binding("exclamation_mark", "report", "Report a problem", show=False, id="report"),
        Binding("f", "facts", "Facts", show=False, id="facts"),
        Binding("escape", "leave", "Library", show=False, id="leave"),
    ]

    def __init__(self, walk: Walk, done: Callable[[Walk], None] | None = None) -> None:
        super().__init__()
        self.walk = walk
        self.done = done
        self.doctrine_keys: list[str] = []  # what the question on screen cites (the walk may have moved on)
        self.step_on_screen: str | None = None
        self.hints: list[str] = []
        self.timed_out = False  # a timed exam's answers are closed

    @property
    def session(self) -> Session:
        return self.walk.session

    def compose(self) -> ComposeResult:
        yield Header()
        if self.walk.attempt.exam is not None:
            yield ExamClock(self.walk.attempt, id="exam-clock")
        yield Breadcrumb(id="breadcrumb")
        with Horizontal(id="panes"):
            yield FactsPane(self.walk.scenario, self.walk.playable.quoted, id="facts")
            yield QuestionPane(id="question", can_focus=True)
        yield Footer()

    async def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.title = self.walk.scenario.case.name
        self.sub_title = "Exam mode" if self.session.mode == "exam" else "Tutor mode"
        await self.show_current()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    async def show_current(self) -> None:
        self.awaiting_next, self.hints = False, []
        self.step_on_screen = None if self.session.finished else self.session.question().step
        self.query_one(Breadcrumb).show(self.session, self.step_on_screen)
        if self.session.finished:
            self.finish()
            return
        if self.walk.attempt.timed_out:  # a resumed timed exam with no time left
            self.time_up()
            return
        node = self.session.question()
        self.doctrine_keys = list(node.doctrine)
        self.query_one(FactsPane).bring_forward(node.facts)
        await self.query_one(QuestionPane).show_question(node, self.walk.progress(), self.walk.playable.quoted)
        self.walk.attempt.shown()

    @on(ExamClock.TimeUp)
    def time_up(self) -> None:
        """Zero on a timed exam's clock: no more answers; what was answered is kept, the rest marked unanswered."""
        if self.timed_out:  # the clock's tick and a late answer can both arrive
            return
        self.timed_out = True
        while isinstance(self.app.screen, ModalScreen) and self.app.screen is not self:  # a dialog over the question
            self.app.pop_screen()
        self.walk.attempt.time_up()
        self.notify(timing.TIME_UP, severity="warning", timeout=8)
        self.call_after_refresh(self.finish)  # after a refresh: time can run out while this screen still mounts

    def finish(self) -> None:
        self.walk.attempt.finish()
        if self.done is not None:
            self.done(self.walk)
            return
        from tutor.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.walk))

    # --- answering ---------------------------------------------------------------------

    @on(AnswerIncomplete)
    def incomplete(self, event: AnswerIncomplete) -> None:
        self.notify(event.reason, severity="warning")

    @on(AnswerReady)
    async def answered(self, event: AnswerReady) -> None:
        event.stop()
        if self.walk.attempt.timed_out:
            self.notify(timing.LATE, severity="warning")
            self.time_up()
            return
        node = self.session.question()
        try:
            outcome = self.session.answer(event.response, hints_used=len(self.hints))
        except AnswerError as error:
            self.notify(str(error), severity="warning")
            return
        self.record(outcome)
        pane = self.query_one(QuestionPane)
        if self.session.mode == "exam":
            self.notify("Answer recorded. Feedback comes with the summary.", timeout=2)
            await self.show_current()
        elif isinstance(node, ShortNode):
            self.marking = True
            await pane.show_marks(outcome, node)
        else:
            await self.show_feedback(outcome)

    @on(RubricMarks.Confirmed)
    async def marks_confirmed(self, event: RubricMarks.Confirmed) -> None:
        event.stop()
        outcome = self.session.history[-1]
        auto = sorted(f.item_id for f in outcome.feedback if f.chosen)
        if sorted(event.met) != auto:
            outcome = self.session.correct_short(event.node_id, event.met)
            self.walk.attempt.corrected(outcome)
        self.marking = False
        await self.show_feedback(outcome)

    def record(self, outcome: Outcome) -> None:
        self.walk.attempt.answered(outcome)
        self.query_one(Breadcrumb).show(self.session, self.step_on_screen)

    async def show_feedback(self, outcome: Outcome) -> None:
        await self.query_one(QuestionPane).show_feedback(
            self.walk.scenario, outcome, self.walk.context, self.walk.playable.quoted, last=self.session.finished
        )
        self.awaiting_next = True

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "court"):
            return self.awaiting_next
        if action == "hint":
            return None if self.awaiting_next or self.marking or self.session.finished else True
        if action == "open_quote":
            return bool(self.query(QuoteBlock))
        return True

    async def action_next(self) -> None:
        if self.awaiting_next:
            await self.show_current()

    async def action_enter(self) -> None:
        if self.awaiting_next:
            await self.show_current()
        elif not self.session.finished and not self.timed_out:
            how = self.query_one(QuestionPane).focus_answer()
            if how:
                self.notify(f"The answer has the focus again: {how}")

    def action_court(self) -> None:
        if self.awaiting_next and not self.query_one(QuestionPane).jump_to_court():
            self.notify("This feedback has no \u201cWhat the court held\u201d: no court decided this point.")

    def action_hint(self) -> None:
        if self.awaiting_next or self.marking or self.session.finished:
            return
        hint = self.session.next_hint()
        if hint is None:
            self.notify("There are no more hints for this question.")
            return
        self.hints.append(hint)
        self.query_one(QuestionPane).add_hint(self.hints, self.walk.playable.quoted)

    def action_report(self) -> None:
        """`!`: this question (or the feedback on screen) is wrong; a comment goes to the store with it."""
        from tutor.ui.screens.report import ReportScreen

        walk, session = self.walk, self.session
        # Feedback on screen is the last answer's: the session has already moved on (perhaps to its end).
        feedback = session.history[-1] if (self.awaiting_next or self.marking) and session.history else None
        if feedback is None and session.finished:
            return
        node = None if feedback is not None else session.question()  # as on screen: the attempt's order
        node_id = session.current_id or ""

        def keep(comment: str | None) -> None:
            if not comment:
                self.notify(reporting.CANCELLED)
                return
            if feedback is not None:
                report = reporting.feedback_report(walk, feedback, comment)
            else:
                assert node is not None
                report = reporting.question_report(walk, node, node_id, comment)
            self.notify(reporting.keep(walk, report))

        self.app.push_screen(ReportScreen("this feedback" if feedback is not None else "this question"), keep)

    def action_doctrine(self) -> None:
        from tutor.ui.screens.doctrine import DoctrineScreen

        self.app.push_screen(DoctrineScreen(self.doctrine_keys, self.walk.context, self.walk.scenario.id))

    def action_glossary(self) -> None:
        """The glossary terms in the facts, the question and any feedback on screen."""
        from tutor.study.glossary import scenario_texts, terms_on
        from tutor.study.said import explained
        from tutor.ui.screens.glossary import GlossaryScreen

        context = self.walk.context
        if context is None or context.glossary is None:
            self.notify("This bank has no glossary.")
            return
        last = self.session.history[-1] if self.awaiting_next and self.session.history else None
        node_id = last.node_id if last else None if self.session.finished else self.session.current_id
        texts = scenario_texts(self.walk.scenario, node_id)
        if last is not None:  # the feedback on screen
            texts += [
                line
                for b in explained(self.walk.scenario, last, context, self.walk.playable.quoted)
                for line in b.lines
            ]
        self.app.push_screen(GlossaryScreen(terms_on(context, texts), context))

    def action_history(self) -> None:
        from tutor.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.walk))

    def action_facts(self) -> None:
        self.query_one(FactsPane).query_one("Tabs").focus()

    def action_leave(self) -> None:
        if self.session.history and not self.session.finished:
            self.notify("Your answers are saved; open the scenario again to resume.")
        self.dismiss()
