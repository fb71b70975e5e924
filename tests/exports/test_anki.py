"""The Anki deck, imported by Anki itself into a fresh collection: a note per decision point, updated on re-import."""

from __future__ import annotations

import shutil
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note

from tests.exports.conftest import SPECIALS, all_items, lines_shown, shown_text
from tutor.cli import main
from tutor.exports.anki import write_deck
from tutor.exports.items import Item, items
from tutor.scenario.graph import court_path
from tutor.study.playable import Playable, load_playable

T0 = 1_900_000_000.0


def fresh(tmp_path: Path) -> Collection:
    """A new, empty Anki collection in its own folder (Anki keeps media beside it)."""
    folder = tmp_path / "anki-profile"
    folder.mkdir()
    return Collection(str(folder / "collection.anki2"))


def imported(collection: Collection, package: Path):
    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log


def notes(collection: Collection) -> dict[tuple[str, str], Note]:
    found = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        found[(shown_text(note["Scenario"]), shown_text(note["Node"]))] = note
    return found


def decision_points(playables: list[Playable]) -> set[tuple[str, str]]:
    return {(p.scenario.id, n) for p in playables for n in court_path(p.scenario) if p.scenario.nodes[n].type != "end"}


def check_note(note: Note, item: Item) -> None:
    assert set(note.tags) == {f"qi-tutor::scenario::{item.scenario.id}", f"qi-tutor::step::{item.step}"}
    front = shown_text(note["Front"])
    assert item.prompt in front and item.title in front
    for label, fact in item.facts:
        assert f"{label}: {fact}" in front
    if item.kind in ("one", "many"):
        assert all(a.text in front for a in item.answers)
    assert lines_shown(note["Back"]) == [" ".join(line.split()) for _, line in item.answer_lines]


def test_the_bank_imports_as_one_note_per_decision_point_of_each_courts_path(
    bank: list[Playable], tmp_path: Path
) -> None:
    package = tmp_path / "bank.apkg"
    assert main(["export", "--format", "anki", "-o", str(package)]) == 0
    collection = fresh(tmp_path)
    try:
        log = imported(collection, package)
        found = notes(collection)
        assert len(log.new) == collection.note_count() == len(found)
        # The bank's command exports the shipped bank; every scenario in it is a deck of its own.
        assert set(found) == decision_points(bank)
        for item in all_items(bank, court_only=True):
            check_note(found[(item.scenario.id, item.node_id)], item)
        assert len(collection.decks.all_names_and_ids()) == len(bank) + 2  # the parent and Default
    finally:
        collection.close()


def test_reimport_after_a_text_change_adds_nothing_and_updates_the_changed_note(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    shutil.copytree(SPECIALS.parent, folder)
    scenario_file = folder / SPECIALS.name
    before = load_playable(scenario_file)
    first = tmp_path / "first.apkg"
    assert write_deck(items(before.scenario, before.context, before.quoted, court_only=True), first, timestamp=T0) == 6
    collection = fresh(tmp_path)
    try:
        assert len(imported(collection, first).new) == 6
        old_prompt = "Which follow? Choose every one"
        scenario_file.write_text(
            scenario_file.read_text(encoding="utf-8").replace(old_prompt, "Which of these follow? Choose each one"),
            encoding="utf-8",
        )
        after = load_playable(scenario_file)
        second = tmp_path / "second.apkg"
        write_deck(items(after.scenario, after.context, after.quoted, court_only=True), second, timestamp=T0 + 3600)
        log = imported(collection, second)
        assert len(log.new) == 0
        assert collection.note_count() == 6
        changed = notes(collection)[("lms-specials", "what-follows")]
        assert "Which of these follow? Choose each one" in shown_text(changed["Front"])
        assert old_prompt not in shown_text(changed["Front"])
        assert "what-follows" in {shown_text(collection.get_note(n.id.nid)["Node"]) for n in log.updated}
    finally:
        collection.close()


def test_the_specials_survive_in_the_deck(specials: Playable, tmp_path: Path) -> None:
    package = tmp_path / "specials.apkg"
    assert main(["export", "--format", "anki", "--scenario", str(SPECIALS), "-o", str(package)]) == 0
    collection = fresh(tmp_path)
    try:
        imported(collection, package)
        found = notes(collection)
        for item in all_items([specials], court_only=True):
            check_note(found[(item.scenario.id, item.node_id)], item)
        assert "Roe's: \"the plaintiff's\" {version} ~ = # : 'yes' *[x](y)* <i>i</i> & $1 `c` \\ |" in shown_text(
            found[("lms-specials", "whose-facts")]["Front"]
        )
    finally:
        collection.close()
