"""`choice` questions: one answer from a list, or several toggled then submitted."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Region
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option

from tutor.scenario.model import ChoiceNode
from tutor.ui.render import inert
from tutor.ui.widgets.answer import DIGITS, AnswerIncomplete, AnswerReady


def numbered(index: int, text: str) -> Content:
    return Content.assemble((f"{index + 1}. ", "bold"), inert(text))


class FollowHighlight(OptionList):
    """An option list that, inside a scrolling pane, keeps the highlighted option in the pane's view.

    OptionList scrolls only itself; ours grow inside the question pane up to the pane's
    height, so without this the arrows could move the highlight below the bottom of the
    screen. A list taller than the pane (long choices at 80x24) still scrolls itself first:
    this watcher replaces OptionList's own, which did that.
    """

    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        # This watcher replaces OptionList's own, which scrolled the list itself: keep that,
        # for a list taller than the pane (max-height 100%) scrolls inside its own box too.
        self.scroll_to_highlight()
        if old is not None and new is not None:  # a move, not the first highlight at mount
            self.call_after_refresh(self.follow)

    def follow(self) -> None:
        self.scroll_to_highlight()
        pane = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        highlighted = self.highlighted
        line = self._index_to_line.get(highlighted) if highlighted is not None else None  # private; Textual is pinned
        if pane is None or line is None or highlighted is None:
            return
        on_screen = Region(
            self.content_region.x,
            self.content_region.y + line - int(self.scroll_y),
            self.content_region.width,
            self._heights[highlighted],
        )
        in_pane = on_screen.translate((-pane.content_region.x, int(pane.scroll_y) - pane.content_region.y))
        pane.scroll_to_region(in_pane, animate=False, immediate=True)


def digit_bindings(action: str, description: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """1-9 bound to `action(index)`; shown once in the footer as "1-9"."""
    return [
        Binding(d, f"{action}({i})", description, show=i == 0, key_display="1-9", id=f"{action}-{d}")
        for i, d in enumerate(DIGITS)
    ]


class OneChoice(FollowHighlight):
    """Arrows or a number highlight; only Enter submits."""

    BINDINGS = digit_bindings("pick", "Select")

    def __init__(self, node: ChoiceNode, **kwargs: object) -> None:
        super().__init__(*(Option(numbered(i, c.text), id=c.id) for i, c in enumerate(node.choices)), **kwargs)  # type: ignore[arg-type]

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerReady([event.option.id]))


TICKED = "  ✓ ticked"  # in words too: the check box's state is otherwise shown by colour alone


class TickList(SelectionList[str], FollowHighlight):
    """Numbered check boxes whose ticked state is also written out."""

    BINDINGS = digit_bindings("flip", "Toggle")

    def __init__(self, items: list[tuple[str, str, bool]], **kwargs: object) -> None:
        """`items`: (author text, value, ticked at first)."""
        self.texts = [text for text, _, _ in items]
        super().__init__(*((self.prompt(i, False), value, on) for i, (_, value, on) in enumerate(items)), **kwargs)  # type: ignore[arg-type]

    def prompt(self, index: int, ticked: bool) -> Content:
        return numbered(index, self.texts[index]) + (Content.styled(TICKED, "bold") if ticked else Content(""))

    def on_mount(self) -> None:
        self.show_ticks()

    def on_selection_list_selected_changed(self) -> None:
        self.show_ticks()

    def show_ticks(self) -> None:
        for index in range(self.option_count):
            ticked = self.get_option_at_index(index).value in self.selected
            self.replace_option_prompt_at_index(index, self.prompt(index, ticked))

    def action_flip(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index
            self.toggle(self.get_option_at_index(index).value)


class ManyChoice(TickList):
    """Space or a number toggles; Enter submits every ticked choice."""

    BINDINGS = [Binding("enter", "submit", "Submit", id="submit-many")]

    def __init__(self, node: ChoiceNode, **kwargs: object) -> None:
        super().__init__([(c.text, c.id, False) for c in node.choices], **kwargs)

    def action_submit(self) -> None:
        if not self.selected:
            self.post_message(AnswerIncomplete("Tick at least one choice (space or its number), then press Enter."))
            return
        self.post_message(AnswerReady(list(self.selected)))
