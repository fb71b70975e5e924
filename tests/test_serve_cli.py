"""`qi-tutor serve` without a browser: the errors before it starts, and the WebSocket's Origin check."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from tests.browser import free_port, served
from tutor import exit_codes
from tutor.ui.serve import served_url, terminal_script

BANK = Path(__file__).resolve().parent / "data" / "bank"


def serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutor", "serve", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_port_in_use_is_one_clear_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--port", str(port))
    assert result.returncode == exit_codes.USAGE
    assert f"cannot listen on 127.0.0.1 port {port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_host_is_one_clear_line() -> None:
    result = serve("--host", "no-such-host.invalid", "--port", str(free_port()))
    assert result.returncode == exit_codes.USAGE
    assert "cannot listen on host 'no-such-host.invalid'" in result.stderr and "Traceback" not in result.stderr


def test_every_address_needs_the_address_students_open() -> None:
    result = serve("--host", "0.0.0.0")
    assert result.returncode == exit_codes.USAGE and "--url http://HOST:8000" in result.stderr
    assert served_url("0.0.0.0", 8000, "http://Tutor.Example:8000/class/") == "http://tutor.example:8000"


def test_a_profile_is_each_browsers_to_give() -> None:
    result = serve("--profile", "alice")
    assert result.returncode == exit_codes.USAGE and "--profile does not apply" in result.stderr


def test_the_page_script_reads_its_terminal_to_screen_readers() -> None:
    assert terminal_script().count("screenReaderMode:!0") == 1


async def test_a_socket_from_another_origin_or_with_a_path_for_a_name_is_refused(tmp_path: Path) -> None:
    with served(tmp_path / "data", BANK, tmp_path / "server.log", 30) as url:
        page = await fetch(url + "/?name=alice")
        assert f"ws://{url.removeprefix('http://')}/ws/alice" in page
        async with aiohttp.ClientSession() as client:
            for origin, path, status in (
                ("http://evil.example", "/ws/alice", 403),
                ("", "/ws/alice", 403),
                (url, "/ws/..%2Fx", 400),
            ):
                headers = {"Origin": origin} if origin else {}
                try:
                    async with client.ws_connect(url.replace("http", "ws") + path, headers=headers):
                        raise AssertionError(f"{path} from {origin!r} was let in")
                except aiohttp.WSServerHandshakeError as refused:
                    assert refused.status == status, (origin, path, refused.status)
    log = (tmp_path / "server.log").read_text()
    assert "refused a connection from http://evil.example" in log and "no login" in log


async def fetch(url: str) -> str:
    async with aiohttp.ClientSession() as client, client.get(url) as response:
        assert response.status == 200
        return await response.text()
