"""Before a walk starts: tutor or exam, resume or restart, or retry the mistakes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.study.offers import CHANGED, StartOffer
from tutor.ui.render import inert


def options(offer: StartOffer) -> list[Option]:
    return [Option(Content(words), id=choice) for choice, words in offer.choices()]


class StartScreen(ModalScreen[str | None]):
    """Returns "resume", "tutor", "exam", "retry", or None when the student backs out."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="start-back")]

    def __init__(self, offer: StartOffer) -> None:
        super().__init__()
        self.offer = offer

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box", classes="dialog"):
            yield Static(inert(self.offer.title, "bold"), classes="dialog-title")
            if self.offer.saved is not None and self.offer.changed:
                yield Static(CHANGED, classes="warning", markup=False)
            yield OptionList(*options(self.offer), id="start-options")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
