"""`choice` questions: one answer from a list, or several toggled then submitted."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.scenario.model import ChoiceNode
from tutor.study.words import NOTHING_CHOSEN, TICKED, UNTICKED
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
    """Arrows or a number highlight; only Enter submits, and only once something is highlighted."""

    BINDINGS = digit_bindings("pick", "Select")

    def __init__(self, node: ChoiceNode, **kwargs: object) -> None:
        super().__init__(*(Option(numbered(i, c.text), id=c.id) for i, c in enumerate(node.choices)), **kwargs)  # type: ignore[arg-type]
        # OptionList highlights its first option at once; Enter on an untouched question
        # would then answer with option 1, for good. Nothing is chosen until the student chooses.
        self.highlighted = None

    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        super().watch_highlighted(old, new)
        if old is None and new is not None:  # never at mount here: the student's first choice, followed too
            self.call_after_refresh(self.follow)

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(AnswerIncomplete(f"{NOTHING_CHOSEN} Choose with ↑↓ or a number, then press Enter."))
            return
        super().action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerReady([event.option.id]))


class TickList(FollowHighlight):
    """Numbered check boxes, each row "[x]" or "[ ]" in text (not only in colour), wrapped to every word.

    An OptionList rather than a SelectionList: SelectionList draws its boxes one line
    per option, so a long choice was cut to one line and ended in "…".
    """

    BINDINGS = [
        *digit_bindings("flip", "Toggle"),
        Binding("space", "flip_highlighted", "Toggle", show=False, id="tick-space"),
    ]

    def __init__(self, items: list[tuple[str, str, bool]], **kwargs: object) -> None:
        """`items`: (author text, value, ticked at first)."""
        self.texts = [text for text, _, _ in items]
        self.values = [value for _, value, _ in items]
        self.ticked = {value for _, value, on in items if on}
        super().__init__(*(Option(self.prompt(i), id=value) for i, (_, value, _) in enumerate(items)), **kwargs)  # type: ignore[arg-type]

    @property
    def selected(self) -> list[str]:
        """The ticked values, in the order the rows are shown."""
        return [v for v in self.values if v in self.ticked]

    def prompt(self, index: int) -> Content:
        box = Content.styled(f"{TICKED} ", "bold") if self.values[index] in self.ticked else Content(f"{UNTICKED} ")
        return box + numbered(index, self.texts[index])

    def toggle(self, value: str) -> None:
        self.ticked ^= {value}
        index = self.values.index(value)
        self.replace_option_prompt_at_index(index, self.prompt(index))

    def action_flip(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index
            self.toggle(self.values[index])

    def action_flip_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.values[self.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click (or Enter where no subclass binds it) flips the row
        self.toggle(self.values[event.option_index])


class ManyChoice(TickList):
    """Space or a number toggles; Enter submits every ticked choice."""

    BINDINGS = [Binding("enter", "submit", "Submit", id="submit-many")]

    def __init__(self, node: ChoiceNode, **kwargs: object) -> None:
        super().__init__([(c.text, c.id, False) for c in node.choices], **kwargs)

    def action_submit(self) -> None:
        if not self.selected:
            self.post_message(AnswerIncomplete(f"{NOTHING_CHOSEN} Tick at least one choice (space or its number)."))
            return
        self.post_message(AnswerReady(self.selected))
