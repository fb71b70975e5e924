"""Help: every key, from the bindings, grouped by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.keys import PALETTE, QUIT, contexts, key_rows

NOT_ADVICE = "qi-tutor is a teaching tool, not legal advice."  # as the README says


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Close help", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("Keys", classes="dialog-title", markup=False)
            yield Static(NOT_ADVICE, classes="note", markup=False)  # first, so no scrolling hides it
            for title, owner in contexts():
                rows = key_rows(owner)
                if owner.__name__ == "TutorApp":
                    rows += [PALETTE, QUIT]
                if rows:
                    width = max(len(k) for k, _ in rows)
                    table = Content("\n").join(Content.assemble((f"{k:<{width}}  ", "bold"), d) for k, d in rows)
                    yield Static(title, classes="heading", markup=False)
                    yield Static(table, classes="table")
            yield Static("Esc closes. Answers are saved as you give them.", classes="instructions", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").focus()
