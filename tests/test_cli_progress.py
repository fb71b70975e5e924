"""The progress commands end to end: output, files written or moved, and exit codes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from tests.conftest import DATA
from tests.store.conftest import RIGHT, play
from tests.store.test_export import WRONG
from tutor.cli import main
from tutor.engine.order import choice_order
from tutor.engine.session import Session
from tutor.exit_codes import STORE as EXIT_STORE
from tutor.paths import Locations
from tutor.scenario.load import content_hash, load_scenario
from tutor.store import schema
from tutor.store.progress import ProgressStore
from tutor.store.review import ReviewQueue

BANK = ["--bank", str(DATA / "bank")]


@pytest.fixture
def locations() -> Locations:
    return Locations.resolve()


@pytest.fixture
def mini():
    return load_scenario(DATA / "bank" / "mini.yaml")[0]


@pytest.fixture
def played(locations, mini):
    """A record: one wrong walk then one right one, each answer rated for review."""
    with ProgressStore(locations.database) as store:
        for answers in (WRONG, RIGHT):
            _, session = play(store, mini, answers, content_hash=content_hash(DATA / "bank" / "mini.yaml"))
            for outcome in session.history:
                ReviewQueue(store).rate(mini, outcome)
    return locations.database


def run(capsys, *argv):
    code = main([*argv, *BANK])
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_on_a_fresh_machine_says_so_and_creates_nothing(capsys, locations):
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "No attempts yet" in out
    assert list(locations.data_dir.iterdir()) == []


def test_stats_tables_name_the_weak_step_and_the_misconception(capsys, played):
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "mini-roe" in out and "By step" in out and "You miss" in out
    assert "Taking the officer's account at summary judgment" in out  # the label, not the key
    code, out, _ = run(capsys, "stats", "--format", "json")
    data = json.loads(out)
    assert data["answers"] == 10 and data["scenarios"][0]["attempts"] == 2
    assert data["scenarios"][0]["best"] == 1.0 and data["due_for_review"] == 0


def test_export_each_format_to_stdout_or_a_file(capsys, played, tmp_path):
    code, out, _ = run(capsys, "export", "--student", "Ada")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 10 and {r["student"] for r in lines} == {"Ada"}
    code, out, err = run(capsys, "export", "--format", "csv")
    assert out.startswith("format,student,scenario_id,content_hash") and "anonymous" in out
    assert code == 0 and err.count("no student name") == 1
    code, out, _ = run(capsys, "export", "--format", "md")
    assert "## By misconception" in out and "Taking the officer's account" in out
    target = tmp_path / "ada.xapi.jsonl"
    code, _, _ = run(
        capsys,
        "export",
        "--format",
        "xapi",
        "--student",
        "Ada",
        "-o",
        str(target),
        "--xapi-home",
        "https://law.example.edu",
    )
    statements = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0 and len(statements) == 12  # 10 answered, 2 completed
    assert statements[0]["actor"]["account"]["homePage"] == "https://law.example.edu"
    assert "description" in statements[0]["object"]["definition"]  # the scenario file was found and unchanged


def _markdown_steps(text: str) -> dict[str, tuple[int, int]]:
    """The export's "By step" table: step -> (answered, full marks)."""
    table = text.split("## By step", 1)[1].split("## By misconception", 1)[0]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines() if line.startswith("| ")]
    return {row[0]: (int(row[1]), int(row[2])) for row in cells[1:]}


def test_stats_and_every_export_count_each_step_alike(capsys, played, tmp_path):
    # The factors grid's rows score three Graham steps, under a node whose own step is deadly-force:
    # counted by the node's step, an export used to disagree with the stats.
    code, out, _ = run(capsys, "stats", "--format", "json")
    stats = {s["step"]: (s["answered"], s["full_marks"]) for s in json.loads(out)["steps"]}
    assert stats["graham-threat"] == (2, 1) and "deadly-force" not in stats
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0 and _markdown_steps(out) == stats
    run(capsys, "export", "--format", "csv", "--student", "Ada", "-o", str(tmp_path / "ada.csv"))
    from tutor.store.rows import read_file
    from tutor.store.steps import StepTally

    counted = StepTally()
    for _, row in read_file(tmp_path / "ada.csv"):
        assert not isinstance(row, Exception), row
        counted.add_answer(row["by_step"])
    assert {s.step: (s.answered, s.full_marks) for s in counted.steps()} == stats


def test_an_export_gives_the_chosen_choices_text_and_the_order_shown(capsys, locations, mini):
    digest = content_hash(DATA / "bank" / "mini.yaml")
    with ProgressStore(locations.database) as store:
        store.keep_version(mini, digest)
        session = Session(mini, content_hash=digest, seed=7)
        attempt = store.start_attempt(mini.id, digest, "tutor", seed=7)
        store.record_answer(attempt, session.answer(["both"]))
    code, out, _ = run(capsys, "export")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and row["format"] == 3 and row["seed"] == 7
    assert row["chosen"] == ["Whichever account the record supports better"]
    assert row["shown"] == choice_order(mini.nodes["whose-facts"], "whose-facts", 7) != ["plaintiff", "officer", "both"]
    code, out, _ = run(capsys, "export", "--format", "md")
    assert '| both ("Whichever account the record supports better") |' in out
    code, out, _ = run(capsys, "export", "--format", "csv")
    cells = next(csv.DictReader(io.StringIO(out)))
    assert json.loads(cells["chosen"]) == row["chosen"] and cells["shown"] == ";".join(row["shown"])


def test_export_excel_csv_is_written_byte_for_byte(capsys, played, tmp_path):
    target = tmp_path / "ada.csv"
    code, _, _ = run(capsys, "export", "--format", "csv", "--excel", "--student", "=Ada", "-o", str(target))
    data = target.read_bytes()
    assert code == 0 and data.startswith(b"\xef\xbb\xbfformat,student,") and data.count(b"\r\n") == 11
    assert b"\r\r" not in data and b",'=Ada," in data


@pytest.mark.parametrize("home", ["law.example.edu", "ftp://law.example.edu", ""])
def test_export_refuses_a_home_that_is_not_an_http_address(capsys, played, home):
    code, out, err = run(capsys, "export", "--format", "xapi", "--student", "Ada", "--xapi-home", home or "https://")
    assert code == 2 and out == "" and "--xapi-home" in err and "absolute http(s)" in err


def test_a_class_key_sends_a_pseudonym_the_instructor_can_map_back(capsys, played, monkeypatch):
    from tutor.store.xapi import pseudonym

    monkeypatch.setenv("QI_TUTOR_CLASS_KEY", "law-101-fall")
    code, out, _ = run(capsys, "export", "--format", "xapi", "--student", "Ada Lovelace")
    assert code == 0 and "Ada" not in out
    names = {json.loads(line)["actor"]["account"]["name"] for line in out.splitlines()}
    assert names == {pseudonym("law-101-fall", "Ada Lovelace")}


def test_export_since_and_a_bad_date(capsys, played):
    code, out, err = run(capsys, "export", "--since", "2099-01-01")
    assert code == 0 and out == "" and "no answers to export since 2099-01-01" in err
    code, _, err = run(capsys, "export", "--since", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "export", "-o", "/nonexistent-folder/out.jsonl")
    assert code == 1 and "cannot write /nonexistent-folder/out.jsonl" in err


def test_report_turns_a_folder_of_exports_into_a_class_report(capsys, played, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    run(capsys, "export", "--student", "Ada", "-o", str(folder / "ada.jsonl"))
    run(capsys, "export", "--student", "Bob", "--format", "csv", "-o", str(folder / "bob.csv"))
    code, out, err = run(capsys, "report", str(folder))
    assert code == 0, err
    assert "2 student(s): Ada, Bob" in out and "| whose-facts | facts-standard | 2 | 0 (0%) | both (2) |" in out
    code, out, _ = run(capsys, "report", str(folder), "--format", "json")
    assert json.loads(out)["versions"][0]["students"] == ["Ada", "Bob"]
    (folder / "notes.jsonl").write_text("hello\n")
    code, _, err = run(capsys, "report", str(folder))
    assert code == 1 and "notes.jsonl:1: not a JSON line" in err
    code, _, err = run(capsys, "report", str(tmp_path / "nowhere"))
    assert code == 1 and "no such file or folder" in err


def test_reset_asks_first_and_moves_everything_aside(capsys, played, locations):
    code, _, err = run(capsys, "reset")
    assert code == 2 and "--yes" in err and played.exists()
    code, _, _ = run(capsys, "reset", "--yes")
    assert code == 0 and not played.exists()
    (moved,) = [p for p in locations.backups.iterdir() if p.name.startswith("progress.sqlite3.reset-")]
    assert sqlite3.connect(moved).execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 10


def test_reset_one_scenario_keeps_a_copy_first(capsys, played, locations):
    code, out, _ = run(capsys, "reset", "--scenario", "mini-roe", "--yes")
    assert code == 0 and "2 attempt(s)" in out
    assert ProgressStore(played).rows("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 0
    (copy,) = locations.backups.iterdir()
    assert sqlite3.connect(copy).execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 10


def test_backup_and_restore_round_trip(capsys, played, locations, tmp_path):
    target = tmp_path / "mine.sqlite3"
    code, out, _ = run(capsys, "backup", str(target))
    assert code == 0 and target.exists()
    code, _, err = run(capsys, "backup", str(target))
    assert code == EXIT_STORE and "already exists" in err
    run(capsys, "reset", "--yes")
    code, out, _ = run(capsys, "restore", str(target), "--yes")
    assert code == 0 and "Restored" in out
    assert ProgressStore(played).rows("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 10
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 50)
    code, _, err = run(capsys, "restore", str(garbage), "--yes")
    assert code == EXIT_STORE and "nothing was changed" in err
    assert ProgressStore(played).rows("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 10


def test_a_store_problem_is_a_message_and_exit_code_3(capsys, played):
    conn = sqlite3.connect(played)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 5}")
    conn.close()
    code, _, err = run(capsys, "stats")
    assert code == EXIT_STORE and "newer qi-tutor" in err and "Traceback" not in err


def test_review_with_nothing_due_says_how_many_are_scheduled_and_when_the_next_is(capsys, played):
    from tutor.study.schedule import on_day

    with ProgressStore(played) as store:
        queue = ReviewQueue(store)
        count, first = queue.count_scheduled(), queue.next_due()
    assert count > 0 and first is not None
    code, out, _ = run(capsys, "review", "--plain")
    assert code == 0
    assert f"Nothing is due for review now. {count} decision points are scheduled, the next on {on_day(first)}." in out


def test_review_plain_serves_the_due_questions_and_rates_them(locations, mini):
    import datetime as dt
    import subprocess
    import sys

    from tests.conftest import REPO

    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    with ProgressStore(locations.database) as store:
        _, session = play(store, mini, WRONG, when=past, content_hash=content_hash(DATA / "bank" / "mini.yaml"))
        for outcome in session.history:
            ReviewQueue(store).rate(mini, outcome, now=past)
        assert [c.node_id for c in ReviewQueue(store).due()] == [
            "graham",
            "whose-facts",
            "claims",
            "state-right",
            "today",
        ]
    typed = "2\n1\n1\n1\n1,2\nAn unarmed, nondangerous man may not be shot.\n.\n\n1\n"
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "review", "--plain", *BANK],
        input=typed,
        text=True,
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 question(s) due for review" in result.stdout and "Nothing else is due" in result.stdout
    with ProgressStore(locations.database) as store:
        assert ReviewQueue(store).count_due() == 0
        reviewed = store.rows(
            "SELECT a.full_marks FROM answers AS a JOIN attempts AS t ON t.id = a.attempt_id WHERE t.purpose = 'review'"
        )
        assert [r["full_marks"] for r in reviewed] == [1] * 5


def test_profiles_keep_records_apart(capsys, played):
    code, out, _ = run(capsys, "stats", "--profile", "lab-2", "--format", "json")
    assert code == 0 and json.loads(out)["answers"] == 0
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert json.loads(out)["answers"] == 10


def test_done_when_answer_quit_a_week_later_resume_review_export_report(capsys, locations, mini, tmp_path):
    """The issue's story: answer, quit, come back a week later (simulated clock), resume,
    see what is due and what is weak, review it, and hand an instructor an export."""
    import datetime as dt

    from tests.store.conftest import T0, clock_at
    from tutor.engine.session import Session

    digest = content_hash(DATA / "bank" / "mini.yaml")
    with ProgressStore(locations.database) as store:
        queue = ReviewQueue(store)
        session = Session(mini, content_hash=digest, clock=clock_at(T0))
        attempt = store.start_attempt(mini.id, digest, "tutor", now=T0)
        for response in (["both"], WRONG["graham"]):
            outcome = session.answer(response)
            store.record_answer(attempt, outcome)
            queue.rate(mini, outcome, now=T0)
    # quit; a week later
    later = T0 + dt.timedelta(days=7)
    with ProgressStore(locations.database) as store:
        queue = ReviewQueue(store)
        saved = store.resumable(mini.id)
        assert saved.content_hash == digest
        session = Session.from_dict(mini, saved.state)
        session.clock = clock_at(later)
        while not session.finished:
            outcome = session.answer(RIGHT[session.current_id])
            store.record_answer(saved.attempt_id, outcome)
            queue.rate(mini, outcome, now=later)
        store.finish_attempt(saved.attempt_id, now=later)
        due = [card.node_id for card in queue.due(now=later)]
        assert due == ["graham", "whose-facts"]
        from tutor.store import stats

        weakest = stats.compute(store).weakest()
        assert weakest.step in {"facts-standard", "graham-threat"}
        review = Session(mini, nodes=due, content_hash=digest, clock=clock_at(later))
        attempt = store.start_attempt(mini.id, digest, "tutor", nodes=due, purpose="review", now=later)
        while not review.finished:
            outcome = review.answer(RIGHT[review.current_id])
            store.record_answer(attempt, outcome)
            queue.rate(mini, outcome, now=later)
        assert queue.count_due(now=later) == 0
    export = tmp_path / "class" / "ada.jsonl"
    export.parent.mkdir()
    assert run(capsys, "export", "--student", "Ada", "-o", str(export))[0] == 0
    code, out, _ = run(capsys, "report", str(export.parent))
    assert code == 0 and "| whose-facts | facts-standard | 1 | 0 (0%) | both (1) | officer-version-controls |" in out


def test_review_retires_cards_whose_node_left_the_path(capsys, locations, mini):
    import datetime as dt

    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    with ProgressStore(locations.database) as store:
        queue = ReviewQueue(store)
        queue.rate(mini, play(store, mini, RIGHT, stop_after=1)[1].history[0], now=past)
        with store.write() as conn:  # as if an edit had taken the node out of the scenario
            conn.execute("UPDATE cards SET node_id = 'removed-node'")
    code, out, err = run(capsys, "review", "--plain")
    assert code == 0 and "removed-node is no longer a question on mini-roe's path" in err
    assert "Nothing else is due" in out
