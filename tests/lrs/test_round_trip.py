"""A class round trip: simulated students × every shipped scenario, sent to Ralph; the class report read back
from the LRS equals the report from the same students' export files."""

from __future__ import annotations

import json

from tests.lrs.simulate import class_of, shipped
from tutor.cli import main
from tutor.store import export, xapi
from tutor.store import lrs as lrs_client
from tutor.store.progress import ProgressStore

STUDENTS = 30


def test_the_report_from_the_lrs_equals_the_report_from_the_files(lrs, tmp_path, capsys, monkeypatch):
    scenarios = shipped()
    folder = tmp_path / "exports"
    folder.mkdir()
    client = lrs_client.Client(lrs.url + "/statements", lrs.credentials)
    learner = xapi.Learner("https://law.school.example")
    for number, path in enumerate(class_of(tmp_path / "class", STUDENTS, scenarios)):
        name = f"Student {number:02d}"
        with ProgressStore(path) as store:
            rows = export.export_rows(store, student=name)
            (folder / f"{number:02d}.csv").write_text(export.to_csv(rows), encoding="utf-8")
            lrs_client.send(store, client, xapi.statements(rows, learner, store.versions()))

    assert main(["report", "--format", "json", str(folder)]) == 0
    from_files = json.loads(capsys.readouterr().out)["versions"]
    monkeypatch.setenv("QI_TUTOR_LRS_AUTH", lrs.credentials)
    assert main(["report", "--lrs", lrs.url, "--format", "json"]) == 0
    out = capsys.readouterr().out
    from_lrs = json.loads(out)["versions"]
    assert from_lrs == from_files
    assert len(from_files) == len(scenarios) and all(len(v["students"]) == STUDENTS for v in from_files)
