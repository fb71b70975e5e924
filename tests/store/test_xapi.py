"""Statements that never conflict in an LRS: ids follow content, corrections void, actors name a class."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.store.conftest import RIGHT, T0, play
from tutor.store import export, xapi, xapi_read
from tutor.store.progress import ProgressStore

SCHOOL = xapi.Learner("https://school.example")


def ids(statements):
    return [s["id"] for s in statements]


def test_the_same_answers_give_the_same_ids_and_anything_else_new_ones(store, mini):
    store.keep_version(mini, "h")
    play(store, mini, RIGHT)
    rows = export.export_rows(store, student="Ada")
    kept = store.versions()
    first = list(xapi.statements(rows, SCHOOL, kept))
    assert ids(first) == ids(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL, kept))
    assert len(set(ids(first))) == len(first)
    elsewhere = list(xapi.statements(rows, xapi.Learner("https://other.example"), kept))
    assert not set(ids(first)) & set(ids(elsewhere))
    edited = [{**row, "content_hash": "h2"} for row in rows]
    assert not set(ids(first)) & set(ids(xapi.statements(edited, SCHOOL, kept)))
    bob = [{**row, "student": "Bob"} for row in rows]
    assert not set(ids(first)) & set(ids(xapi.statements(bob, SCHOOL, kept)))


def test_two_attempts_in_the_same_millisecond_do_not_share_ids(store, mini):
    play(store, mini, RIGHT, when=T0)
    play(store, mini, RIGHT, when=T0)
    rows = export.export_rows(store, student="Ada")
    assert len({row["attempt_uuid"] for row in rows}) == 2
    statements = list(xapi.statements(rows, SCHOOL))
    assert len(set(ids(statements))) == len(statements)


def test_the_definition_comes_from_the_version_answered_on_after_the_file_changes(tmp_path, mini):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        store.start_attempt(mini.id, "h", "tutor", scenario=mini)  # keeps this version's questions
        play(store, mini, RIGHT)
        rows = export.export_rows(store, student="Ada")
        before = list(xapi.statements(rows, SCHOOL, store.versions()))
    with ProgressStore(tmp_path / "p.sqlite3") as store:  # the scenario file is gone or edited: no `mini`
        after = list(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL, store.versions()))
    assert before == after
    choice = next(s for s in after if s["object"]["id"].endswith("/whose-facts"))
    assert choice["object"]["definition"]["description"]["en-US"] == mini.nodes["whose-facts"].prompt


def test_practice_rows_are_not_in_the_answer_key(mini):
    grid = xapi.definition("factors", "graham", mini)
    (pattern,) = grid["correctResponsesPattern"]
    assert "severity[.]" not in pattern and "threat[.]plaintiff" in pattern  # severity is court_weighed: false


def test_a_corrected_mark_is_the_mark_then_a_voiding_then_the_correction(store, mini):
    attempt, session = play(store, mini, {**RIGHT, "state-right": "He had rights."}, finish=False)
    outcome = session.correct_short("state-right", ["unarmed", "no-threat", "shot"])
    store.record_correction(attempt, outcome)
    store.finish_attempt(attempt, now=T0)
    rows = export.export_rows(store, student="Ada")
    statements = list(xapi.statements(rows, SCHOOL))
    marked, corrected = (s for s in statements if s["object"]["id"].endswith("/nodes/state-right"))
    voiding = next(s for s in statements if s["object"]["id"] == marked["id"])
    assert marked["result"]["success"] is False and marked["result"]["score"]["raw"] == 0
    assert voiding["verb"]["id"] == xapi.VERBS["voided"]
    assert voiding["object"] == {"objectType": "StatementRef", "id": marked["id"]}
    assert corrected["result"]["success"] is True and corrected["result"]["score"]["scaled"] == 1
    assert corrected["context"]["statement"] == {"objectType": "StatementRef", "id": marked["id"]}
    completed = [s for s in statements if s["verb"]["id"] == xapi.VERBS["completed"]]
    assert len(completed) == 2 and completed[1]["context"]["statement"]["id"] == completed[0]["id"]
    assert any(s["object"].get("id") == completed[0]["id"] for s in statements if s["verb"]["id"].endswith("voided"))
    problems: list[str] = []
    newest_first = [(json.loads(json.dumps(s)), f"lrs:{n}") for n, s in enumerate(reversed(statements))]  # as an LRS
    standing = {row["node_id"]: row for row in xapi_read.standing(lambda: newest_first, problems)}
    assert not problems and len(standing) == len(rows)
    assert standing["state-right"]["full_marks"] is True  # counted once, as corrected


def test_actors_account_mbox_and_pseudonym():
    assert SCHOOL.actor("Ada") == {
        "objectType": "Agent",
        "name": "Ada",
        "account": {"homePage": "https://school.example", "name": "Ada"},
    }
    assert SCHOOL.actor("ada@school.edu") == {"objectType": "Agent", "mbox": "mailto:ada@school.edu"}
    hidden = xapi.Learner("https://school.example", key="class-2026").actor("Ada Lovelace")
    assert "Ada" not in json.dumps(hidden)
    assert hidden["account"]["name"] == xapi.pseudonym("class-2026", " ada lovelace ")  # the instructor's roster
    assert hidden["account"]["name"] != xapi.pseudonym("other-key", "Ada Lovelace")


@pytest.mark.parametrize("home", ["school.example", "ftp://school.example", "https://", "/relative", "https://x/?q=1"])
def test_a_home_that_is_not_an_absolute_http_iri_is_refused(home):
    with pytest.raises(ValueError, match="absolute http"):
        xapi.check_home(home)


def test_statement_ids_are_uuids_and_times_keep_milliseconds(store, mini):
    play(store, mini, RIGHT)
    store.finish_attempt(store.start_attempt(mini.id, "h", "tutor"))
    stamp = store.rows("SELECT started_at FROM attempts ORDER BY id DESC LIMIT 1")[0]["started_at"]
    assert len(stamp.split(".")[1]) == len("123+00:00")
    for statement in xapi.statements(export.export_rows(store, student="Ada"), SCHOOL):
        assert uuid.UUID(statement["id"]).version == 5


def test_a_mark_corrected_twice_counts_as_the_latest_correction(store, mini):
    import datetime as dt

    attempt, session = play(store, mini, {**RIGHT, "state-right": "He had rights."}, finish=False)
    store.record_correction(attempt, session.correct_short("state-right", ["unarmed"]), now=T0)
    first = list(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL))  # sent, then marked again
    later = T0 + dt.timedelta(minutes=5)
    store.record_correction(attempt, session.correct_short("state-right", ["unarmed", "no-threat", "shot"]), now=later)
    second = list(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL))
    for order in (first + second, second + first):
        listed = [(statement, f"lrs:{number}") for number, statement in enumerate(order)]
        found = [row for row in xapi_read.standing(lambda listed=listed: listed, []) if row["node_id"] == "state-right"]
        assert found and all(row["full_marks"] is True for row in found)


def test_a_statements_file_is_read_with_its_voids_applied(store, mini, tmp_path):
    import datetime as dt

    attempt, session = play(store, mini, {**RIGHT, "state-right": "He had rights."}, finish=False)
    store.record_correction(attempt, session.correct_short("state-right", ["unarmed"]), now=T0)
    first = list(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL))
    store.record_correction(
        attempt, session.correct_short("state-right", ["unarmed", "no-threat", "shot"]), now=T0 + dt.timedelta(hours=1)
    )
    second = list(xapi.statements(export.export_rows(store, student="Ada"), SCHOOL))
    path = tmp_path / "ada.xapi.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in second + first) + "not json\n")
    problems: list[str] = []
    rows = [r for r in xapi_read.read_xapi_files([path], problems) if r["node_id"] == "state-right"]
    assert rows and all(row["full_marks"] is True for row in rows)  # the latest correction, not the first
    assert problems == [
        f"{path}:{len(first) + len(second) + 1}: not a JSON line (Expecting value: line 1 column 1 (char 0))"
    ]
