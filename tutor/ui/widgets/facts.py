"""The facts pane: one tab per kind of fact, with the tabs a question needs brought forward."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from tutor.scenario.model import Scenario
from tutor.study.quoted import QuotedWords
from tutor.study.said import fact_rows, tab_label
from tutor.ui.render import inert, row_content

NEEDED = "• "  # marks the tabs the current question lists


BULLET = {"item": "• "}  # the pane's layout for each kind of fact row


def tab_body(scenario: Scenario, tab: str, quoted: QuotedWords) -> Content:
    parts: list[Content] = []
    for kind, row in fact_rows(scenario, tab, quoted):
        if kind == "point" and parts:  # a blank line before each dispute after the first
            parts.append(Content(""))
        parts.append(Content(BULLET.get(kind, "")) + row_content(row))
    return Content("\n").join(parts)


class FactsPane(Vertical):
    """Background, undisputed facts, each side's account, witnesses and disputes."""

    def __init__(self, scenario: Scenario, quoted: QuotedWords, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario, self.quoted = scenario, quoted

    def compose(self) -> ComposeResult:
        with TabbedContent(id="fact-tabs"):
            for tab in self.scenario.fact_tabs():
                with (
                    TabPane(inert(tab_label(self.scenario, tab)), id=f"fact-{tab}"),
                    VerticalScroll(classes="fact-scroll"),
                ):
                    yield Static(tab_body(self.scenario, tab, self.quoted), classes="fact-text")

    def bring_forward(self, needed: Sequence[str]) -> None:
        """Mark the tabs a question lists and show the first of them."""
        tabs = self.query_one(TabbedContent)
        known = self.scenario.fact_tabs()
        for tab in known:
            prefix = NEEDED if tab in needed else ""
            tabs.get_tab(f"fact-{tab}").label = Content.assemble(prefix, inert(tab_label(self.scenario, tab)))
        first = next((t for t in needed if t in known), None)
        if first is not None:
            tabs.active = f"fact-{first}"
