"""`play --lrs` sends as the student goes, from a worker play never waits for: a stalled LRS holds up no
question, and what it did not take waits in the progress file for the next `send`."""

from __future__ import annotations

import os
import subprocess

from tests.lrs.proxy import Behaviour, relay
from tests.test_plain import BANK, QI_TUTOR, REPO, court_answers
from tutor.paths import Locations
from tutor.settings import Settings
from tutor.store.progress import ProgressStore


def run(data_dir, lrs, *argv, answers=()):
    env = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env |= {"QI_TUTOR_DATA_DIR": str(data_dir), "QI_TUTOR_LRS_AUTH": lrs.credentials}
    return subprocess.run(
        [str(QI_TUTOR), *argv, "--bank", str(BANK)],
        input="".join(line + "\n" for line in answers),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )


def named(tmp_path):
    locations = Locations.resolve(data_dir=tmp_path / "ada")
    Settings(student="Ada").save(locations)
    return locations


def stored_ids(lrs):
    from tutor.store import lrs as client

    return [s["id"] for page in client.Client(lrs.url + "/statements", lrs.credentials).pages() for s in page]


def test_play_sends_each_answer_as_it_goes(lrs, tmp_path, mini):
    locations = named(tmp_path)
    result = run(locations.data_dir, lrs, "play", "--plain", "mini-roe", "--lrs", lrs.url, answers=court_answers(mini))
    assert result.returncode == 0, result.stderr
    assert "wait to go" not in result.stderr
    assert len(stored_ids(lrs)) == 6  # 5 answered, 1 completed
    with ProgressStore(locations.database) as store:
        assert store.rows("SELECT COUNT(*) AS n FROM sent")[0]["n"] == 6
    again = run(locations.data_dir, lrs, "send", "--lrs", lrs.url)
    assert again.returncode == 0 and "Sent 0 statement(s)" in again.stdout


def test_a_stalled_lrs_holds_up_no_question_and_the_rest_waits_for_send(lrs, tmp_path, mini):
    locations = named(tmp_path)
    behaviour = Behaviour(mode="hold")
    with relay(lrs.url, behaviour) as url:
        result = run(locations.data_dir, lrs, "play", "--plain", "mini-roe", "--lrs", url, answers=court_answers(mini))
        held = list(behaviour.seen)
        behaviour.mode = "pass"
        behaviour.release.set()
        # Every question was asked and answered, and the summary shown, while the LRS still held a request.
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("✓ Right") == 5 and "\nSummary\n" in result.stdout
        assert held and set(held) == {"hold"}
        assert "6 statement(s) wait to go to" in result.stderr and "qi-tutor send" in result.stderr
        sent = run(locations.data_dir, lrs, "send", "--lrs", url)
    assert sent.returncode == 0, sent.stderr
    ids = stored_ids(lrs)
    assert len(ids) == len(set(ids)) == 6  # the held batch may have landed too: still nothing doubled
