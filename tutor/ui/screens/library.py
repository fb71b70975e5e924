"""The library: every scenario with its case, citation, officer, length and tags; type to filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor.scenario.bank import LibraryEntry
from tutor.ui.reach import tutor_app
from tutor.ui.render import inert

if TYPE_CHECKING:
    from tutor.store.progress import Unfinished
    from tutor.study.recorder import Recorder

REVIEW, STATS = "__review__", "__stats__"


def key(entry: LibraryEntry) -> str:
    """The option id: the scenario id, or the path of a file too broken to have one."""
    return entry.id or str(entry.path)


def question_range(entry: LibraryEntry) -> str:
    low, high = entry.fewest_questions, entry.most_questions
    if low is None or high is None:
        return "length unknown"
    span = str(low) if low == high else f"{low}-{high}"
    return f"{span} questions a walk"


def unfinished_label(entry: LibraryEntry, unfinished: Unfinished) -> str:
    """`unfinished: question 5 of ~15`: the question an unfinished attempt resumes at."""
    at = f"unfinished: question {unfinished.answered + 1}"
    if unfinished.questions is not None:  # a retry asks a known list
        return f"{at} of {unfinished.questions}"
    low, high = entry.fewest_questions, entry.most_questions
    return at if high is None else f"{at} of {'' if low == high else '~'}{high}"


def entry_content(entry: LibraryEntry, unfinished: Unfinished | None = None) -> Content:
    """Three lines: the case and citation, the title, then officer, length and tags (or the problem);
    a fourth says where an unfinished attempt stands."""
    if entry.problem is not None:
        return Content.assemble(
            inert(entry.path.name, "bold"), "\n  ", ("✗ cannot be played: ", "bold"), inert(entry.problem.message)
        )
    head = Content.assemble(inert(entry.case_name or "", "bold"), " — ", inert(entry.citation or ""))
    details = [f"Officer: {entry.defendant}"] if entry.defendant else []
    details.append(question_range(entry))
    if entry.tags:
        details.append("tags: " + ", ".join(entry.tags))
    shown = head + Content("\n  ") + inert(entry.title or "", "italic") + Content("\n  ") + inert(" · ".join(details))
    if unfinished is not None:  # a line of its own, so a narrow terminal cannot wrap it out of sight
        mark = unfinished_label(entry, unfinished) + " (Enter offers to resume)"
        shown += Content("\n  ") + Content.styled(mark, "bold")
    return shown


def matches(entry: LibraryEntry, query: str) -> bool:
    words = query.lower().split()
    fields = (entry.id, entry.title, entry.case_name, entry.citation, entry.defendant, entry.summary, entry.path.name)
    haystack = " ".join([*(f for f in fields if f), *entry.tags]).lower()
    return all(word in haystack for word in words)


class LibraryScreen(Screen[None]):
    """The first screen: pick a scenario, or the review and progress entries."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("down", "to_list", show=False, id="to-list"),
    ]

    def __init__(self, entries: Sequence[LibraryEntry], recorder: Recorder, due: int | None = None) -> None:
        super().__init__()
        self.entries = list(entries)
        self.recorder = recorder  # where the unfinished attempts are read
        self.due = due  # None until counted: the count waits for the first frame
        self.unfinished: dict[str, Unfinished] = {}  # scenario id -> its unfinished attempt, read after the frame

    def compose(self) -> ComposeResult:
        yield Header()
        # Typing on the list focuses the filter with the first letter in it (on_key); selecting
        # the text on focus would let the next letter, already on its way, replace the first.
        yield Input(placeholder="Type to filter by case, officer, citation or tag", id="filter", select_on_focus=False)
        yield OptionList(id="library")
        yield Static(id="entry-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = "qi-tutor", "Library"
        self.query_one(Input).cursor_blink = False
        self.show_entries("")
        self.query_one(OptionList).focus()

    def show_entries(self, query: str) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_option(Option(self.due_label(), id=REVIEW))
        listing.add_option(Option(Content("Progress and statistics"), id=STATS))
        listing.add_option(None)
        shown = [e for e in self.entries if matches(e, query)]
        listing.add_options(Option(entry_content(e, self.unfinished.get(key(e))), id=key(e)) for e in shown)
        if shown:
            listing.highlighted = 3
        elif query:
            listing.add_option(Option(Content("No scenario matches that filter."), disabled=True))

    def due_label(self) -> Content:
        return Content(f"Review due ({'…' if self.due is None else self.due})")

    def show_due(self, due: int) -> None:
        self.due = due
        self.query_one(OptionList).replace_option_prompt(REVIEW, self.due_label())

    def on_screen_resume(self) -> None:
        # Reading the store waits for the frame, as the due count does; on coming back from a
        # walk it is read again, so a walk just left unfinished is marked.
        self.call_after_refresh(self.mark_unfinished)

    def mark_unfinished(self) -> None:
        found = self.recorder.unfinished()
        changed = {k for k in found.keys() | self.unfinished.keys() if found.get(k) != self.unfinished.get(k)}
        self.unfinished = found
        listing = self.query_one(OptionList)
        shown = {option.id for option in listing.options}
        for entry in self.entries:
            if key(entry) in changed and key(entry) in shown:
                listing.replace_option_prompt(key(entry), entry_content(entry, found.get(key(entry))))

    @on(Input.Changed)
    def filter_changed(self, event: Input.Changed) -> None:
        self.show_entries(event.value)

    @on(Input.Submitted)
    def filter_submitted(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted, "#library")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.entries if key(e) == event.option.id), None)
        text = inert(entry.summary) if entry is not None and entry.summary else Content("")
        self.query_one("#entry-summary", Static).update(text)

    @on(OptionList.OptionSelected, "#library")
    def selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == REVIEW:
            self.action_review()
        elif event.option.id == STATS:
            self.action_stats()
        else:
            entry = next(e for e in self.entries if key(e) == event.option.id)
            tutor_app(self).open_entry(entry)

    def on_key(self, event: events.Key) -> None:
        """Typing a letter anywhere on the library starts filtering."""
        filter_box = self.query_one(Input)
        if event.is_printable and event.character and event.character.isalnum() and not filter_box.has_focus:
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)
            event.stop()

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_review(self) -> None:
        tutor_app(self).start_review()

    def action_stats(self) -> None:
        tutor_app(self).action_stats()
