"""Before a walk starts: tutor or exam, resume or restart, or retry the mistakes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.store.progress import SavedAttempt
from tutor.ui.render import plain


@dataclass(frozen=True)
class StartOffer:
    """What the student may choose for one scenario."""

    title: str
    saved: SavedAttempt | None  # an unfinished attempt
    changed: bool  # the scenario file changed since that attempt began
    missed: int  # questions missed in the last attempt


def options(offer: StartOffer) -> list[Option]:
    found: list[Option] = []
    if offer.saved is not None and not offer.changed:
        found.append(
            Option(
                Content(f"Resume where you stopped ({offer.saved.answered} answered, {offer.saved.mode} mode)"),
                id="resume",
            )
        )
    found.append(Option(Content("Tutor mode: feedback after every question"), id="tutor"))
    found.append(Option(Content("Exam mode: all feedback at the end"), id="exam"))
    if offer.missed:
        found.append(Option(Content(f"Retry mistakes: the {offer.missed} question(s) missed last time"), id="retry"))
    return found


class StartScreen(ModalScreen[str | None]):
    """Returns "resume", "tutor", "exam", "retry", or None when the student backs out."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="start-back")]

    def __init__(self, offer: StartOffer) -> None:
        super().__init__()
        self.offer = offer

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box", classes="dialog"):
            yield Static(plain(self.offer.title, "bold"), classes="dialog-title")
            if self.offer.saved is not None and self.offer.changed:
                yield Static(
                    "This scenario has changed since your unfinished attempt, so it cannot resume "
                    "where you stopped. Start again; your earlier answers stay in your history.",
                    classes="warning",
                    markup=False,
                )
            yield OptionList(*options(self.offer), id="start-options")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
