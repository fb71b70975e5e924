"""Every statement qi-tutor exports passes Ralph's strict xAPI model (extra fields forbidden, no empty values)."""

from __future__ import annotations

import random

from ralph.models.xapi.base.statements import BaseXapiStatement

from tests.lrs.simulate import T0, play_randomly, shipped
from tutor.store import export, xapi
from tutor.store.progress import ProgressStore


def test_every_statement_about_every_shipped_scenario_is_valid_xapi(tmp_path):
    rng = random.Random(3)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for scenario, digest in shipped():
            for _ in range(3):
                play_randomly(store, scenario, digest, rng, T0)
        rows = export.export_rows(store, student="Ada")
        versions = store.versions()
    learners = [xapi.Learner("https://law.school.example"), xapi.Learner(key="k")]
    kinds = set()
    for learner in learners:
        for statement in xapi.statements(rows, learner, versions):
            BaseXapiStatement.model_validate(statement)
            kinds.add(statement["verb"]["id"])
    for student in ("ada@law.school.example", "mailto:bo@law.school.example"):
        for statement in xapi.statements([{**rows[0], "student": student}], xapi.Learner()):
            BaseXapiStatement.model_validate(statement)
    assert kinds == set(xapi.VERBS.values())  # answered, completed and voided (some marks were corrected)
