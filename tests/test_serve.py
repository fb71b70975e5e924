"""`qi-tutor serve` in a real browser: two names, two records; a bad name refused; the first click only focuses.

Runs in the default `pytest -q` (and alone with `-m browser`). The whole test is bounded
at 60 s by an alarm, so a browser that hangs fails the run instead of stalling it.
"""

from __future__ import annotations

import json
import shutil
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import FrameType

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser import chromiums, png_colours, served, terminal_rows, wait_for_element, wait_for_text
from tutor.paths import Locations
from tutor.scenario.bank import scan
from tutor.store.progress import ProgressStore

BANK = Path(__file__).resolve().parent / "data" / "bank"
LIMIT = 60.0
STATS_ROW = "Progress and statistics"  # a library row whatever the shipped bank holds
SCENARIO_ROW = "Officer Doe · 5-6 questions"  # mini-roe's line under its case in the library
QUESTION = "whose account of the shooting"  # mini-roe's first prompt


@pytest.fixture
def bounded() -> Iterator[float]:
    """The test's deadline (monotonic seconds); an alarm ends the test if it passes."""

    def overdue(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"the browser test took more than {LIMIT:.0f} s")

    previous = signal.signal(signal.SIGALRM, overdue)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        yield time.monotonic() + LIMIT
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def click_row(driver: WebDriver, words: str) -> None:
    """Click the terminal in the middle of the first row that holds `words`."""
    rows = terminal_rows(driver)
    index = next(i for i, row in enumerate(rows) if words in row)
    screen = driver.find_element(By.CSS_SELECTOR, ".xterm-screen")
    height = screen.size["height"] / len(rows)
    # Selenium offsets are from the element's centre.
    offset_y = int((index + 0.5) * height - screen.size["height"] / 2)
    ActionChains(driver).move_to_element_with_offset(screen, -screen.size["width"] // 4, offset_y).click().perform()


def answer_first_question(driver: WebDriver, url: str, name: str, key: str, deadline: float) -> list[str]:
    """As `name`: open the page, give the name, open mini-roe from the library and press `key`; the rows after."""
    left = lambda: deadline - time.monotonic()  # noqa: E731
    driver.get(url)
    driver.find_element(By.ID, "name").send_keys(name, Keys.ENTER)
    wait_for_text(driver, STATS_ROW, left())
    # The first click gives the page's terminal the keyboard; it must not open the row under it.
    click_row(driver, STATS_ROW)
    # Typed after the click: had the click opened the statistics, the filter would not get these letters.
    # One at a time, as a person types: a burst can still lose a letter to the library's move of the
    # focus to its filter (a race in the library's type-to-filter, not in serve).
    for typed in ("r", "ro", "roe"):
        ActionChains(driver).send_keys(typed[-1]).perform()
        wait_for_text(driver, f" {typed}" + " " * 20, left())  # the filter's row: the letters, then blank
    rows = wait_for_text(driver, SCENARIO_ROW, left(), absent="Floyd v. City of Detroit")
    assert any("qi-tutor — Library" in row for row in rows), "the first click left the library:\n" + "\n".join(rows)
    click_row(driver, SCENARIO_ROW)  # the page has the focus now: this click opens the row
    wait_for_text(driver, "Tutor mode", left())
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait_for_text(driver, QUESTION, left())
    ActionChains(driver).send_keys(key, Keys.ENTER).perform()
    # The verdict as it first shows: the pane may then scroll on to the court's answer.
    return wait_for_text(driver, "✓ Right (1 of 1)" if key == "1" else "✗ Wrong (0 of 1)", left())


def answers(data_dir: Path, name: str) -> list[tuple[str, list[str]]]:
    store = ProgressStore(Locations(data_dir=data_dir, profile=name).database)
    try:
        return [(row[0], json.loads(row[1])) for row in store.rows("SELECT node_id, response FROM answers ORDER BY id")]
    finally:
        store.close()


@pytest.mark.browser
def test_two_names_in_two_browsers_keep_two_records(tmp_path: Path, bounded: float) -> None:
    bank = shutil.copytree(BANK, tmp_path / "bank")
    data_dir = tmp_path / "data"
    # The library's index, built once here rather than by both first visitors at once: on a busy
    # machine that is seconds of the 60 this test has, and the index is not what it tests.
    scan(Locations(data_dir=data_dir, extra_banks=(bank,)))
    with (
        served(data_dir, bank, tmp_path / "server.log", bounded - time.monotonic()) as url,
        chromiums(tmp_path / "alice-browser", tmp_path / "bob-browser") as (alice, bob),
    ):
        # Side by side: two connections, two app processes, one store folder.
        # Their waits end 10 s before the alarm, so a step that does not come says which, with the rows.
        with ThreadPoolExecutor(2) as both:
            alice_answer = both.submit(answer_first_question, alice, url, "alice", "1", bounded - 10)
            bob_answer = both.submit(answer_first_question, bob, url, "bob", "2", bounded - 10)
            alice_rows, bob_rows = alice_answer.result(), bob_answer.result()
        assert any("✓ Right (1 of 1)" in row for row in alice_rows), "\n".join(alice_rows)
        assert any("✗ Wrong (0 of 1)" in row for row in bob_rows), "\n".join(bob_rows)
        for driver, name in ((alice, "alice"), (bob, "bob")):
            picture = tmp_path / f"{name}.png"
            assert driver.save_screenshot(str(picture))
            assert png_colours(picture.read_bytes(), enough=20) >= 20, f"{picture} is blank"

        # A name that is a path is refused on the page, with the rule, and nothing is written for it.
        alice.get(url)
        alice.find_element(By.ID, "name").send_keys("../x", Keys.ENTER)
        problem = wait_for_element(alice, "problem", bounded - time.monotonic()).text
        assert "'../x' is not a name" in problem and "letter or digit" in problem
        assert not alice.find_elements(By.ID, "terminal")

    assert answers(data_dir, "alice") == [("whose-facts", ["plaintiff"])]
    assert answers(data_dir, "bob") == [("whose-facts", ["officer"])]
    assert sorted(p.name for p in (data_dir / "profiles").iterdir()) == ["alice", "bob"]
    assert not (tmp_path / "x").exists()
