"""Plain mode driven through a pipe, as a script or a screen reader's user would drive it.

Each test runs the installed `qi-tutor play --plain` in a subprocess with its answers
on standard input and an isolated data directory, then reads what it printed, the
exit code, and what the progress store kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.engine.session import court_path, court_response
from tutor.plain.input import InputError, parse_numbers, parse_rubric
from tutor.plain.render import lines
from tutor.scenario.bank import bank_files
from tutor.scenario.load import load_model, load_scenario
from tutor.scenario.model import ChoiceNode, EndNode, ErrataFile, FactorsNode, Scenario
from tutor.store.progress import ProgressStore

REPO = Path(__file__).resolve().parent.parent
QI_TUTOR = Path(sys.executable).parent / "qi-tutor"
BANK = REPO / "tests" / "data" / "bank"
MINI = BANK / "mini.yaml"
SHIPPED = bank_files(REPO / "scenarios")
EXIT_INPUT_ENDED = 4


def play(data_dir: Path, answers: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QI_TUTOR_BANK", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env["QI_TUTOR_DATA_DIR"] = str(data_dir)
    stdin = "".join(line + "\n" for line in answers)
    return subprocess.run(
        [str(QI_TUTOR), "play", "--plain", "--bank", str(BANK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )


def answer_lines(scenario: Scenario, node_id: str, response: object) -> list[str]:
    """The lines plain mode's grammar takes for `response` at `node_id`."""
    node = scenario.nodes[node_id]
    if isinstance(node, ChoiceNode):
        ids = [c.id for c in node.choices]
        return [",".join(str(ids.index(r) + 1) for r in response)]  # type: ignore[attr-defined]
    if isinstance(node, FactorsNode):
        scale = [s.id for s in node.scale]
        return [str(scale.index(response[f.id]) + 1) for f in node.factors]  # type: ignore[index]
    return [*str(response).splitlines(), ".", ""]  # then keep the automatic mark


def court_answers(scenario: Scenario) -> list[str]:
    lines = []
    for node_id in court_path(scenario):
        node = scenario.nodes[node_id]
        if not isinstance(node, EndNode):
            lines += answer_lines(scenario, node_id, court_response(node))
    return lines


@pytest.fixture
def mini() -> Scenario:
    return load_scenario(MINI)[0]


@pytest.mark.parametrize(
    ("line", "many", "numbers"), [("2", False, [2]), (" 1, 3 ", True, [1, 3]), ("3 1", True, [3, 1])]
)
def test_the_grammar_reads_numbers(line: str, many: bool, numbers: list[int]) -> None:
    assert parse_numbers(line, 3, many) == numbers


@pytest.mark.parametrize(
    ("line", "many", "reason"),
    [
        ("", False, "Type a number from 1 to 3."),
        ("1,2", False, "This question takes one answer"),
        ("0", False, "'0' is not one of the numbers 1 to 3."),
        ("²", False, "'²' is not one of the numbers"),  # a digit to str.isdigit, not to us
        ("1,1", True, "Give each number once."),
        ("2;3", True, "'2;3' is not one of the numbers"),
    ],
)
def test_the_grammar_refuses_with_a_reason(line: str, many: bool, reason: str) -> None:
    with pytest.raises(InputError, match="^" + re.escape(reason)):
        parse_numbers(line, 3, many)


def test_the_rubric_grammar_keeps_clears_or_sets_the_mark() -> None:
    assert parse_rubric("", 3) is None
    assert parse_rubric("0", 3) == []
    assert parse_rubric("1,3", 3) == [1, 3]


def test_author_text_loses_control_characters_and_keeps_its_brackets() -> None:
    # The checker refuses control characters; printing strips them as well, in case one gets past.
    shown = lines("Roe\x1b[2J said \x07[/] and [bold]no[/bold]\x9b", ("\x1b]0;title\x07done", "bold"))
    assert shown.plain == "Roe[2J said [/] and [bold]no[/bold]]0;titledone"


def test_the_courts_path_ends_with_the_courts_outcome(tmp_path: Path, mini: Scenario) -> None:
    result = play(tmp_path, court_answers(mini), "mini-roe")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert out.count("✓ Right") == 5 and "✗" not in out.split("Summary")[0].replace("✗ not met", "")
    assert "What the court held" in out
    quote = mini.nodes["whose-facts"].court.quotes[0]  # type: ignore[union-attr]
    assert f"The court: “{quote.text}” ({quote.pin})" in out
    assert "Since this decision\n- Pearson v. Callahan, 555 U.S. 223 (2009), decided 2009-01-21:" in out
    assert "The tutor's analysis (the tutor's words, not the court's)" in out
    summary = out.split("\nSummary\n")[1]
    assert "Score: 5 of 5 points" in summary
    assert "You agreed with the court on 4 of the 4 questions it decided." in summary
    assert "You missed no question." in summary
    assert "The outcome the court reached: Qualified immunity denied (Affirmed)" in summary
    assert "Traceback" not in result.stderr
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.resumable("mini-roe") is None  # finished, so nothing to resume
    assert store.missed_in_last_attempt("mini-roe") == []


def test_a_wrong_path_shows_the_mistake_and_what_the_court_held(tmp_path: Path) -> None:
    # Doe's account (2) branches to officer-branch; then a wrong answer there, a wrong grid,
    # one wrong pick, a short answer that meets nothing, and the old Saucier rule.
    answers = ["2", "2", "3", "3", "3", "1,3", "No idea", ".", "", "2"]
    result = play(tmp_path, answers, "mini-roe")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "✗ You chose, wrongly, 2. Doe's, because an officer's account is more reliable" in out
    assert "The court's answer 1. Roe's, because at this stage" in out
    assert "Common mistake: Taking the officer's account at summary judgment." in out
    assert "✗ Wrong (0 of 1)" in out
    assert "✓ You chose 1. Roe posed no threat to anyone" in out and "✗ You missed 2. An unarmed" in out
    assert "→ The answer under later law 1. No; since Pearson either prong may come first" in out  # graded on later law
    summary = out.split("\nSummary\n")[1]
    # Each question with its verdict (✓ only for full marks); the court's node only where the paths part.
    assert "Your path: ✗ Whose facts count → ✗ Where the officer's account leads → ✗ The Graham factors" in summary
    assert "The court's path left yours after Whose facts count: it went to The Graham factors." in summary
    assert "✓" not in summary.split("Your path: ")[1].split("\n")[0]
    assert "- Whose facts count (0 of 1): The court takes the plaintiff's version of the facts." in summary
    assert "You agreed with the court on 0 of the 4 questions it decided." in summary
    assert "The outcome the court reached: Qualified immunity denied (Affirmed)" in summary
    missed = ProgressStore(tmp_path / "progress.sqlite3").missed_in_last_attempt("mini-roe")
    assert missed == ["whose-facts", "officer-branch", "graham", "claims", "state-right", "today"]


def test_end_of_input_mid_walk_keeps_the_answers_and_resumes(tmp_path: Path, mini: Scenario) -> None:
    first = play(tmp_path, ["1"], "mini-roe")
    assert first.returncode == EXIT_INPUT_ENDED
    assert "Input ended. Your answers so far are saved" in first.stdout
    saved = ProgressStore(tmp_path / "progress.sqlite3").resumable("mini-roe")
    assert saved is not None and saved.answered == 1

    rest = court_answers(mini)[1:]
    second = play(tmp_path, ["r", *rest], "mini-roe")
    assert second.returncode == 0, second.stderr
    assert "You have an unfinished attempt" in second.stdout
    assert "Question 1 " not in second.stdout and "Question 2 of about 5: The Graham factors" in second.stdout
    assert "Score: 5 of 5 points" in second.stdout


def test_starting_anew_abandons_the_unfinished_attempt(tmp_path: Path, mini: Scenario) -> None:
    play(tmp_path, ["2"], "mini-roe")
    result = play(tmp_path, ["n", *court_answers(mini)], "mini-roe")
    assert result.returncode == 0, result.stderr
    assert "Question 1 of about 5: Whose facts count" in result.stdout
    assert ProgressStore(tmp_path / "progress.sqlite3").resumable("mini-roe") is None


def test_invalid_input_re_asks_with_a_reason(tmp_path: Path) -> None:
    result = play(tmp_path, ["x", "7", "1,2", "", "1", "1", "5", "banana"], "mini-roe")
    out = result.stdout
    assert result.returncode == EXIT_INPUT_ENDED
    assert "'x' is not one of the numbers 1 to 3." in out
    assert "'7' is not one of the numbers 1 to 3." in out
    assert "This question takes one answer: type a single number." in out
    assert "Nothing is chosen yet, so nothing was recorded. Type an answer, or ? for help." in out
    assert "'5' is not one of the numbers 1 to 4." in out  # a factor row: four scale options
    assert "✓ Right (1 of 1)" in out  # the valid answer after the invalid ones counted
    assert "Traceback" not in out + result.stderr


def test_commands_give_hints_facts_doctrine_and_help(tmp_path: Path) -> None:
    result = play(tmp_path, ["h", "h", "h", "f", "d", "?", "q"], "mini-roe")
    out = result.stdout.split("Question 1 of about 5:")[1]
    assert result.returncode == 0
    assert "Hint: Who is the non-moving party?" in out
    assert "Hint: Think about what summary judgment is for." in out
    assert "No more hints for this question." in out
    assert "Disputes\n- Where were Roe's hands?" in out
    assert "Background" not in out  # f shows only the tabs this question names
    assert "Saucier v. Katz, 533 U.S. 194 (2001) (decided 2001)\nRule: Decide first" in out
    assert "a line holding only . ends the answer" in out
    assert "Stopped. Your answers so far are saved" in out


def test_o_opens_a_numbered_quote_in_the_opinion_with_its_words_marked(tmp_path: Path, mini: Scenario) -> None:
    answers = court_answers(mini)
    # Before any feedback no quote is numbered; after the first, o 1 opens it and a bad number re-asks.
    result = play(tmp_path, ["o 1", answers[0], "o 9", "o", "o 1", *answers[1:], "o 2", ""], "mini-roe")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "o opens a quote once the court's words are shown; none is numbered yet." in out
    quote = mini.nodes["whose-facts"].court.quotes[0]  # type: ignore[union-attr]
    assert f"  Quote 1. The court: “{quote.text}” ({quote.pin})" in out
    assert out.count("Type o and a quote's number from 1 to 1, e.g. o 1.") == 2
    first, last = out.split("Quote 1 in the opinion: Majority opinion\n")[1], out.split("\nSummary\n")[1]
    assert first.startswith(
        f"Pin: {quote.pin}\nFound in paragraph 6, under the heading “II. ANALYSIS”.\n"
        "»At this stage we must adopt the plaintiff's version of the facts«. On that version,"
    )
    assert "source's own.\nOption for row 1: 2\nRow 2 of 3" in first  # the walk goes on at the prompt it left
    assert "Quote 5. The court: “We hold that he is not, and we AFFIRM.”" in last  # the court's outcome, in the summary
    assert "opens it in the opinion; Enter finishes: o 2\n\nQuote 2 in the opinion: Majority opinion" in last
    assert "»On that version, the plaintiff posed no threat to anyone«, and an unarmed" in last


def test_exam_mode_opens_quotes_from_its_review_and_shows_the_sources_damage(tmp_path: Path) -> None:
    path = REPO / "scenarios" / "floyd-quaine.yaml"
    scenario = load_scenario(path)[0]
    quotes = [q for n in court_path(scenario) for q in getattr(scenario.nodes[n].court, "quotes", [])]
    errata, _ = load_model(REPO / "scenarios" / "sources" / "floyd-v-city-of-detroit.errata.yaml", ErrataFile)
    # Exam mode asks for the short answers' marks in its review: keep each automatic mark there.
    answers = court_answers(scenario)
    marks = [i + 1 for i, line in enumerate(answers) if line == "."]
    walk = [line for i, line in enumerate(answers) if i not in marks]
    result = play(tmp_path, [*walk, *[""] * len(marks), "o 0", "o 1", ""], scenario.id, "--mode", "exam")
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    review = out.split("Your answers, with the court's")[1]
    assert f"Quote 1. The court: “{quotes[0].text}” ({quotes[0].pin})" in review
    assert re.search(r"Enter finishes: o 0\nType o and a quote's number from 1 to \d+, e\.g\. o 1\.\n", review)
    opened = review.split(f"Quote 1 in the opinion: {scenario.source(None).title}")[1]
    assert opened.startswith(f"\nPin: {quotes[0].pin}\n")
    assert "»" in opened and "«" in opened
    assert f"Known damage in this text: {errata.damage}" in opened


def test_author_markup_prints_verbatim_with_no_escape_codes(tmp_path: Path) -> None:
    result = play(tmp_path, ["2", "2", "q"], "mini-roe")
    out = result.stdout
    assert "Doe says Roe reached for his waistband. See [/] here, and [@click=app.quit]bye[/]." in out
    assert "was the right clearly established? [citation needed]" in out
    assert "The court does not weigh credibility at summary judgment. [citation needed]" in out
    assert "\x1b" not in out  # a pipe gets no colour and no cursor movement


def test_a_short_answer_can_be_marked_by_the_student(tmp_path: Path, mini: Scenario) -> None:
    answers = court_answers(mini)
    short_at = answers.index(".")  # the line ending the short answer; the next keeps the mark
    answers[short_at - 1] = "He was unarmed."
    answers[short_at + 1] = "1,2,3"
    result = play(tmp_path, answers, "mini-roe")
    assert "  2. ✗ not met: He posed no threat (1 pt)" in result.stdout
    assert "Your own mark: 1 of 1 (automatic mark 0.33)." in result.stdout
    assert ProgressStore(tmp_path / "progress.sqlite3").missed_in_last_attempt("mini-roe") == []


def test_exam_mode_holds_all_feedback_until_the_end(tmp_path: Path, mini: Scenario) -> None:
    answers = court_answers(mini)
    keep_mark = answers.index(".") + 1
    # The short answer's mark is checked at the end, where h, f and d have no question to be about.
    answers = answers[:keep_mark] + answers[keep_mark + 1 :] + ["f", "h", ""]
    result = play(tmp_path, answers, "mini-roe", "--mode", "exam")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    walk, review = out.split("Your answers, with the court's")
    assert walk.count("Answer recorded.") == 5
    assert "What the court held" not in walk and "✓" not in walk and "Type an answer" not in walk
    assert not re.search(r"[✓✗◐]|Score|Right \(|Wrong \(", walk)  # no score, verdict or tick before the review
    assert "Question 1 of about 5: Whose facts count" in walk and "Question 5 of about 5: " in walk
    assert review.count("What the court held") == 4 and review.count("The tutor's analysis") == 1
    assert review.count("✓ Right") == 5
    assert "The rubric, with the automatic mark:" in review
    assert review.count("h, f and d work while a question waits for its answer.") == 2


def test_retry_replays_only_the_missed_questions(tmp_path: Path, mini: Scenario) -> None:
    wrong_today = [*court_answers(mini)[:-1], "2"]
    play(tmp_path, wrong_today, "mini-roe")
    result = play(tmp_path, ["1"], "mini-roe", "--retry")
    assert result.returncode == 0, result.stderr
    assert "Retrying the 1 question(s) you missed last time." in result.stdout
    assert "Retry: 1 of 1: Which prong first, today" in result.stdout
    assert "Retry: 2" not in result.stdout
    nothing = play(tmp_path, [], "mini-roe", "--retry")
    assert "Nothing to retry" in nothing.stdout and nothing.returncode == 0


def test_a_broken_file_outside_the_bank_lists_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "draft.yaml"
    broken.write_text(MINI.read_text(encoding="utf-8").replace("start: whose-facts", "start: [whose-facts"))
    result = play(tmp_path, [], str(broken))
    assert result.returncode == 1
    assert f"{broken}:" in result.stderr and "error" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_scenario_is_a_usage_error(tmp_path: Path) -> None:
    result = play(tmp_path, [], "no-such-scenario")
    assert result.returncode == 2
    assert "no-such-scenario" in result.stderr and "Traceback" not in result.stderr


def test_an_unusable_progress_file_is_reported_and_play_goes_on(tmp_path: Path, mini: Scenario) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data directory should be")
    result = play(blocker, court_answers(mini), "mini-roe")
    assert result.returncode == 0
    assert "Progress is not being saved" in result.stderr
    assert "Score: 5 of 5 points" in result.stdout


def test_with_no_scenario_the_library_is_listed_and_one_picked(tmp_path: Path, mini: Scenario) -> None:
    result = play(tmp_path, ["mini-roe", *court_answers(mini)])
    assert result.returncode == 0, result.stderr
    assert "Roe v. Doe: Officer Doe" in result.stdout.split("Question 1 of")[0]
    assert "Score: 5 of 5 points" in result.stdout


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_plays_to_the_courts_outcome(tmp_path: Path, path: Path) -> None:
    scenario = load_scenario(path)[0]
    end = scenario.nodes[court_path(scenario)[-1]]
    assert isinstance(end, EndNode)
    result = play(tmp_path, court_answers(scenario), scenario.id)
    assert result.returncode == 0, result.stderr[-2000:]
    summary = result.stdout.split("\nSummary\n")[1]
    assert f"The outcome the court reached: {end.outcome.result} ({end.outcome.disposition})" in summary
    assert "✗ Wrong" not in result.stdout
