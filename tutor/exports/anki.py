"""An Anki deck (`.apkg`, built by `genanki`): one note per decision point of the court's path.

Front: the facts the node names and its question (with the choices, or the grid's
rows and scale). Back: the answer in the study layer's words, what the court held
with each quote's speaker and pin, and later law under "Since this decision".

Every id is derived from names, never drawn at random: the note type's and each
scenario's deck from fixed strings, each note's guid from its scenario and node ids.
Importing a newer export of the same scenario therefore updates its notes (Anki
keeps the student's review history) instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable
from pathlib import Path

from tutor.exports.items import Item, Line

LOST = (
    "What the deck leaves out: the wrong turns' branches (a note per decision point of the court's path),",
    "the order of the walk, per-choice feedback, the rows the court did not weigh (practice), and the",
    "short answer's rubric: Anki's review is self-rated, the tutor's is marked.",
)


class AnkiUnavailable(RuntimeError):
    """genanki is not installed (it comes with the `lms` extra)."""


def stable_id(*names: str) -> int:
    """An id in the range genanki recommends (2^30 to 2^31), the same for the same names on every run."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()
    return (1 << 30) + int(digest[:8], 16) % (1 << 30)


def text(value: str) -> str:
    return html.escape(value, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def tags(item: Item) -> list[str]:
    """Anki tags (no spaces): the scenario's id and the step, each under a parent tag."""
    return [f"qi-tutor::scenario::{item.scenario.id}", f"qi-tutor::step::{item.step}"]


def front(item: Item) -> str:
    facts = "".join(f"<p><b>{text(label)}:</b> {text(line)}</p>" for label, line in item.facts)
    question = f"<p><b>{text(item.title)}.</b> {text(item.prompt)}</p>"
    if item.kind in ("one", "many"):
        pick = "Choose one." if item.kind == "one" else "Choose every one that applies."
        options = "".join(f"<li>{text(a.text)}</li>" for a in item.answers)
        question += f"<p>{pick}</p><ol>{options}</ol>"
    elif item.kind == "matching":
        rows = "".join(f"<li>{text(a.text)}</li>" for a in item.answers)
        scale = "; ".join(text(label) for label in item.scale)
        question += f"<p>Weigh each factor ({scale}):</p><ul>{rows}</ul>"
    return facts + question


def back(lines: Iterable[Line]) -> str:
    return "".join(
        f"<p><b>{text(line)}</b></p>" if kind == "heading" else f"<p>{text(line)}</p>" for kind, line in lines
    )


CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; max-width: 46em; margin: auto; }"


def write_deck(all_items: Iterable[Item], path: Path, timestamp: float | None = None) -> int:
    """Write the `.apkg` to `path` and return its number of notes. Raises AnkiUnavailable without genanki.

    `timestamp` is the notes' modification time (default now): Anki updates a note on
    import only when the incoming one is newer.
    """
    try:
        import genanki
    except ImportError as error:
        raise AnkiUnavailable(str(error)) from None
    model = genanki.Model(
        stable_id("qi-tutor", "note type", "decision point"),
        "qi-tutor decision point",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Scenario"}, {"name": "Node"}],
        templates=[{"name": "Decision point", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        css=CSS,
    )
    decks: dict[str, genanki.Deck] = {}
    count = 0
    for item in all_items:
        scenario = item.scenario
        if scenario.id not in decks:
            description = text(f"{scenario.title}. {scenario.case.name}, {scenario.case.citation}. {' '.join(LOST)}")
            decks[scenario.id] = genanki.Deck(
                stable_id("qi-tutor", "deck", scenario.id), f"qi-tutor::{scenario.title}", description
            )
        note = genanki.Note(
            model=model,
            fields=[front(item), back(item.answer_lines), text(scenario.id), text(item.node_id)],
            guid=genanki.guid_for(scenario.id, item.node_id),
            tags=tags(item),
        )
        decks[scenario.id].add_note(note)
        count += 1
    genanki.Package(list(decks.values())).write_to_file(str(path), timestamp=timestamp)
    return count
