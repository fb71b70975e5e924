"""Exports round-trip into reports; xAPI statements carry what a learning record store requires."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid

from tests.store.conftest import RIGHT, T0, play
from tutor.store import export, report, xapi
from tutor.store.progress import ProgressStore

WRONG = {
    **RIGHT,
    "whose-facts": ["both"],
    "graham": {"severity": "neutral", "threat": "officer", "flight": "plaintiff"},
}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def student_store(tmp_path, name, mini, runs, digest="h"):
    store = ProgressStore(tmp_path / name / "progress.sqlite3")
    for answers in runs:
        play(store, mini, answers, content_hash=digest)
    return store


def test_rows_carry_everything_an_instructor_needs(store, mini):
    play(store, mini, WRONG)
    rows = export.export_rows(store, student="Ada")
    assert set(rows[0]) == set(export.FIELDS)
    first = rows[0]
    assert (first["student"], first["scenario_id"], first["content_hash"], first["node_id"]) == (
        "Ada",
        "mini-roe",
        "h",
        "whose-facts",
    )
    assert first["answer"] == ["both"] and first["full_marks"] is False
    assert first["misconceptions"] == ["officer-version-controls"] and first["tool_version"]
    assert all(ISO.match(r["answered_at"]) and r["answered_at"].endswith("+00:00") for r in rows)
    assert export.export_rows(store, since="2099-01-01") == []
    assert len(export.export_rows(store, since=T0.date().isoformat())) == len(rows)


def test_csv_and_markdown_forms(store, mini):
    play(store, mini, WRONG)
    rows = export.export_rows(store, student="Ada")
    parsed = list(csv.DictReader(io.StringIO(export.to_csv(rows))))
    assert len(parsed) == len(rows) and parsed[0]["misconceptions"] == "officer-version-controls"
    assert json.loads(parsed[1]["answer"]) == WRONG["graham"]
    text = export.to_markdown(rows, {"officer-version-controls": "Taking the officer's account"})
    assert "## By step" in text and "## By misconception" in text
    assert "| officer-version-controls | Taking the officer's account | 1 |" in text


def is_iri(value):
    return isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*:", value) is not None


def test_xapi_statements_have_the_required_structure(store, mini):
    play(store, mini, WRONG)
    rows = export.export_rows(store, student="Ada Lovelace")
    learner = xapi.Learner("https://school.example")
    statements = list(xapi.statements(rows, learner, xapi.versions_for({("mini-roe", "h"): mini})))
    answered = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    completed = [s for s in statements if s["verb"]["id"].endswith("/completed")]
    assert len(answered) == len(rows) and len(completed) == 1
    for s in statements:
        uuid.UUID(s["id"])
        assert s["actor"]["account"] == {"homePage": "https://school.example", "name": "Ada Lovelace"}
        assert s["verb"]["id"] in xapi.VERBS.values() and s["verb"]["display"]["en-US"]
        assert is_iri(s["object"]["id"]) and s["object"]["objectType"] == "Activity"
        assert ISO.match(s["timestamp"])
        score = s["result"].get("score")
        if score:
            assert -1 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]
        uuid.UUID(s["context"]["registration"])
        assert all(is_iri(key) for key in s["context"]["extensions"])
    kinds = {s["object"]["definition"]["interactionType"] for s in answered}
    assert kinds == {"choice", "matching", "fill-in"}
    choice = answered[0]
    assert choice["object"]["definition"]["type"] == xapi.INTERACTION
    assert choice["object"]["definition"]["correctResponsesPattern"] == ["plaintiff"]
    assert choice["result"] == {**choice["result"], "success": False, "response": "both"}
    matching = next(s for s in answered if s["object"]["definition"]["interactionType"] == "matching")
    assert matching["result"]["response"] == "severity[.]neutral[,]threat[.]officer[,]flight[.]plaintiff"
    assert {row["id"] for row in matching["object"]["definition"]["source"]} == {"severity", "threat", "flight"}
    assert completed[0]["result"]["completion"] is True and completed[0]["result"]["duration"].startswith("PT")
    assert len({s["id"] for s in statements}) == len(statements)
    assert all(s["context"]["registration"] == rows[0]["attempt_uuid"] for s in statements)


def test_report_merges_students_first_tries_and_keeps_versions_apart(tmp_path, mini):
    exports = tmp_path / "exports"
    exports.mkdir()
    ada = student_store(tmp_path, "ada", mini, [WRONG, RIGHT])  # wrong first, right second
    bob = student_store(tmp_path, "bob", mini, [RIGHT])
    cy = student_store(tmp_path, "cy", mini, [WRONG])
    old = student_store(tmp_path, "dee", mini, [WRONG], digest="old")
    (exports / "ada.jsonl").write_text(export.to_jsonl(export.export_rows(ada, "Ada")), encoding="utf-8")
    (exports / "bob.csv").write_text(export.to_csv(export.export_rows(bob, "Bob")), encoding="utf-8")
    (exports / "sub").mkdir()
    (exports / "sub" / "cy.jsonl").write_text(export.to_jsonl(export.export_rows(cy, "Cy")), encoding="utf-8")
    dee = tmp_path / "dee.jsonl"
    dee.write_text(export.to_jsonl(export.export_rows(old, "Dee")), encoding="utf-8")
    files, problems = report.export_files([exports, dee, exports / "ada.jsonl"])
    bad: list[str] = []
    built = report.build(report.read_exports(files, bad), [str(f) for f in files])
    assert not problems and not bad
    current, older = sorted(built.versions, key=lambda v: v.content_hash)
    assert (current.content_hash, older.content_hash) == ("h", "old")
    assert current.students == ["Ada", "Bob", "Cy"] and older.students == ["Dee"]
    facts = next(n for n in current.nodes if n.node_id == "whose-facts")
    assert (facts.students, facts.first_try_full_marks) == (3, 1)  # Ada's second, right try does not count
    assert (facts.top_wrong_answer, facts.top_wrong_count, facts.top_wrong_misconception) == (
        "both",
        2,
        "officer-version-controls",
    )
    text = report.to_markdown(built)
    assert "## mini-roe (version h)" in text and "| whose-facts | facts-standard | 3 | 1 (33%) | both (2) |" in text
    assert json.loads(json.dumps(built.to_dict()))["versions"][0]["nodes"][0]["share"] is not None


def test_report_names_the_file_and_line_of_a_bad_row(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"student": "Ada"}\n', encoding="utf-8")
    problems: list[str] = []
    assert list(report.read_exports([bad], problems)) == []
    assert problems[0].startswith(f"{bad}:1: missing scenario_id")
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    problems = []
    assert list(report.read_exports([broken], problems)) == []
    assert problems[0].startswith(f"{broken}:1: not a JSON line")
