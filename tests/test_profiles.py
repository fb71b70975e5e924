"""A profile is a name, never a path: nothing can be written outside the data folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO
from tutor.paths import BadProfile, Locations

BAD = ["../../x", "..", ".", "/tmp/elsewhere", "a/b", "a\\b", "", ".hidden", "-x", "x" * 65, "naïve", "a b"]


@pytest.mark.parametrize("name", BAD)
def test_a_profile_that_is_not_a_name_is_a_usage_error_and_writes_nothing(tmp_path, name):
    data = tmp_path / "inner" / "data"
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "reset", "--yes", f"--profile={name}", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2 and "--profile" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.rglob("*")) == []
    with pytest.raises(BadProfile):
        Locations(data_dir=data, profile=name)


@pytest.mark.parametrize("name", ["lab-2", "Ada_Lovelace", "7", "x" * 64])
def test_names_keep_their_folder_below_the_data_folder(tmp_path, name):
    locations = Locations.resolve(data_dir=tmp_path, profile=name)
    assert locations.database == tmp_path / "profiles" / name / "progress.sqlite3"
