"""What a class's exports look like after students and spreadsheets have had them: each file is read
as written or refused with its file and line and a non-zero exit, never a report on a misread."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.store.conftest import RIGHT, play
from tests.store.test_export import WRONG
from tutor.cli import main
from tutor.store import export, report
from tutor.store.progress import ProgressStore
from tutor.store.rows import CSV_FIELD_LIMIT

HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'quoted", "Ada"]


@pytest.fixture
def rows(tmp_path, mini):
    """One student's wrong walk then right walk, as export rows."""
    with ProgressStore(tmp_path / "one" / "progress.sqlite3") as store:
        for answers in (WRONG, RIGHT):
            play(store, mini, answers)
        return export.export_rows(store, student="Ada")


def class_report(*paths):
    problems: list[str] = []
    built = report.build(report.read_exports(paths, problems))
    return built.to_dict()["versions"], problems


def cli_report(capsys, *paths):
    code = main(["report", "--format", "json", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, (json.loads(out)["versions"] if out else None), err


def test_csv_and_excel_csv_report_the_same_numbers_and_hostile_names_as_jsonl(tmp_path, rows, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    for index, name in enumerate(HOSTILE_NAMES):
        named = [{**row, "student": name} for row in rows]
        (folder / f"s{index}.jsonl").write_text(export.to_jsonl(named), encoding="utf-8")
        with open(folder / f"s{index}.csv", "w", encoding="utf-8", newline="") as handle:
            handle.write(export.to_csv(named, excel=index % 2 == 0))
    code, from_csv, err = cli_report(capsys, *sorted(folder.glob("*.csv")))
    assert code == 0, err
    code, from_jsonl, err = cli_report(capsys, *sorted(folder.glob("*.jsonl")))
    assert code == 0, err
    assert from_csv == from_jsonl and from_csv[0]["students"] == sorted(HOSTILE_NAMES)
    facts = next(n for n in from_csv[0]["nodes"] if n["node_id"] == "whose-facts")
    assert (facts["students"], facts["first_try_full_marks"]) == (len(HOSTILE_NAMES), 0)


def test_no_csv_cell_starts_with_a_formula_character(rows):
    named = [{**row, "student": name, "answer": "=cmd|' /C calc'!A0"} for row in rows for name in HOSTILE_NAMES]
    for cells in csv.reader(io.StringIO(export.to_csv(named))):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_excel_form_has_a_bom_and_crlf(rows):
    text = export.to_csv(rows, excel=True)
    assert text.startswith("\ufeffformat,student,") and text.count("\r\n") == len(rows) + 1


def test_what_spreadsheets_do_to_a_file_is_still_read(tmp_path, rows):
    expected, problems = class_report(_jsonl(tmp_path / "plain.jsonl", rows))
    assert not problems
    plain_csv = export.to_csv(rows)
    header, *body = list(csv.reader(io.StringIO(plain_csv)))
    forms = {
        "bom.jsonl": "\ufeff" + export.to_jsonl(rows),
        "bom.csv": "\ufeff" + plain_csv,
        "semicolon.csv": _write_csv([header, *body], ";"),
        "tab.csv": _write_csv([header, *body], "\t"),
        "upper.csv": _write_csv([header, *[[c.upper() if c in ("true", "false") else c for c in r] for r in body]]),
        "title.csv": _write_csv([header, *[[c.title() if c in ("true", "false") else c for c in r] for r in body]]),
        # pandas' DataFrame.to_csv(): an unnamed index column first, True/False, floats as 1.0.
        "pandas.csv": _write_csv(
            [
                ["", *header],
                *[[str(i), *[{"true": "True", "false": "False"}.get(c, c) for c in r]] for i, r in enumerate(body)],
            ]
        ),
    }
    for name, text in forms.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        assert class_report(path) == (expected, []), name


FORMAT_3 = ("seed", "chosen", "shown", "by_step")


def test_exports_of_the_first_format_still_read(tmp_path, rows):
    dropped = ("format", "attempt_uuid", "corrected_at", *FORMAT_3)
    old = [{k: v for k, v in row.items() if k not in dropped} for row in rows]
    for row in old:
        row["answered_at"] = row["answered_at"].replace(".000", "")
    expected, _ = class_report(_jsonl(tmp_path / "new.jsonl", rows))
    assert class_report(_jsonl(tmp_path / "old.jsonl", old)) == (expected, [])


def test_exports_of_the_second_format_still_read_as_jsonl_and_csv(tmp_path, rows):
    old = [{**{k: v for k, v in row.items() if k not in FORMAT_3}, "format": 2} for row in rows]
    expected, _ = class_report(_jsonl(tmp_path / "new.jsonl", rows))
    assert class_report(_jsonl(tmp_path / "old.jsonl", old)) == (expected, [])
    fields = [name for name in export.FIELDS if name not in FORMAT_3]
    table = [fields] + [
        [c for name, c in zip(export.FIELDS, export.csv_cells(r), strict=True) if name in fields] for r in old
    ]
    (tmp_path / "old.csv").write_text(_write_csv(table), encoding="utf-8")
    assert class_report(tmp_path / "old.csv") == (expected, [])


def _jsonl(path, rows):
    path.write_text(export.to_jsonl(rows), encoding="utf-8")
    return path


def _write_csv(table, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(table)
    return buffer.getvalue()


def _hostile(rows):
    """(file name, content, the line and words the refusal must name) for files no report may misread."""
    row = rows[0]
    line = json.dumps(row)
    deep = "[" * 1000 + "]" * 1000
    cells = export.csv_cells(row)
    header = ",".join(export.FIELDS)
    return [
        ("wrong-type.jsonl", json.dumps({**row, "seq": "3"}) + "\n", 1, "seq wants a whole number"),
        ("bool-type.jsonl", line + "\n" + json.dumps({**row, "full_marks": "yes"}) + "\n", 2, "full_marks"),
        ("list.jsonl", "[1, 2]\n", 1, "not an object"),
        ("string.jsonl", '"hello"\n', 1, "not an object"),
        ("deep.jsonl", json.dumps({**row, "answer": None})[:-1] + ', "x": ' + deep + "}\n", 1, "deep"),
        ("nan.jsonl", line.replace('"earned": 0.0', '"earned": NaN') + "\n", 1, "NaN"),
        ("answer.jsonl", json.dumps({**row, "answer": {"a": 1}}) + "\n", 1, "answer"),
        ("kind.jsonl", json.dumps({**row, "kind": "essay"}) + "\n", 1, "kind"),
        ("time.jsonl", json.dumps({**row, "answered_at": "yesterday"}) + "\n", 1, "answered_at"),
        ("future.jsonl", json.dumps({**row, "format": 99}) + "\n", 1, "newer qi-tutor"),
        ("by-step.jsonl", json.dumps({**row, "by_step": {"violation": [1]}}) + "\n", 1, "by_step wants"),
        ("shown.jsonl", json.dumps({**row, "shown": "both"}) + "\n", 1, "shown wants a list"),
        ("seed.jsonl", json.dumps({**row, "seed": -1}) + "\n", 1, "seed wants a whole number"),
        ("by-step.csv", _csv_with(row, by_step='{"violation": ["x", 1]}'), 2, "by_step wants a number"),
        ("chosen.csv", _csv_with(row, chosen='"text"'), 2, "chosen wants a list"),
        ("time.csv", _csv_with(row, answered_at="yesterday"), 2, "answered_at wants an ISO 8601 time"),
        ("zone.csv", _csv_with(row, answered_at="2026-03-02T09:00:00"), 2, "answered_at wants a time with its UTC"),
        ("attempt.csv", _csv_with(row, attempt_id="-1"), 2, "attempt_id wants a whole number from 0"),
        ("cp1252.csv", None, 2, "not UTF-8"),
        ("huge.csv", header + "\n" + ",".join([*cells[:-1], "x" * (CSV_FIELD_LIMIT + 1)]) + "\n", 2, "CSV"),
        ("nan.csv", _csv_with(row, earned="nan"), 2, "finite"),
        ("bool.csv", _csv_with(row, full_marks="maybe"), 2, "true or false"),
        ("deep.csv", _csv_with(row, answer=deep), 2, "deep"),
        ("short.csv", header + "\n" + ",".join(cells[:5]) + "\n", 2, "cells"),
        ("header.csv", "name,score\nAda,1\n", 1, "header lacks"),
    ]


def _csv_with(row, **cells):
    return export.to_csv([row]).replace(export.to_csv([row]).splitlines()[1], _replaced(row, cells))


def _replaced(row, cells):
    values = dict(zip(export.FIELDS, export.csv_cells(row), strict=True)) | cells
    return _write_csv([list(values.values())]).rstrip("\n")


def test_hostile_files_are_refused_with_file_and_line_and_a_non_zero_exit(tmp_path, rows, capsys):
    for name, text, line, words in _hostile(rows):
        path = tmp_path / name
        if text is None:  # a name Excel saved as Windows-1252
            path.write_bytes(export.to_csv([{**rows[0], "student": "Zoë"}]).encode("cp1252"))
        else:
            path.write_text(text, encoding="utf-8", newline="")
        code, _, err = cli_report(capsys, path)
        assert code == 1, name
        assert f"{path}:{line}: " in err and words in err, (name, err)
        assert "Traceback" not in err


def test_a_folder_of_xapi_files_is_pointed_to_the_xapi_reader_once_per_file(tmp_path, capsys, rows):
    from tutor.store import xapi

    folder = tmp_path / "statements"
    folder.mkdir()
    for name in ("ada", "bob"):
        statements = xapi.statements(rows, xapi.Learner("https://school.example"))
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(s) + "\n" for s in statements), encoding="utf-8")
    code, _, err = cli_report(capsys, folder)
    assert code == 1 and err.count("report --xapi") == 2 and err.count(":1: an xAPI statements file") == 2
    code = main(["report", "--xapi", "--format", "json", str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["versions"] == class_report(_jsonl(tmp_path / "ada.jsonl", rows))[0]


def test_a_good_file_beside_a_bad_one_still_reports_but_exits_non_zero(tmp_path, rows, capsys):
    good = _jsonl(tmp_path / "good.jsonl", rows)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(["[]"] * 30) + "\n", encoding="utf-8")
    code, versions, err = cli_report(capsys, good, bad)
    assert code == 1 and versions and versions[0]["students"] == ["Ada"]
    assert err.count(f"{bad}:") == report.MAX_PROBLEMS_PER_FILE + 1 and "20 more row(s) refused" in err


def test_a_fifo_among_the_exports_is_named_not_waited_on(tmp_path, rows, capsys):
    import os

    folder = tmp_path / "class"
    folder.mkdir()
    _jsonl(folder / "ada.jsonl", rows)
    os.mkfifo(folder / "bob.jsonl")
    code, versions, err = cli_report(capsys, folder, folder / "bob.jsonl")
    assert code == 1 and versions[0]["students"] == ["Ada"] and "bob.jsonl: is a FIFO, not a file" in err
