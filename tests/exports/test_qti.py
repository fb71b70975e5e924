"""QTI 1.2 for Canvas, built by text2qti and read back from the zip: one item per question, its correct answers."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.exports.conftest import SPECIALS, all_items, lines_shown, shown_text
from tutor.cli import main
from tutor.exports.items import Item
from tutor.exports.qti import qti_zip
from tutor.study.playable import Playable

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


@dataclass
class ReadItem:
    title: str
    kind: str
    points: float
    text: str
    choices: list[str]
    correct: list[str]
    feedback: str


def read_items(package: bytes) -> list[ReadItem]:
    """Every item of the package's one assessment, as Canvas would read it."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert "imsmanifest.xml" in archive.namelist()
        (name,) = [n for n in archive.namelist() if n.endswith(".xml") and "/" in n and "assessment_meta" not in n]
        root = ET.fromstring(archive.read(name))
    out = []
    for item in root.iter(f"{{{NS['q']}}}item"):
        fields = {
            f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in item.iterfind(".//q:qtimetadatafield", NS)
        }
        text = item.find("q:presentation/q:material/q:mattext", NS)
        labels = {
            label.get("ident"): shown_text(label.findtext(".//q:mattext", namespaces=NS) or "").strip()
            for label in item.iterfind(".//q:response_label", NS)
        }
        right: list[str] = []
        for condition in item.iterfind(".//q:respcondition", NS):
            if condition.findtext("q:setvar", namespaces=NS) == "100":
                # The idents under <not> are the wrong answers of a multiple-answers question.
                negated = {v.text for n in condition.iterfind(".//q:not", NS) for v in n.iterfind(".//q:varequal", NS)}
                right = [
                    labels[v.text] for v in condition.iterfind(".//q:varequal", NS) if v.text not in negated and v.text
                ]
        general = item.find("q:itemfeedback[@ident='general_fb']//q:mattext", NS)
        out.append(
            ReadItem(
                title=item.get("title") or "",
                kind=fields["question_type"] or "",
                points=float(fields["points_possible"] or 0),
                text=shown_text(text.text or "") if text is not None else "",
                choices=list(labels.values()),
                correct=right,
                feedback=general.text or "" if general is not None else "",
            )
        )
    return out


def expected(items: list[Item]) -> list[tuple[Item, str | None]]:
    """(item, grid row or None): text2qti has no matching type, so a grid is a question per weighed row."""
    out: list[tuple[Item, str | None]] = []
    for item in items:
        out += [(item, row.text) for row in item.answers] if item.kind == "matching" else [(item, None)]
    return out


def one_line(text: str) -> str:
    """text2qti's texts sit on one line: an author's line break is a space, as HTML would show it anyway."""
    return " ".join(text.split())


def check(read: ReadItem, item: Item, row: str | None) -> None:
    flat = one_line(read.text)
    assert one_line(item.prompt) in flat and one_line(item.title) in flat and one_line(item.title) in read.title
    for label, fact in item.facts:
        assert one_line(f"{label}: {fact}") in flat
    assert lines_shown(read.feedback) == [" ".join(line.split()) for _, line in item.answer_lines]
    if item.kind == "essay":
        assert read.kind == "essay_question" and read.correct == []
        return
    if row is not None:
        assert one_line(row) in flat
        assert read.kind == "multiple_choice_question"
        assert read.choices == [one_line(label) for label in item.scale]
        assert read.correct == [one_line(next(r.match for r in item.answers if r.text == row))]
        return
    assert read.kind == ("multiple_choice_question" if item.kind == "one" else "multiple_answers_question")
    assert read.choices == [one_line(a.text) for a in item.answers]
    assert read.correct == [one_line(text) for text in item.correct]
    assert read.points == item.points


def test_every_item_of_the_specials_fixture_reads_back_with_its_correct_answers(
    specials: Playable, tmp_path: Path
) -> None:
    out = tmp_path / "specials.zip"
    assert main(["export", "--format", "qti", "--scenario", str(SPECIALS), "-o", str(out)]) == 0
    read = read_items(out.read_bytes())
    want = expected(all_items([specials]))
    assert len(read) == len(want) == 10  # 5 choice questions, a 3-row and a 2-row grid, an essay
    for got, (item, row) in zip(read, want, strict=True):
        check(got, item, row)
    first = read[0]
    assert "Roe's: \"the plaintiff's\" {version} ~ = # : 'yes' *[x](y)* <i>i</i> & $1 `c` \\ |" in first.choices
    assert "Roe's yard: {a fence} ~ = # and \"quotes\", 'single', <b>not bold</b> & *not emphasis* $5" in first.text


def test_the_whole_bank_builds_and_reads_back_item_for_item(bank: list[Playable]) -> None:
    items = all_items(bank)
    read = read_items(qti_zip("The bank", items))
    want = expected(items)
    assert len(read) == len(want)
    for got, (item, row) in zip(read, want, strict=True):
        check(got, item, row)


def test_qti_and_anki_need_a_file(capsys) -> None:
    assert main(["export", "--format", "qti"]) == 2
    assert "-o FILE.zip" in capsys.readouterr().err
