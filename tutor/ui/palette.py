"""The command palette: every scenario in the library, and the app's own actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from tutor.terminal_text import clean
from tutor.ui.reach import tutor_app
from tutor.ui.render import inert


def highlighted(matcher: Matcher, title: str) -> Content:
    """The palette's fuzzy highlight, over inert text (Matcher.highlight parses markup)."""
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    content = inert(title)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class ScenarioCommands(Provider):
    """ctrl+p, then type part of a case name, an officer, or an action."""

    def commands(self) -> list[tuple[str, object, str]]:
        app = tutor_app(self.screen)
        found: list[tuple[str, object, str]] = [
            ("Review due questions", app.action_review, "Spaced review of the decision points that are due"),
            ("Progress and statistics", app.action_stats, "Attempts, scores and weak steps"),
            ("Keys and help", app.action_help, "Every key the tutor uses"),
        ]
        for entry in getattr(app, "entries", []):
            if entry.problem is not None:  # listed, marked, and opening it shows what is wrong
                title = clean(f"Broken: {entry.path.name}")
                found.append((title, partial(app.open_entry, entry), clean(entry.problem.message)[:120]))
                continue
            title = clean(f"Open {entry.case_name}: {entry.title}")
            found.append((title, partial(app.open_entry, entry), clean(entry.citation or "")))
        return found

    async def discover(self) -> Hits:
        for title, callback, help_text in self.commands():
            yield DiscoveryHit(inert(title), callback, text=title, help=escape(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(matcher, title), callback, text=title, help=escape(help_text))  # type: ignore[arg-type]
