"""A real learning record store for the tests: Ralph's LRS on 127.0.0.1, started once and stopped at the end.

Ralph runs with its file-system backend in a temporary folder (Ralph 5.1 has no
in-memory one) and HTTP basic authentication from an auth file written here. Each test
gets its own LRS user, whose statements Ralph keeps in a folder of its own (the user's
`target`), so tests do not see each other's statements. Bounded in time: the server
must answer within STARTUP_S and is killed if it does not stop within STOP_S.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bcrypt
import pytest

from tests.conftest import REPO
from tests.store.conftest import mini  # noqa: F401 (the mini scenario, for these tests too)

STARTUP_S = 60.0
STOP_S = 10.0
USERS = 40  # enough for every LRS test; each takes the next


@dataclass(frozen=True)
class Lrs:
    url: str  # the xAPI base, e.g. http://127.0.0.1:PORT/xAPI
    credentials: str  # user:password
    folder: Path  # where Ralph keeps this user's statements


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ralph runserver exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"ralph runserver did not answer within {STARTUP_S:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[str]]]:
    """The running server: (base URL, data folder, the user names it knows)."""
    home = tmp_path_factory.mktemp("ralph")
    data = home / "data"
    data.mkdir()
    password = "class-secret"
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    names = [f"teacher{i}" for i in range(USERS)]
    auth = [
        {
            "agent": {"objectType": "Agent", "mbox": f"mailto:{name}@school.example"},
            "scopes": ["all"],
            "hash": hashed,
            "username": name,
            "target": name,
        }
        for name in names
    ]
    (home / "auth.json").write_text(json.dumps(auth), encoding="utf-8")
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_AUTH_FILE": str(home / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
        "PYTHONPATH": str(REPO),
    }
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.lrs.ralph_server",
                "runserver",
                "-b",
                "fs",
                "--fs-default-directory-path",
                str(data),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            cwd=home,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/__heartbeat__", process, log)
        yield base, data, [f"{name}:{password}" for name in names]
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def lrs(ralph: tuple[str, Path, list[str]]) -> Lrs:
    """An LRS of this test's own: a fresh user on the shared server."""
    base, data, credentials = ralph
    if not credentials:
        raise RuntimeError(f"more LRS tests than the {USERS} users the fixture made")
    login = credentials.pop(0)
    name = login.split(":")[0]
    (data / name).mkdir(exist_ok=True)
    return Lrs(f"{base}/xAPI", login, data / name)
