"""`short` questions: the student types an answer, then checks the automatic mark against the rubric."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from tutor.scenario.model import ShortNode
from tutor.terminal_text import clean
from tutor.ui.render import labelled
from tutor.ui.widgets.answer import AnswerIncomplete, AnswerReady
from tutor.ui.widgets.choice import TickList


class ShortAnswer(Vertical):
    """A text area; ctrl+s or the button submits (Enter starts a new line)."""

    BINDINGS = [Binding("ctrl+s", "submit", "Submit", id="submit-short")]

    def compose(self) -> ComposeResult:
        yield TextArea(id="short-text", soft_wrap=True, show_line_numbers=False)
        yield Button("Submit answer (ctrl+s)", id="submit-short", compact=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).cursor_blink = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        text = clean(self.query_one(TextArea).text)  # stored, then exported: nothing a terminal would obey
        if not text.strip():
            self.post_message(AnswerIncomplete("Write your answer first."))
            return
        self.post_message(AnswerReady(text))


class RubricMarks(Vertical):
    """The automatic mark, one tick per rubric item met; the student may change the ticks."""

    BINDINGS = [Binding("enter", "confirm", "Confirm marks", id="confirm-marks")]

    class Confirmed(Message):
        def __init__(self, node_id: str, met: list[str]) -> None:
            super().__init__()
            self.node_id = node_id
            self.met = met

    def __init__(self, node_id: str, node: ShortNode, met: Iterable[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.node_id, self.node, self.met = node_id, node, set(met)

    def compose(self) -> ComposeResult:
        yield Static(
            "Marked against the rubric. Tick what your answer really says (space or a number), "
            "then press Enter to confirm.",
            classes="instructions",
        )
        yield MarksList([(r.label, r.id, r.id in self.met) for r in self.node.rubric], id="marks-list")
        yield Static(labelled("Model answer: ", self.node.model_answer), classes="model-answer")

    def action_confirm(self) -> None:
        chosen = self.query_one(MarksList).selected
        self.post_message(self.Confirmed(self.node_id, [r.id for r in self.node.rubric if r.id in chosen]))


class MarksList(TickList):
    """Rubric ticks; Enter goes to the parent's confirm, not to a toggle."""

    BINDINGS = [Binding("enter", "confirm", "Confirm marks", id="marks-confirm")]

    def action_confirm(self) -> None:
        next(a for a in self.ancestors if isinstance(a, RubricMarks)).action_confirm()
