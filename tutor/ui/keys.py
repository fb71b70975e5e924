"""Every key the tutor binds, read from the bindings themselves: the help screen and docs/keys.md."""

from __future__ import annotations

from textual.binding import Binding

NAMES = {
    "question_mark": "?",
    "exclamation_mark": "!",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "f1": "F1",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def contexts() -> list[tuple[str, type]]:
    """(where the keys work, the class that binds them), in the order a student meets them."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.doctrine import DoctrineScreen
    from tutor.ui.screens.glossary import GlossaryScreen
    from tutor.ui.screens.history import HistoryScreen
    from tutor.ui.screens.library import LibraryScreen
    from tutor.ui.screens.opinion import OpinionScreen
    from tutor.ui.screens.problems import ProblemsScreen
    from tutor.ui.screens.report import ReportScreen
    from tutor.ui.screens.scenario import ScenarioScreen
    from tutor.ui.screens.start import StartScreen
    from tutor.ui.screens.summary import SummaryScreen
    from tutor.ui.widgets.choice import ManyChoice, OneChoice
    from tutor.ui.widgets.court import QuoteBlock
    from tutor.ui.widgets.factors import ScaleSet
    from tutor.ui.widgets.short import MarksList, ShortAnswer

    return [
        ("Everywhere", TutorApp),
        ("Library", LibraryScreen),
        ("Choosing a mode", StartScreen),
        ("Reporting a problem", ReportScreen),
        ("Scenario", ScenarioScreen),
        ("One answer", OneChoice),
        ("Several answers", ManyChoice),
        ("Graham factors grid", ScaleSet),
        ("Short answer", ShortAnswer),
        ("Checking a short answer's mark", MarksList),
        ("A quote", QuoteBlock),
        ("Past answers", HistoryScreen),
        ("Opinion", OpinionScreen),
        ("Doctrine", DoctrineScreen),
        ("Glossary", GlossaryScreen),
        ("Summary", SummaryScreen),
        ("Scenario problems", ProblemsScreen),
    ]


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " or ".join(NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


# Keys Textual's own widgets give ours, which their BINDINGS do not declare as ours.
BUILT_IN: dict[str, list[tuple[str, str]]] = {
    "LibraryScreen": [
        ("↑ ↓", "Move"),
        ("Enter", "Open the highlighted scenario (from the list or the filter box)"),
        ("letters", "Filter (q quits while the filter is empty; in a filter being typed it is a letter)"),
    ],
    "StartScreen": [("↑ ↓", "Move"), ("Enter", "Choose")],
    "ReportScreen": [("Enter", "Save the report")],
    "OneChoice": [
        ("↑ ↓", "Move"),
        ("Enter", "Submit the highlighted choice; until you choose, nothing is highlighted"),
    ],
    "ManyChoice": [("↑ ↓", "Move")],
    "ScaleSet": [("↑ ↓", "Move"), ("Tab", "Next row")],
    "ShortAnswer": [("Enter", "New line"), ("Tab", "To the submit button")],
    "MarksList": [("↑ ↓", "Move")],
    "ScenarioScreen": [("Tab", "Next pane or quote")],
}


def key_rows(owner: type) -> list[tuple[str, str]]:
    """(keys, what they do) for `owner`: its own and its tutor base classes' bindings, then built-in keys."""
    rows: list[tuple[str, str]] = []
    for cls in reversed(owner.__mro__):
        if not cls.__module__.startswith("tutor."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            row = (key_label(binding), binding.description)
            if isinstance(binding, Binding) and binding.description and row not in rows:
                rows.append(row)
    return rows + BUILT_IN.get(owner.__name__, [])


PALETTE = ("ctrl+p", "Command palette: open a scenario, review, stats, help, change theme")
QUIT = ("ctrl+q", "Quit (every answer is already saved)")


def keys_markdown() -> str:
    """docs/keys.md, generated; a test keeps the file and the bindings in step."""
    out = ["# Keys", "", "Every key qi-tutor uses, by where it works. The help screen (`?`) shows the same list.", ""]
    for title, owner in contexts():
        rows = key_rows(owner)
        if owner.__name__ == "TutorApp":
            rows += [PALETTE, QUIT]
        if not rows:
            continue
        out += [f"## {title}", "", "| Key | Does |", "| --- | --- |"]
        out += [f"| `{key}` | {does} |" for key, does in rows]
        out.append("")
    return "\n".join(out)
