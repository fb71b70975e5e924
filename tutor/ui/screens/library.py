"""The library: the review and progress entries, then every scenario grouped by case, in course order.

Each case is named once, then a line per scenario (its part of the case, its length,
where the student stands); the study layer (`tutor.study.library`) decides the order
and the words, from the bank's course file. Typing filters; Enter opens the
highlighted scenario, from the list or the filter box.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tutor.scenario.bank import Course, LibraryEntry
from tutor.study.library import by_case, scenario_line
from tutor.ui.reach import tutor_app
from tutor.ui.render import inert

if TYPE_CHECKING:
    from tutor.store.progress import Unfinished
    from tutor.study.recorder import Recorder

REVIEW, STATS = "__review__", "__stats__"
CASE = "__case__:"  # a case's heading: an option that cannot be chosen


def key(entry: LibraryEntry) -> str:
    """The option id: the scenario id, or the path of a file too broken to have one."""
    return entry.id or str(entry.path)


def broken_content(entry: LibraryEntry) -> Content:
    assert entry.problem is not None
    return Content.assemble(
        inert(entry.path.name, "bold"), ": ", ("✗ cannot be played: ", "bold"), inert(entry.problem.message)
    )


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
        # Priority: the filter box would otherwise take q as text and Esc as nothing.
        Binding("q", "quit_or_type", "Quit", priority=True, id="library-quit"),
        Binding("escape", "clear_or_quit", "Clear the filter, or quit", show=False, priority=True, id="library-esc"),
    ]

    def __init__(self, entries: Sequence[LibraryEntry], recorder: Recorder, course: Course | None = None) -> None:
        super().__init__()
        self.entries = list(entries)
        self.course = course or Course()
        self.recorder = recorder  # where the unfinished attempts are read
        self.review: str | None = None  # the review entry's words, read after the first frame
        self.unfinished: dict[str, Unfinished] = {}  # scenario id -> its unfinished attempt, read after the frame
        self.finished: set[str] = set()  # scenarios walked to the end at least once

    def compose(self) -> ComposeResult:
        yield Header()
        # Not select_on_focus: the letter that moved focus here would be replaced by the next one.
        yield Input(placeholder="Type to filter by case, officer, citation or tag", id="filter", select_on_focus=False)
        with Vertical(id="library-pane"):
            yield OptionList(id="library")
            yield Static(id="entry-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.title, self.sub_title = "qi-tutor", "Library"
        self.query_one(Input).cursor_blink = False
        self.show_entries("")
        self.query_one(OptionList).focus()

    @property
    def filter_text(self) -> str:
        return self.query_one(Input).value

    def line(self, entry: LibraryEntry) -> Content:
        shown = scenario_line(entry, self.course, self.unfinished.get(key(entry)), key(entry) in self.finished)
        return Content("  ") + inert(shown)

    def show_entries(self, query: str) -> None:
        options = [
            Option(self.review_label(), id=REVIEW),
            Option(Content("Progress and statistics"), id=STATS),
        ]
        first = None
        for group in by_case((e for e in self.entries if matches(e, query)), self.course):
            options.append(Option(inert(group.heading, "bold"), id=CASE + group.heading, disabled=True))
            first = len(options) if first is None else first
            options += [Option(self.line(entry), id=key(entry)) for entry in group.entries]
        broken = [e for e in self.entries if e.broken and matches(e, query)]
        options += [Option(broken_content(e), id=key(e)) for e in broken]
        for problem in self.course.problems:
            text = Content("The course cannot be read (see qi-tutor validate): ") + inert(problem.render())
            options.append(Option(text, disabled=True))
        if first is None and query and not broken:
            options.append(Option(Content("No scenario matches that filter."), disabled=True))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)  # at once: each call lays the whole list out again
        if first is not None:
            listing.highlighted = first

    def review_label(self) -> Content:
        return Content(self.review or "Review: …")

    def show_review(self, review: str) -> None:
        self.review = review
        self.query_one(OptionList).replace_option_prompt(REVIEW, self.review_label())

    def on_screen_resume(self) -> None:
        # Reading the store (and loading the scheduler, for the review entry) waits for the first
        # frame; on coming back from a walk it is read again, so the walk's marks are current.
        self.call_after_refresh(self.mark_progress)

    def mark_progress(self) -> None:
        found, finished = self.recorder.unfinished(), self.recorder.finished()
        changed = {k for k in found.keys() | self.unfinished.keys() if found.get(k) != self.unfinished.get(k)}
        changed |= finished ^ self.finished
        self.unfinished, self.finished = found, finished
        listing = self.query_one(OptionList)
        shown = {option.id for option in listing.options}
        for entry in self.entries:
            if key(entry) in changed and key(entry) in shown and not entry.broken:
                listing.replace_option_prompt(key(entry), self.line(entry))
        tutor_app(self).show_review()  # and a walk just played may have scheduled its decision points

    @on(Input.Changed)
    def filter_changed(self, event: Input.Changed) -> None:
        self.show_entries(event.value)

    @on(Input.Submitted)
    def filter_submitted(self) -> None:
        """Enter in the filter box opens the highlighted match, as Enter on the list does."""
        listing = self.query_one(OptionList)
        listing.focus()
        option = listing.highlighted_option
        if option is not None and option.id not in (REVIEW, STATS):
            self.open(option.id)

    @on(OptionList.OptionHighlighted, "#library")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.entries if key(e) == event.option.id), None)
        self.query_one("#entry-summary", Static).update(self.details(entry) if entry else Content(""))

    def details(self, entry: LibraryEntry) -> Content:
        """Below the list, where the window has room: why the course puts it here, who, what it covers."""
        lines = []
        place, why = self.course.position(entry.id), self.course.why(entry.id)
        if place is not None and why is not None:
            lines.append(Content(f"In the course, {place} of {len(self.course.stops)}: ") + inert(why, "italic"))
        who = [entry.defendant] if entry.defendant else []
        lines += [inert(" · ".join([*who, "tags: " + ", ".join(entry.tags)] if entry.tags else who))]
        if entry.summary:
            lines.append(inert(entry.summary))
        return Content("\n").join(line for line in lines if line)

    @on(OptionList.OptionSelected, "#library")
    def selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == REVIEW:
            self.action_review()
        elif event.option.id == STATS:
            self.action_stats()
        else:
            self.open(event.option.id)

    def open(self, option_id: str | None) -> None:
        entry = next((e for e in self.entries if key(e) == option_id), None)
        if entry is not None:
            tutor_app(self).open_entry(entry)

    def on_key(self, event: events.Key) -> None:
        """Typing a letter anywhere on the library starts filtering.

        Once a filter is under way every printable key joins it: keys typed fast can arrive
        before the filter box has the focus, and "floyd city" must not become "floydcity".
        """
        filter_box = self.query_one(Input)
        typing = event.character is not None and (event.character.isalnum() or bool(self.filter_text))
        if event.is_printable and event.character and typing and not filter_box.has_focus:
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)
            event.stop()

    def action_quit_or_type(self) -> None:
        """q quits while the filter is empty; in a filter being typed it is a letter like any other."""
        if not self.filter_text:
            tutor_app(self).exit()
            return
        filter_box = self.query_one(Input)
        filter_box.focus()
        filter_box.insert_text_at_cursor("q")

    def action_clear_or_quit(self) -> None:
        """Esc clears a filter first, then quits."""
        if self.filter_text:
            self.query_one(Input).value = ""
            self.query_one(OptionList).focus()
        else:
            tutor_app(self).exit()

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_review(self) -> None:
        tutor_app(self).start_review()

    def action_stats(self) -> None:
        tutor_app(self).action_stats()
