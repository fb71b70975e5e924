"""Driving `qi-tutor serve` from Debian's chromium: the server, a headless browser, the terminal's text.

Nothing is downloaded: the browser and its driver are the system's (`.ci/run` installs
`chromium` and `chromium-driver`), handed to Selenium by path so Selenium Manager never
runs. The terminal's text is read from xterm.js's accessibility tree, which the served
page turns on (tutor/ui/serve.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

ROWS = ".xterm-accessibility-tree > div"


def system_browser() -> tuple[str, str]:
    """The paths of chromium and chromedriver; a clear failure (never a skip) when they are missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    assert browser and driver, "the browser tests need Debian's chromium and chromium-driver (.ci/run installs them)"
    return browser, driver


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(data_dir: Path, bank: Path, log: Path, seconds: float) -> Iterator[str]:
    """`qi-tutor serve` on 127.0.0.1 in a process group of its own, stopped (group and all) on leaving."""
    port = free_port()
    command = [sys.executable, "-m", "tutor", "--data-dir", str(data_dir), "serve", "--port", str(port)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*command, "--bank", str(bank), "--no-shuffle"],
            # Each visitor's app inherits this: no animations to draw on a busy machine.
            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                assert server.poll() is None, f"the server ended: {log.read_text()}"
                assert time.monotonic() < deadline, f"the server did not answer at {url}: {log.read_text()}"
                time.sleep(0.1)
        yield url
    finally:
        # The group holds the server and every app it started, one per connection.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@contextmanager
def chromiums(*profiles: Path) -> Iterator[list[WebDriver]]:
    """Headless chromiums started side by side, each with a profile folder of its own: browser
    contexts that share nothing."""
    browser, driver_path = system_browser()

    def start(profile: Path) -> WebDriver:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for argument in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-gpu",  # xterm.js falls back to its canvas renderer; no GPU process to start
            "--disable-extensions",
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            "--window-size=1000,640",  # about 100 by 30 cells: the tutor's usual size, and less to draw
        ):
            options.add_argument(argument)
        return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)

    with ThreadPoolExecutor(len(profiles)) as pool:
        starting = [pool.submit(start, profile) for profile in profiles]
    drivers = [job.result() for job in starting if job.exception() is None]
    try:
        for job in starting:
            job.result()  # a browser that failed to start fails the test, after the others are stopped
        yield drivers
    finally:
        for driver in drivers:
            driver.quit()


def terminal_rows(driver: WebDriver) -> list[str]:
    """The terminal's rows as the page holds them in its DOM."""
    return [row.get_attribute("textContent") or "" for row in driver.find_elements(By.CSS_SELECTOR, ROWS)]


def wait_for_text(driver: WebDriver, words: str, seconds: float, absent: str | None = None) -> list[str]:
    """The rows, once some row holds `words` (and none holds `absent`); fails showing the rows otherwise."""

    def ready(_: object) -> bool:
        rows = terminal_rows(driver)
        return any(words in row for row in rows) and not (absent and any(absent in row for row in rows))

    try:
        WebDriverWait(driver, max(seconds, 0.1), poll_frequency=0.1).until(ready)
    except Exception as error:
        shown = "\n".join(terminal_rows(driver))
        raise AssertionError(f"waited for {words!r} in the terminal:\n{shown}") from error
    return terminal_rows(driver)


def wait_for_element(driver: WebDriver, element_id: str, seconds: float) -> WebElement:
    """The element with `element_id`, once the page shows it: after a form is sent, the next page
    may not have loaded when the keys return."""
    try:
        return WebDriverWait(driver, max(seconds, 0.1), poll_frequency=0.1).until(
            lambda _: driver.find_element(By.ID, element_id)
        )
    except Exception as error:
        raise AssertionError(f"waited for #{element_id} on the page at {driver.current_url}") from error


def png_colours(data: bytes, enough: int) -> int:
    """How many different pixel values an 8-bit RGB or RGBA PNG (what chromium writes) holds, counting
    until `enough`: a page with text on it gets there in its first rows, so the rest is not decoded."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks: dict[bytes, list[bytes]] = {}
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.setdefault(data[at + 4 : at + 8], []).append(data[at + 8 : at + 8 + length])
        at += 12 + length
    width, height, depth, kind, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    assert depth == 8 and kind in (2, 6) and not interlace, "an 8-bit RGB(A) PNG, not interlaced"
    size = 3 if kind == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * size
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        start = y * (stride + 1)
        line = unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, size)
        colours.update(bytes(line[i : i + size]) for i in range(0, stride, size))
        if len(colours) >= enough:
            break
        previous = line
    return len(colours)


def unfilter(kind: int, line: bytearray, previous: bytearray, size: int) -> bytearray:
    """One PNG scanline undone from its filter (None, Sub, Up, Average or Paeth), in place."""
    for i in range(len(line)):
        left = line[i - size] if i >= size else 0
        up, corner = previous[i], previous[i - size] if i >= size else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - corner
            far_left, far_up, far_corner = abs(guess - left), abs(guess - up), abs(guess - corner)
            if far_left <= far_up and far_left <= far_corner:
                line[i] = (line[i] + left) & 0xFF
            else:
                line[i] = (line[i] + (up if far_up <= far_corner else corner)) & 0xFF
    return line
