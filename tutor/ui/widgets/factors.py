"""The Graham `factors` grid: a row per factor, a scale per row, practice rows marked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import RadioButton, RadioSet, Static

from tutor.scenario.model import Factor, FactorsNode
from tutor.ui.render import inert
from tutor.ui.widgets.answer import AnswerIncomplete, AnswerReady
from tutor.ui.widgets.choice import digit_bindings, numbered

PRACTICE = "practice: the court did not weigh this"
CHOSEN = "  ← chosen"  # in words, not a tick: ✓ means full marks


def row_title(index: int, factor: Factor) -> Content:
    title = Content.assemble((f"Row {index + 1}: ", "bold"), inert(factor.label, "bold"))
    if not factor.court_weighed:
        title = title + Content.styled(f"  ({PRACTICE})", "italic")
    return title


class ScaleSet(RadioSet):
    """One row's scale. Arrows move, space or a number chooses, Enter submits the grid."""

    BINDINGS = [
        Binding("space", "toggle_button", "Choose", show=False, id="scale-choose"),
        Binding("enter", "submit", "Submit", id="submit-factors"),
        *digit_bindings("choose", "Choose"),
    ]

    def __init__(self, factor_id: str, labels: list[Content], **kwargs: object) -> None:
        super().__init__(*(RadioButton(label) for label in labels), **kwargs)  # type: ignore[arg-type]
        self.factor_id, self.labels = factor_id, labels

    def watch__selected(self) -> None:
        """Moving along the scale keeps the row in view (the pane opens scrolled to the question)."""
        super().watch__selected()
        if self.has_focus:
            self.scroll_visible(animate=False)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Write the choice out: a radio button's state is otherwise shown by colour alone."""
        for index, button in enumerate(self.query(RadioButton)):
            chosen = index == event.index
            button.label = self.labels[index] + (Content.styled(CHOSEN, "bold") if chosen else Content(""))

    def action_choose(self, index: int) -> None:
        buttons = list(self.query(RadioButton))
        if index < len(buttons):
            buttons[index].value = True
            self._selected = index

    def action_submit(self) -> None:
        grid = next(a for a in self.ancestors if isinstance(a, FactorsGrid))
        grid.submit()


class FactorsGrid(Vertical):
    """Every row must be answered before the grid is submitted."""

    def __init__(self, node: FactorsNode, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.node = node

    def compose(self) -> ComposeResult:
        labels = [numbered(i, s.label) for i, s in enumerate(self.node.scale)]
        for index, factor in enumerate(self.node.factors):
            classes = "factor-row practice" if not factor.court_weighed else "factor-row"
            with Vertical(classes=classes):
                yield Static(row_title(index, factor), classes="factor-title")
                yield ScaleSet(factor.id, labels, id=f"row-{factor.id}", classes="scale")

    def answers(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for scale in self.query(ScaleSet):
            if scale.pressed_index >= 0:
                chosen[scale.factor_id] = self.node.scale[scale.pressed_index].id
        return chosen

    def submit(self) -> None:
        chosen = self.answers()
        missing = [f.label for f in self.node.factors if f.id not in chosen]
        if missing:
            self.post_message(
                AnswerIncomplete("Choose a position on every row first. Still open: " + "; ".join(missing))
            )
            return
        self.post_message(AnswerReady(chosen))
