"""The facts pane: one tab per kind of fact, with the tabs a question needs brought forward."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from tutor.scenario.model import Facts, Scenario
from tutor.ui.render import bullets, clean, labelled, lines, plain

NEEDED = "• "  # marks the tabs the current question lists


def tab_title(scenario: Scenario, tab: str) -> str:
    for version in scenario.facts.versions:
        if version.id == tab:
            return version.label
    return tab.capitalize()


def tab_body(facts: Facts, tab: str) -> Content:
    if tab == "background":
        return plain(facts.background)
    if tab == "undisputed":
        return bullets(facts.undisputed)
    if tab == "witnesses":
        return lines(labelled(f"{clean(w.name)}: ", w.text) for w in facts.witnesses)
    if tab == "disputes":
        return Content("\n\n").join(
            lines([plain(d.point, "bold"), labelled("Plaintiff: ", d.plaintiff), labelled("Defendant: ", d.defendant)])
            for d in facts.disputes
        )
    version = next(v for v in facts.versions if v.id == tab)
    return plain(version.text)


class FactsPane(Vertical):
    """Background, undisputed facts, each side's account, witnesses and disputes."""

    def __init__(self, scenario: Scenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with TabbedContent(id="fact-tabs"):
            for tab in self.scenario.fact_tabs():
                with TabPane(plain(tab_title(self.scenario, tab)), id=f"fact-{tab}"):
                    with VerticalScroll(classes="fact-scroll"):
                        yield Static(tab_body(self.scenario.facts, tab), classes="fact-text")

    def bring_forward(self, needed: Sequence[str]) -> None:
        """Mark the tabs a question lists and show the first of them."""
        tabs = self.query_one(TabbedContent)
        known = self.scenario.fact_tabs()
        for tab in known:
            prefix = NEEDED if tab in needed else ""
            tabs.get_tab(f"fact-{tab}").label = Content.assemble(prefix, plain(tab_title(self.scenario, tab)))
        first = next((t for t in needed if t in known), None)
        if first is not None:
            tabs.active = f"fact-{first}"
