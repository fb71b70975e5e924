"""`qi-tutor roster` maps class-mode pseudonyms back to names, and `report --roster` shows them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.store.conftest import RIGHT, play
from tests.store.test_export import WRONG
from tutor.cli import main
from tutor.scenario.load import content_hash, load_scenario
from tutor.store.progress import ProgressStore
from tutor.store.xapi import pseudonym

KEY = "law-101-fall"
MINI = DATA / "bank" / "mini.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hand_in(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two students' class-mode statements, exported on their own machines into the instructor's folder."""
    mini = load_scenario(MINI)[0]
    folder = tmp_path / "hand-in"
    folder.mkdir()
    monkeypatch.setenv("QI_TUTOR_CLASS_KEY", KEY)
    for name, answers in (("Ada Lovelace", WRONG), ("Bob", RIGHT)):
        machine = tmp_path / name.split()[0]
        with ProgressStore(machine / "progress.sqlite3") as store:
            play(store, mini, answers, content_hash=content_hash(MINI))
        code, _, err = run(
            capsys,
            *("export", "--format", "xapi", "--student", name, "--data-dir", str(machine)),
            *("--bank", str(DATA / "bank"), "-o", str(folder / f"{name.split()[0]}.jsonl")),
        )
        assert code == 0, err
    monkeypatch.delenv("QI_TUTOR_CLASS_KEY")
    return folder


def test_the_roster_puts_names_back_on_a_class_report(capsys, tmp_path, hand_in):
    assert "Ada" not in "".join(p.read_text() for p in hand_in.iterdir())  # no name left a machine
    (tmp_path / "class.key").write_text(KEY + "\n")
    (tmp_path / "names.txt").write_text("# the class list\nAda Lovelace\n\nBob\n")
    roster = tmp_path / "roster.csv"
    code, _, err = run(
        capsys,
        "roster",
        "--key-file",
        str(tmp_path / "class.key"),
        "--names",
        str(tmp_path / "names.txt"),
        "=Cy",
        "-o",
        str(roster),
    )
    assert code == 0 and "keep it with the key" in err
    rows = list(csv.reader(io.StringIO(roster.read_text())))
    assert rows == [
        ["pseudonym", "name"],
        [pseudonym(KEY, "=Cy"), "'=Cy"],  # a name a spreadsheet would compute stays text
        [pseudonym(KEY, "Ada Lovelace"), "Ada Lovelace"],
        [pseudonym(KEY, "Bob"), "Bob"],
    ]
    code, out, _ = run(capsys, "report", "--xapi", "--format", "json", str(hand_in))
    assert code == 0 and json.loads(out)["versions"][0]["students"] == sorted(
        [pseudonym(KEY, "Ada Lovelace"), pseudonym(KEY, "Bob")]
    )
    code, out, err = run(capsys, "report", "--xapi", "--roster", str(roster), str(hand_in))
    assert code == 0, err
    assert "2 student(s): Ada Lovelace, Bob" in out and "p-" not in out


def test_a_roster_made_with_another_key_names_nobody(capsys, tmp_path, hand_in, monkeypatch):
    monkeypatch.setenv("QI_TUTOR_CLASS_KEY", "another-class")
    code, out, _ = run(capsys, "roster", "Ada Lovelace", "Bob")
    assert code == 0 and pseudonym("another-class", "Bob") in out
    (tmp_path / "other.csv").write_text(out)
    code, out, _ = run(capsys, "report", "--xapi", "--roster", str(tmp_path / "other.csv"), str(hand_in))
    assert code == 0 and "Bob" not in out and out.count("p-") == 2


def test_roster_problems_are_named(capsys, tmp_path, hand_in):
    code, _, err = run(capsys, "roster", "Ada")
    assert code == 2 and "no class key" in err
    (tmp_path / "empty.key").write_text("\n")
    code, _, err = run(capsys, "roster", "--key-file", str(tmp_path / "empty.key"), "Ada")
    assert code == 2 and "holds no key" in err
    code, _, err = run(capsys, "roster", "--key-file", str(tmp_path / "nowhere.key"), "Ada")
    assert code == 2 and "cannot read" in err and "Traceback" not in err
    (tmp_path / "class.key").write_text(KEY)
    code, _, err = run(capsys, "roster", "--key-file", str(tmp_path / "class.key"))
    assert code == 2 and "no names" in err
    bad = tmp_path / "bad.csv"
    bad.write_text(f"pseudonym,name\n{pseudonym(KEY, 'Bob')},Bob\nBob,Robert\n{pseudonym(KEY, 'Bob')},Rob\n")
    code, out, err = run(capsys, "report", "--xapi", "--roster", str(bad), str(hand_in))
    assert code == 1 and "Bob" in out
    assert f"{bad}:3: wants a pseudonym" in err and f"{bad}:4: {pseudonym(KEY, 'Bob')} is already 'Bob'" in err
    (tmp_path / "names.csv").write_text("student,score\nAda,1\n")
    code, _, err = run(capsys, "report", "--xapi", "--roster", str(tmp_path / "names.csv"), str(hand_in))
    assert code == 1 and f"{tmp_path / 'names.csv'}:1: not a roster" in err
    code, _, err = run(capsys, "report", "--xapi", "--roster", str(tmp_path / "missing.csv"), str(hand_in))
    assert code == 2 and "--roster: cannot read" in err
