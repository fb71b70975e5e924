"""Clicks and keys that arrive the way a browser page (`qi-tutor serve`) sends them."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.ui.conftest import screen_text, wait_for
from tutor.ui.app import TutorApp
from tutor.ui.screens.library import LibraryScreen
from tutor.ui.screens.start import StartScreen

App = Callable[..., TutorApp]


async def press_and_release(pilot: Pilot, listing: OptionList, option_id: str) -> None:
    """A mouse press and release on option `option_id`, handed to the app as its driver hands them.

    (Pilot's `click` hands them to the screen, past the app's own event handling.)
    """
    index = next(i for i, option in enumerate(listing.options) if option.id == option_id)
    line = next(y for y, (at, part) in enumerate(listing._lines) if at == index and part == 0)
    x, y = listing.content_region.x + 4, listing.content_region.y + line - listing.scroll_offset.y
    for kind in (events.MouseDown, events.MouseUp):
        pilot.app.post_message(kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
    await pilot.pause()


async def test_the_click_that_brings_focus_back_only_focuses(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        listing = app.screen.query_one("#library", OptionList)
        await wait_for(pilot, lambda: any(o.id == "mini-roe" for o in listing.options), "the rows")
        # The page loses and regains focus (a click into it), then the press arrives.
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert not listing.has_focus
        app.post_message(events.AppFocus())
        await pilot.pause()
        await press_and_release(pilot, listing, "mini-roe")
        assert isinstance(app.screen, LibraryScreen), "the focusing click opened a scenario"
        assert listing.has_focus
        # The next click on the same row is a click.
        await press_and_release(pilot, listing, "mini-roe")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the mode choice")


async def test_a_key_first_means_clicks_count_again(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        listing = app.screen.query_one("#library", OptionList)
        await wait_for(pilot, lambda: any(o.id == "mini-roe" for o in listing.options), "the rows")
        app.post_message(events.AppBlur())
        app.post_message(events.AppFocus())
        await pilot.press("down")  # focus came by the keyboard (Tab into the page)
        await press_and_release(pilot, listing, "mini-roe")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the mode choice")


async def test_letters_typed_on_the_list_all_reach_the_filter(make_app: App) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        # The first letter moves the focus to the filter; the next ones must add to it, not replace it.
        for letter in "roe":
            app.post_message(events.Key(letter, letter))
            await pilot.pause()
        filter_box = app.screen.query_one("#filter", Input)
        await wait_for(pilot, lambda: filter_box.value == "roe", f"'roe' in the filter, not {filter_box.value!r}")
        assert "Roe v. Doe" in screen_text(app)
