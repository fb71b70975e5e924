""" "This question is wrong": one line of comment, saved with the question or feedback it is about."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tutor.store.reports import MAX_COMMENT
from tutor.study.reporting import ASK


class ReportScreen(ModalScreen[str | None]):
    """Returns the comment typed, or None when the student backs out (Esc, or Enter on nothing)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="report-cancel")]

    def __init__(self, about: str) -> None:
        super().__init__()
        self.about = about  # "this question" or "this feedback"

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box", classes="dialog"):
            yield Static(f"Report a problem with {self.about}", classes="dialog-title", markup=False)
            yield Static(ASK, markup=False)
            yield Input(placeholder="e.g. the quote is not in the opinion", max_length=MAX_COMMENT, id="report-comment")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
