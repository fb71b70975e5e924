"""The installed `qi-tutor` in a real terminal (tmux): it starts, draws, takes keys and exits.

This is the one place the console script, its entry point and a real terminal meet.
Each test gets its own tmux server (`-L`), session name and data directory, polls the
screen with a 10 s deadline instead of sleeping, and always kills its server. Without
tmux these tests fail, never skip: CI installs it (`.ci/run`).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.store.progress import ProgressStore

REPO = Path(__file__).resolve().parent.parent
QI_TUTOR = Path(sys.executable).parent / "qi-tutor"
BANK = REPO / "tests" / "data" / "bank"
DEADLINE_S = 10.0

pytestmark = pytest.mark.slow


# xterm-256color's greys: the 24-step ramp and the grey diagonal of the colour cube.
GREYS = set(range(232, 256)) | {0, 7, 8, 15, 16, 59, 102, 145, 188, 231}
_PALETTE_SGR = re.compile(r"\x1b\[[0-9;]*?[34]8;5;([0-9]+)")


def palette_colours(screen: str) -> set[int]:
    """The 256-colour palette indices a captured screen's SGR codes set (tmux maps true colour to these)."""
    return {int(n) for n in _PALETTE_SGR.findall(screen)}


class Terminal:
    """A 100x30 tmux pane running one command."""

    def __init__(self, data_dir: Path) -> None:
        tmux = shutil.which("tmux")
        assert tmux, "tmux is not installed; the real-terminal tests need it (apt-get install tmux; .ci/run does)"
        self.tmux = [tmux, "-L", f"qi-tutor-test-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
        self.session = f"qi-{uuid.uuid4().hex[:8]}"
        self.data_dir = data_dir
        self.status_file = data_dir.parent / f"{self.session}.status"

    def run(self, *args: str) -> str:
        result = subprocess.run([*self.tmux, *args], capture_output=True, text=True, timeout=DEADLINE_S)
        assert result.returncode == 0, f"tmux {' '.join(args)}: {result.stderr}"
        return result.stdout

    def start(self, *qi_args: str, size: tuple[int, int] = (100, 30), env: dict[str, str] | None = None) -> None:
        settings = {"QI_TUTOR_DATA_DIR": str(self.data_dir), "TERM": "xterm-256color", **(env or {})}
        program = shlex.join(["env", *(f"{k}={v}" for k, v in settings.items()), str(QI_TUTOR), *qi_args])
        # The shell writes the exit status to a file; remain-on-exit keeps the last screen readable.
        command = f"{program}; echo $? > {shlex.quote(str(self.status_file))}"
        self.run(
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            "-c",
            str(REPO),
            command,
            ";",
            "set-option",
            "-t",
            self.session,
            "remain-on-exit",
            "on",
        )

    def screen(self, escapes: bool = False) -> str:
        """The visible screen; with `escapes`, including the SGR codes that colour it."""
        return self.run("capture-pane", "-p", *(["-e"] if escapes else []), "-t", self.session)

    def wait_for(self, text: str) -> str:
        """The screen once it shows `text`; fails with the screen as it is after DEADLINE_S."""
        deadline = time.monotonic() + DEADLINE_S
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} did not appear within {DEADLINE_S:.0f} s; the screen shows:\n{screen}")
            time.sleep(0.1)

    def scroll_to(self, text: str, key: str = "PageDown", presses: int = 5) -> str:
        """The screen once `text` is on it, pressing `key` (as a student would) while it is below the fold."""
        for _ in range(presses):
            screen = self.screen()
            if text in screen:
                return screen
            self.keys(key)
            time.sleep(0.3)
        return self.wait_for(text)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def exit_status(self) -> int:
        """Wait for the program to end and return its exit status."""
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            written = self.status_file.read_text() if self.status_file.exists() else ""
            if written.endswith("\n"):
                return int(written)
            time.sleep(0.1)
        pytest.fail(f"qi-tutor did not exit within {DEADLINE_S:.0f} s; the screen shows:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, timeout=DEADLINE_S)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "data")
    try:
        yield term
    finally:
        term.kill()


def test_plain_mode_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start("play", "--plain", "--bank", str(BANK), "mini-roe")
    terminal.wait_for("Your answer:")
    terminal.keys("1", "Enter")
    screen = terminal.wait_for("What the court held")
    assert "✓ Right (1 of 1)" in screen
    # At a terminal Rich wraps long lines at word breaks, so the quote may span two lines.
    assert "Quote 1. The court: “At this stage we must adopt the plaintiff's version of the facts.”" in " ".join(
        screen.split()
    )
    terminal.wait_for("Option for row 1:")
    terminal.keys("q", "Enter")
    assert terminal.exit_status() == 0
    assert "Stopped. Your answers so far are saved" in terminal.screen()


@pytest.mark.parametrize(
    ("size", "env"), [((100, 30), {}), ((80, 24), {"NO_COLOR": "1"})], ids=["100x30", "80x24-no-color"]
)
def test_full_screen_tutor_in_a_real_terminal(terminal: Terminal, size: tuple[int, int], env: dict[str, str]) -> None:
    terminal.start("play", "--bank", str(BANK), "mini-roe", size=size, env=env)
    terminal.wait_for("Question 1")
    terminal.keys("1")  # selects; nothing is final until Enter
    terminal.keys("Enter")
    terminal.wait_for("✓ Right (1 of 1)")
    terminal.scroll_to("What the court held")  # a small screen shows the verdict first
    terminal.scroll_to("At this stage we must adopt")  # the court's own words, below its holding
    hues = {n for n in palette_colours(terminal.screen(escapes=True)) if n not in GREYS}
    assert bool(hues) != bool(env.get("NO_COLOR"))  # NO_COLOR: greys only; otherwise the theme's colours
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
    saved = ProgressStore(terminal.data_dir / "progress.sqlite3").resumable("mini-roe")
    assert saved is not None and saved.answered == 1  # the answer was kept on the way out


def test_ctrl_c_in_plain_mode_exits_130_and_keeps_the_answers(terminal: Terminal) -> None:
    terminal.start("play", "--plain", "--bank", str(BANK), "mini-roe")
    terminal.wait_for("Your answer:")
    terminal.keys("1", "Enter")
    terminal.wait_for("Option for row 1:")
    terminal.keys("C-c")
    assert terminal.exit_status() == 130
    assert "Traceback" not in terminal.screen()
    saved = ProgressStore(terminal.data_dir / "progress.sqlite3").resumable("mini-roe")
    assert saved is not None and saved.answered == 1


def header_rows(screen: str) -> str:
    """The title bar and the breadcrumb, however many lines it wraps to: the screen above the fact tabs."""
    return screen.split("Background")[0]


def wait_for_words(terminal: Terminal, text: str) -> str:
    """The screen once it shows `text`, which may wrap across lines."""
    deadline = time.monotonic() + DEADLINE_S
    while " ".join(text.split()) not in " ".join((screen := terminal.screen()).split()):
        if time.monotonic() > deadline:
            pytest.fail(f"{text!r} did not appear within {DEADLINE_S:.0f} s; the screen shows:\n{screen}")
        time.sleep(0.1)
    return screen


def test_exam_mode_header_shows_no_score_verdict_or_tick_before_the_summary(terminal: Terminal) -> None:
    terminal.start("play", "--bank", str(BANK), "--mode", "exam", "mini-roe")
    terminal.wait_for("Question 1 of about 5")
    wait_for_words(terminal, "Exam mode: no score until the summary")  # the header, painted a moment after
    terminal.keys("1", "Enter")  # the court's answer: tutor mode would show ✓ and its score
    terminal.wait_for("Question 2 of about 5")
    header = header_rows(wait_for_words(terminal, "Exam mode: no score until the summary"))
    screen = terminal.screen()
    assert "· " in header, header  # the step answered is marked visited, nothing more
    assert not re.search(r"[✓✗◐]|Score", header), header
    assert not re.search(r"[✓✗◐]|Score|Right \(|Wrong \(", screen), screen
    terminal.keys("C-q")
    assert terminal.exit_status() == 0


def test_enter_on_an_untouched_question_refuses_and_saves_nothing(terminal: Terminal) -> None:
    terminal.start("play", "--bank", str(BANK), "mini-roe")
    terminal.wait_for("Question 1 of about 5")
    terminal.keys("Enter")
    terminal.wait_for("Nothing is chosen yet")
    assert "Question 1 of about 5" in terminal.screen()  # still asking
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
    store = terminal.data_dir / "progress.sqlite3"
    assert not store.exists() or ProgressStore(store).resumable("mini-roe") is None


def test_plain_mode_refuses_an_empty_answer_and_saves_nothing(terminal: Terminal) -> None:
    terminal.start("play", "--plain", "--bank", str(BANK), "mini-roe")
    terminal.wait_for("Question 1 of about 5: Whose facts count")
    terminal.wait_for("Your answer:")
    terminal.keys("Enter")
    terminal.wait_for("Nothing is chosen yet, so nothing was recorded.")
    terminal.keys("q", "Enter")
    assert terminal.exit_status() == 0
    store = terminal.data_dir / "progress.sqlite3"
    assert not store.exists() or ProgressStore(store).resumable("mini-roe") is None
