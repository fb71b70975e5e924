"""Timed exams and "this question is wrong" in plain mode and the headless commands, on a fake clock.

Plain mode runs in this process so the clock can be a fake one: every line the student
"types" moves it on, so a ten-minute exam runs out in a few lines and no test waits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tutor.cli import main
from tutor.paths import Locations
from tutor.plain.play import run_plain
from tutor.store import stats
from tutor.store.progress import ProgressStore
from tutor.study.playable import load_playable

MINI = DATA / "bank" / "mini.yaml"
BANK = ["--bank", str(DATA / "bank")]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Typing:
    """Standard input (a pipe: not a terminal) where each line takes the student `seconds` on the fake clock."""

    def __init__(self, lines: list[str], clock: FakeClock, seconds: float) -> None:
        self.lines = iter(line + "\n" for line in lines)
        self.clock, self.seconds = clock, seconds

    def readline(self) -> str:
        self.clock.now += self.seconds
        return next(self.lines, "")  # "" is the end of input

    def isatty(self) -> bool:
        return False


@pytest.fixture
def locations() -> Locations:
    return Locations.resolve()


def plain(monkeypatch: pytest.MonkeyPatch, lines: list[str], clock: FakeClock, seconds: float, **kwargs: object) -> int:
    monkeypatch.setattr("sys.stdin", Typing(lines, clock, seconds))
    return run_plain(load_playable(MINI), Locations.resolve(), clock=clock, **kwargs)  # type: ignore[arg-type]


def test_a_timed_exam_shows_the_time_left_and_takes_no_answer_after_zero(monkeypatch, capsys, locations) -> None:
    clock = FakeClock()
    # Each line takes 150 s of a 5-minute exam: the first answer is in at 2:30, the first row of the
    # Graham grid at 5:00, and the grid's last row comes too late.
    code = plain(monkeypatch, ["1", "2", "1", "1"], clock, 150, mode="exam", minutes=5)
    out = capsys.readouterr().out
    assert code == 0
    assert "Time left: 5:00" in out and "Time left: 2:30 Five minutes left." in out
    assert "Time ran out before that answer: it was not recorded." in out and "answers are closed" in out
    assert "Counting those as not earned: 1 of 5 points (1 answered, 4 unanswered)." in out
    assert "You missed no question." not in out, "unanswered questions are no 'no miss'"
    assert "You missed none of the 1 question(s) you answered; 4 went unanswered when time ran out." in out
    assert "- Whose facts count: 2 min 30 s" in out
    store = ProgressStore(locations.database)
    assert [(r["node_id"], r["seconds"]) for r in store.rows("SELECT node_id, seconds FROM answers")] == [
        ("whose-facts", 150.0)
    ]
    figures = stats.compute(store)
    assert (figures.timed_out, figures.unanswered) == (1, 4)
    slowest = figures.slowest()
    assert slowest is not None and (slowest.step, slowest.mean) == ("facts-standard", 150.0)
    assert store.rows("SELECT finished_at FROM attempts")[0]["finished_at"]  # nothing is left to resume


def test_time_per_question_reaches_stats_and_exports(monkeypatch, capsys, locations, tmp_path) -> None:
    clock = FakeClock()
    plain(monkeypatch, ["1"], clock, 42)  # tutor mode, one answer, then the input ends
    capsys.readouterr()
    assert main(["stats", *BANK]) == 0
    out = capsys.readouterr().out
    assert "You spend longest on whose facts count questions (42 s on average)." in out
    assert main(["stats", "--format", "json", *BANK]) == 0
    times = json.loads(capsys.readouterr().out)["times"]
    assert [(t["step"], t["timed"], t["mean_seconds"]) for t in times] == [("facts-standard", 1, 42.0)]
    assert main(["export", "--format", "jsonl", *BANK]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["seconds"] == 42.0
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "me.csv"), *BANK]) == 0
    header, row = (tmp_path / "me.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert header.endswith(",seconds") and row.endswith(",42.0")
    capsys.readouterr()
    assert main(["report", str(tmp_path / "me.csv"), *BANK]) == 0  # the class report still reads the file
    capsys.readouterr()
    assert main(["export", "--format", "xapi", *BANK]) == 0
    statements = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [s["result"]["duration"] for s in statements if s["verb"]["id"].endswith("answered")] == ["PT42S"]


def test_a_resumed_timed_exam_counts_down_from_the_time_already_used(monkeypatch, capsys) -> None:
    clock = FakeClock()
    plain(monkeypatch, ["1"], clock, 100, mode="exam", minutes=3)  # 100 s on the first question, then EOF
    capsys.readouterr()
    clock = FakeClock()
    plain(monkeypatch, ["r"], clock, 10, mode="exam", minutes=3)
    out = capsys.readouterr().out
    assert "Time left: 1:20" in out  # 180 s less the 100 stored; the new run's own clock starts again


def test_minutes_needs_exam_mode_and_a_sensible_number(capsys) -> None:
    assert main(["play", "--plain", "--minutes", "5", "mini-roe", *BANK]) == 2
    assert "use it with --mode exam" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["play", "--plain", "--mode", "exam", "--minutes", "0", "mini-roe", *BANK])
    assert stopped.value.code == 2 and "wants 1 to 600 minutes" in capsys.readouterr().err


def test_a_report_survives_a_restart_and_reaches_the_class_report(monkeypatch, capsys, tmp_path) -> None:
    clock = FakeClock()
    lines = ["!", "=SUM(A1) the choices overlap", "1", "!! the feedback cites nothing", "!!", ""]
    plain(monkeypatch, lines, clock, 1)
    out = capsys.readouterr().out
    assert out.count("Thank you: your report is saved") == 2 and "Nothing reported." in out
    # A new process's view of the file: the export reads what the walk committed.
    assert main(["export", "--format", "reports", "--student", "Ada", "-o", str(tmp_path / "ada.csv"), *BANK]) == 0
    text = (tmp_path / "ada.csv").read_text(encoding="utf-8")
    assert ",'=SUM(A1) the choices overlap," in text  # a spreadsheet shows it as text, never a formula
    assert main(["export", "--format", "csv", "--student", "Ada", "-o", str(tmp_path / "ada-answers.csv"), *BANK]) == 0
    capsys.readouterr()
    assert main(["report", str(tmp_path), *BANK]) == 0
    report = capsys.readouterr().out
    assert "### Reported as wrong by students" in report
    assert "| whose-facts | 2 | question | Ada | =SUM(A1) the choices overlap |" in report
    assert "| whose-facts | 2 | feedback | Ada | the feedback cites nothing |" in report
    assert main(["report", str(tmp_path), "--format", "json", *BANK]) == 0
    disputed = json.loads(capsys.readouterr().out)["versions"][0]["disputed"]
    assert [(d["node_id"], len(d["reports"])) for d in disputed] == [("whose-facts", 2)]


def test_a_reports_file_with_a_bad_row_names_it(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "reports.csv"
    bad.write_text(
        "record,format,student,scenario_id,content_hash,node_id,seen,shown,comment,reported_at\n"
        "report,1,Ada,mini-roe,abc,whose-facts,elsewhere,x,y,2030-01-01T00:00:00+00:00\n",
        encoding="utf-8",
    )
    assert main(["report", str(bad), *BANK]) == 1
    assert "reports.csv:2: seen is 'elsewhere'" in capsys.readouterr().err


def test_a_long_comment_is_bounded_and_cleaned(monkeypatch, capsys, locations) -> None:
    clock = FakeClock()
    plain(monkeypatch, ["! " + "x" * 5000 + "\u202e"], clock, 1)
    assert "Only the first 1000 characters of a report are kept." in capsys.readouterr().out
    (comment,) = [r["comment"] for r in ProgressStore(locations.database).rows("SELECT comment FROM reports")]
    assert len(comment) == 1000 and "\u202e" not in comment
