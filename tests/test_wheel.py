"""The built wheel works on its own: installed in a fresh virtual environment outside
the checkout, run from an unrelated folder, it finds its shipped bank and opinion texts
and its checker passes them."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its declared dependencies) installed."""
    dist = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, REPO)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("qi_tutor-*.whl")
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = run(env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return env_dir / "bin"


def test_the_installed_wheel_checks_its_own_bank_from_anywhere(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QI_TUTOR_DATA_DIR": str(tmp_path / "data")}
    result = run(installed / "qi-tutor", "check", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    paths = run(installed / "qi-tutor", "paths", cwd=tmp_path, env=env)
    bank = next(line for line in paths.stdout.splitlines() if line.startswith("shipped scenarios"))
    assert "site-packages" in bank and str(REPO) not in bank
    shipped = Path(bank.split()[-1])
    assert (shipped / "sources" / "sigley-v-city-of-parma-heights.txt").is_file()
    assert not (tmp_path / "data").exists()  # checking writes nothing


def test_the_installed_wheel_reports_its_versions(installed: Path, tmp_path: Path) -> None:
    result = run(installed / "qi-tutor", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("qi-tutor ") and "textual 8.2." in result.stdout
