"""Nothing a terminal would obey leaves qi-tutor raw: hostile values in, the real output bytes read back.

Each command runs installed, in a subprocess, with its output captured as bytes: an
escape sequence that retitles the window or clears the screen, a C1 control and a
right-to-left override must arrive as visible escapes (or not at all), and a 900 KB
value must arrive shortened.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.test_plain import BANK, QI_TUTOR, REPO, court_answers, play
from tutor.scenario.load import load_scenario

HOSTILE = "title\x1b]0;pwned\x07 clear\x1b[2J c1\x9b31m bidi\u202eevil\u2066"
RAW = [b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode(), "\u2066".encode()]


def qi(data_dir: Path, *argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR")}
    environment |= {"QI_TUTOR_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [str(QI_TUTOR), *argv], capture_output=True, env=environment, timeout=120, cwd=REPO, check=False
    )


def assert_clean(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, f"{raw!r} reached the terminal raw"


def test_a_typed_short_answer_is_stored_clean_and_exports_clean(tmp_path: Path) -> None:
    mini = load_scenario(BANK / "mini.yaml")[0]
    answers = court_answers(mini)
    answers[answers.index(".") - 1] = f"He was unarmed. {HOSTILE}"
    result = play(tmp_path, answers, "mini-roe")
    assert result.returncode == 0, result.stderr
    for fmt in ("md", "jsonl", "csv"):
        exported = qi(tmp_path, "export", "--format", fmt)
        assert exported.returncode == 0, exported.stderr
        assert_clean(exported.stdout + exported.stderr)
        assert b"He was unarmed. title]0;pwned clear[2J c131m bidievil" in exported.stdout
    # A student's name typed on the command line travels through an export into the class report.
    export = tmp_path / "student.jsonl"
    assert qi(tmp_path, "export", "--student", HOSTILE, "-o", str(export)).returncode == 0
    for fmt in ("md", "json"):
        report = qi(tmp_path, "report", "--format", fmt, str(export))
        assert report.returncode == 0, report.stderr
        assert_clean(report.stdout + report.stderr)
    stats = qi(tmp_path, "stats")
    assert stats.returncode == 0 and b"mini-roe" in stats.stdout
    assert_clean(stats.stdout + stats.stderr)


def test_validate_shows_hostile_keys_and_file_names_as_escapes_and_shortens_long_ones(tmp_path: Path) -> None:
    folder = tmp_path / "bank\x1b[2J"
    folder.mkdir()
    text = (BANK / "mini.yaml").read_text(encoding="utf-8")
    long_key = "k" * 900_000
    (folder / "evil\u202e.yaml").write_text(
        text.replace("title:", f'"bad\\e]0;pwned\\a\\u202e": 1\n? "{long_key}"\n: 2\ntitle:', 1), encoding="utf-8"
    )
    for fmt in ("text", "json"):
        result = qi(tmp_path, "validate", "--format", fmt, str(folder))
        assert result.returncode == 1
        assert_clean(result.stdout + result.stderr)
        assert len(result.stdout + result.stderr) < 20_000  # not 900 KB
    text_result = qi(tmp_path, "validate", str(folder)).stderr.decode()
    assert "unknown key `bad\\x1b]0;pwned\\x07\\u202e`" in text_result
    assert re.search(r"k… \(900,0\d\d characters\)", text_result)  # the message, shortened


def test_json_output_stays_valid_and_exact(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "evil\u202e\x85.yaml").write_text("format: 1\n", encoding="utf-8")
    result = qi(tmp_path, "validate", "--format", "json", str(folder))
    assert_clean(result.stdout)
    report = json.loads(result.stdout)
    assert report["problems"][0]["path"].endswith("evil\u202e\x85.yaml")  # escaped on the way out, exact once read


def test_paths_and_usage_errors_never_echo_raw_controls(tmp_path: Path) -> None:
    shown = qi(tmp_path, "paths", "--profile", HOSTILE)
    assert_clean(shown.stdout + shown.stderr)
    usage = qi(tmp_path, "stats", "--format", HOSTILE)
    assert usage.returncode == 2
    assert_clean(usage.stdout + usage.stderr)


def test_plain_mode_on_an_ascii_output_escapes_and_says_so_once(tmp_path: Path) -> None:
    mini = load_scenario(BANK / "mini.yaml")[0]
    environment = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR")}
    environment |= {"QI_TUTOR_DATA_DIR": str(tmp_path), "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [str(QI_TUTOR), "play", "--plain", "--bank", str(BANK), "mini-roe"],
        input="".join(line + "\n" for line in court_answers(mini)).encode(),
        capture_output=True,
        env=environment,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr.decode("ascii", "replace")
    assert "Traceback" not in result.stderr.decode("ascii")
    result.stdout.decode("ascii")  # every byte is ASCII: what it could not take is escaped
    assert b"\\u2019" in result.stdout or b"\\u201c" in result.stdout or b"\\xbb" in result.stdout
    assert result.stderr.decode("ascii").count("cannot show every character") == 1


def test_the_checker_warns_on_a_bidi_override_in_author_text(tmp_path: Path) -> None:
    result = qi(tmp_path, "validate", str(REPO / "tests" / "data" / "checks" / "bidi-override.yaml"))
    assert b"[bidi-override]" in result.stderr
    assert_clean(result.stderr)
