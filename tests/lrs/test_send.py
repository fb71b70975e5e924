"""`qi-tutor send` and `report --lrs` against a real LRS (Ralph on 127.0.0.1): a class sent, a scenario
edited, a mark corrected, a connection dropped mid-batch; nothing refused, lost or doubled."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import DATA
from tests.lrs.proxy import Behaviour, relay
from tests.store.conftest import RIGHT, play
from tutor.cli import main
from tutor.paths import Locations
from tutor.scenario.load import content_hash, load_scenario
from tutor.store import export, xapi
from tutor.store import lrs as lrs_client
from tutor.store.progress import ProgressStore

SHORT_WRONG = {**RIGHT, "state-right": "He had rights."}


@pytest.fixture
def bank(tmp_path):
    """A copy of the test bank, so a test may edit its scenario."""
    copy = tmp_path / "bank"
    shutil.copytree(DATA / "bank", copy)
    return copy


@pytest.fixture
def auth(lrs, monkeypatch):
    monkeypatch.setenv("QI_TUTOR_LRS_AUTH", lrs.credentials)
    return lrs


def student(tmp_path, name):
    return Locations.resolve(data_dir=tmp_path / name)


def walk(locations, bank, answers=RIGHT):
    """A walk of the bank's mini scenario as the front ends record it (the version's questions kept)."""
    path = bank / "mini.yaml"
    scenario = load_scenario(path)[0]
    with ProgressStore(locations.database) as store:
        attempt, session = play(store, scenario, answers, content_hash=content_hash(path), finish=False)
        store.keep_version(scenario, content_hash(path))
        store.finish_attempt(attempt)
    return attempt, session


def cli(capsys, locations, bank, *argv):
    code = main([*argv, "--data-dir", str(locations.data_dir), "--bank", str(bank)])
    out, err = capsys.readouterr()
    return code, out, err


def stored(lrs):
    client = lrs_client.Client(lrs.url + "/statements", lrs.credentials)
    return [s for page in client.pages() for s in page]


def test_a_class_is_sent_once_and_a_resend_sends_nothing_twice(auth, tmp_path, bank, capsys):
    students = {name: student(tmp_path, name) for name in ("Ada", "Bob", "Cy")}
    for locations in students.values():
        walk(locations, bank)
    for name, locations in students.items():
        code, out, err = cli(capsys, locations, bank, "send", "--lrs", auth.url, "--student", name)
        assert code == 0, err
        assert "Sent 6 statement(s)" in out  # 5 answered, 1 completed
    code, out, _ = cli(capsys, students["Ada"], bank, "send", "--lrs", auth.url, "--student", "Ada")
    assert code == 0 and "Sent 0 statement(s)" in out and "6 the LRS already had" in out
    with ProgressStore(students["Bob"].database) as store:  # a record restored from before the send
        store.write().__enter__().execute("DELETE FROM sent")
    code, out, err = cli(capsys, students["Bob"], bank, "send", "--lrs", auth.url, "--student", "Bob")
    assert code == 0 and "Sent 6 statement(s)" in out, err  # the LRS answers 204: the same statements
    ids = [s["id"] for s in stored(auth)]
    assert len(ids) == len(set(ids)) == 18
    code, out, err = cli(capsys, students["Ada"], bank, "report", "--lrs", auth.url, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["versions"][0]["students"] == ["Ada", "Bob", "Cy"]


def test_an_edited_scenario_sends_again_without_a_conflict(auth, tmp_path, bank, capsys):
    ada = student(tmp_path, "ada")
    walk(ada, bank, SHORT_WRONG)
    assert cli(capsys, ada, bank, "send", "--lrs", auth.url, "--student", "Ada")[0] == 0
    path = bank / "mini.yaml"
    path.write_text(path.read_text().replace("whose account of the shooting", "whose version of events"))
    walk(ada, bank)
    code, out, err = cli(capsys, ada, bank, "send", "--lrs", auth.url, "--student", "Ada")
    assert code == 0, err
    assert "Sent 6 statement(s)" in out and "409" not in err
    prompts = {
        s["object"]["definition"]["description"]["en-US"]
        for s in stored(auth)
        if s["object"]["id"].endswith("whose-facts")
    }
    assert len(prompts) == 2  # each attempt's statement says what was asked then
    # A record from before versions were kept: the definition now lacks the prompt, so the ids are new, not a 409.
    with ProgressStore(ada.database) as store, store.write() as conn:
        conn.execute("DELETE FROM scenario_versions")
        conn.execute("DELETE FROM sent")
    shutil.copy(DATA / "bank" / "mini.yaml", path)  # and the file moved on again
    path.write_text(path.read_text().replace("Whose facts count", "Whose facts"))
    code, _, err = cli(capsys, ada, bank, "send", "--lrs", auth.url, "--student", "Ada")
    assert code == 0, err
    code, out, err = cli(capsys, ada, bank, "report", "--lrs", auth.url, "--format", "json")
    versions = json.loads(out)["versions"]
    assert code == 0 and len(versions) == 2
    assert all(node["students"] == 1 for version in versions for node in version["nodes"])  # each answer once


def test_a_corrected_mark_counts_once_as_corrected(auth, tmp_path, bank, capsys):
    ada = student(tmp_path, "ada")
    attempt, session = walk(ada, bank, SHORT_WRONG)
    assert cli(capsys, ada, bank, "send", "--lrs", auth.url, "--student", "Ada")[0] == 0
    with ProgressStore(ada.database) as store:
        store.record_correction(attempt, session.correct_short("state-right", ["unarmed", "no-threat", "shot"]))
    code, out, err = cli(capsys, ada, bank, "send", "--lrs", auth.url, "--student", "Ada")
    assert code == 0 and "Sent 4 statement(s)" in out, err  # voided + corrected, for the answer and the attempt
    verbs = [s["verb"]["id"] for s in stored(auth)]
    assert verbs.count(xapi.VERBS["voided"]) == 2
    code, out, _ = cli(capsys, ada, bank, "report", "--lrs", auth.url, "--format", "json")
    nodes = {n["node_id"]: n for n in json.loads(out)["versions"][0]["nodes"]}
    assert (nodes["state-right"]["students"], nodes["state-right"]["first_try_full_marks"]) == (1, 1)


def test_a_connection_dropped_mid_batch_loses_nothing_and_doubles_nothing(lrs, tmp_path, mini):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for _ in range(4):
            play(store, mini, RIGHT)
        statements = list(xapi.statements(export.export_rows(store, student="Ada"), xapi.Learner()))
        behaviour = Behaviour(script=["pass", "drop", "drop"])  # batch 2 reaches the LRS; its answer never comes
        with relay(lrs.url, behaviour) as url:
            client = lrs_client.Client(url + "/statements", lrs.credentials, retries=2, sleep=lambda _: None)
            with pytest.raises(lrs_client.LrsError, match="could not be reached"):
                lrs_client.send(store, client, statements, batch=5)
            assert len(lrs_client.already_sent(store, client.endpoint)) == 5  # only what was answered for
            again = lrs_client.send(store, client, statements, batch=5)
        assert behaviour.seen == ["pass", "drop", "drop"] + ["pass"] * again.batches
        assert (again.already, again.posted) == (5, len(statements) - 5)
    ids = [s["id"] for s in stored(lrs)]
    assert sorted(ids) == sorted(s["id"] for s in statements)


def test_server_errors_are_retried_with_back_off(lrs, tmp_path, mini):
    waits: list[float] = []
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        play(store, mini, RIGHT)
        statements = list(xapi.statements(export.export_rows(store, student="Ada"), xapi.Learner()))
        with relay(lrs.url, Behaviour(script=["503", "503"])) as url:
            client = lrs_client.Client(url + "/statements", lrs.credentials, sleep=waits.append)
            assert lrs_client.send(store, client, statements).posted == len(statements)
    assert waits == [0.5, 1.0]


def test_wrong_credentials_are_a_message_not_a_traceback(lrs, tmp_path, bank, capsys, monkeypatch):
    ada = student(tmp_path, "ada")
    walk(ada, bank)
    monkeypatch.setenv("QI_TUTOR_LRS_AUTH", "teacher0:wrong")
    code, _, err = cli(capsys, ada, bank, "send", "--lrs", lrs.url, "--student", "Ada")
    assert code == 1 and "refused the credentials (401)" in err and "Traceback" not in err
    assert "0 statement(s) were accepted" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--lrs", "http://lrs.school.example/xAPI", "--student", "Ada"], "plain http"),
        (["--lrs", "lrs.school.example", "--student", "Ada"], "not an http(s) address"),
        (["--student", "Ada"], "no LRS"),
        (["--lrs", "https://lrs.school.example/xAPI"], "who you are"),
        (["--lrs", "https://lrs.school.example/xAPI", "--student", "Ada", "--xapi-home", "school"], "--xapi-home"),
    ],
)
def test_send_refuses_what_it_cannot_use_with_exit_2(tmp_path, bank, capsys, argv, words):
    code, _, err = cli(capsys, student(tmp_path, "ada"), bank, "send", *argv)
    assert code == 2 and words in err


def test_loopback_may_be_plain_http_and_the_endpoint_is_found():
    assert lrs_client.statements_url("http://127.0.0.1:8100/xAPI") == "http://127.0.0.1:8100/xAPI/statements"
    assert lrs_client.statements_url("http://localhost/xAPI/statements/") == "http://localhost/xAPI/statements"
    assert lrs_client.statements_url("http://lrs.lan/xAPI", allow_http=True) == "http://lrs.lan/xAPI/statements"
    assert lrs_client.statements_url("https://lrs.school.example/x") == "https://lrs.school.example/x/statements"
