"""Plain mode: one scenario as numbered text prompts, for screen readers, scripts and pipes.

A thin front end: the engine's `Session` walks and scores, the progress store keeps
every answer as it is given (`tutor.plain.progress`), `tutor.plain.render` says what
happened, and `tutor.plain.input` reads the lines. This module only turns those lines
into the responses the engine expects, in the order a walk asks for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.text import Text

from tutor.engine.session import AnswerError, Mode, Outcome, Session
from tutor.paths import Locations
from tutor.plain import render
from tutor.plain.input import HELP, EndOfInput, InputError, Prompter, Quit, consoles, parse_numbers, parse_rubric
from tutor.plain.progress import Recorder, begin
from tutor.scenario.context import BankContext
from tutor.scenario.model import ChoiceNode, FactorsNode, Quote, Scenario, ShortNode
from tutor.sources.passage import open_passage

EXIT_FINISHED = 0  # the walk reached its end, or the student typed q
EXIT_INPUT_ENDED = 4  # input ended (EOF) before the walk's end; answers given so far are saved

T = TypeVar("T")
OPEN = re.compile(r"o(?:\s+(\S+))?")  # `o 2`: open quote 2 in the opinion


class PlainWalk:
    """One walk through a scenario at the prompt."""

    def __init__(
        self,
        console: Console,
        scenario: Scenario,
        folder: Path,
        context: BankContext | None,
        recorder: Recorder,
        prompter: Prompter,
    ) -> None:
        self.console = console
        self.scenario = scenario
        self.folder = folder  # the scenario file's folder: its sources' paths are relative to it
        self.context = context
        self.recorder = recorder
        self.prompter = prompter
        self.session: Session | None = None
        self.asking: ChoiceNode | FactorsNode | ShortNode | None = None  # the question h, f and d are about
        self.quotes: list[Quote] = []  # every quote shown so far; `o N` opens quotes[N - 1]

    def say(self, texts: Sequence[Text] | Text) -> None:
        for text in [texts] if isinstance(texts, Text) else texts:
            self.console.print(text)

    # --- the walk ------------------------------------------------------------------

    def run(self, session: Session) -> int:
        self.session = session
        self.say(render.header(self.scenario, session.mode))
        self.say(render.facts(self.scenario))
        try:
            while not session.finished:
                self._ask_and_answer(session)
            self._finish(session)
        except Quit:
            self.console.print("Stopped. Your answers so far are saved; run the same command to resume.")
            return self._close(session, EXIT_FINISHED)
        except EndOfInput:
            self.console.print("Input ended. Your answers so far are saved; run the same command to resume.")
            return self._close(session, EXIT_FINISHED if session.finished else EXIT_INPUT_ENDED)
        return self._close(session, EXIT_FINISHED)

    def _close(self, session: Session, code: int) -> int:
        if session.finished:
            self.recorder.finish()
        return code

    def _ask_and_answer(self, session: Session) -> None:
        node = session.question()
        self.console.print()
        self.say(render.question(self.scenario, node, len(session.history) + 1))
        self.asking = node
        while True:
            response = self._read_response(node)
            try:
                outcome = session.answer(response)
                break
            except AnswerError as error:  # the grammar let through what the engine refuses
                self.console.print(render.lines(f"{error}. Try again."))
        # Once answered, the session has moved on: h must not spend the next question's hints.
        self.asking = None
        self.recorder.answered(session, outcome)
        if session.mode == "exam":
            self.console.print("Answer recorded.")
            return
        if isinstance(node, ShortNode):
            outcome = self._correct_short(session, node, outcome)
        self.say(render.explained(self.scenario, outcome, self.context, self.number))

    def _read_response(self, node: ChoiceNode | FactorsNode | ShortNode) -> Any:
        if isinstance(node, ChoiceNode):
            many = node.select == "many"
            picked = self._read(
                "Your answers (e.g. 1,3):" if many else "Your answer:",
                lambda line: parse_numbers(line, len(node.choices), many),
            )
            return [node.choices[n - 1].id for n in picked]
        if isinstance(node, FactorsNode):
            answers = {}
            for index, factor in enumerate(node.factors):
                self.say(render.factor_row(node, index))
                (pick,) = self._read(
                    f"Option for row {index + 1}:", lambda line: parse_numbers(line, len(node.scale), False)
                )
                answers[factor.id] = node.scale[pick - 1].id
            return answers
        return self._read_short()

    def _read_short(self) -> str:
        while True:
            typed: list[str] = []
            while True:
                line = self.prompter.ask("..." if typed else "Your answer (end with a line holding only .):")
                if line.strip() == ".":
                    break
                if not typed and self._command(line.strip()):
                    continue
                typed.append(line.rstrip())
            text = "\n".join(typed).strip()
            if text:
                return text
            self.console.print("An answer needs some text before the closing line with only '.'.")

    def _correct_short(self, session: Session, node: ShortNode, outcome: Outcome) -> Outcome:
        met = {f.item_id for f in outcome.feedback if f.chosen}
        self.say(render.rubric(node, met))
        picked = self._read(
            "Items you met (e.g. 1,3; 0 for none; Enter keeps the automatic mark):",
            lambda line: parse_rubric(line, len(node.rubric)),
            allow_empty=True,
        )
        if picked is None:
            return outcome
        corrected = session.correct_short(outcome.node_id, [node.rubric[n - 1].id for n in picked])
        self.recorder.corrected(session, corrected)
        return corrected

    def _read(self, prompt: str, parse: Callable[[str], T], allow_empty: bool = False) -> T:
        while True:
            line = self.prompter.ask(prompt).strip()
            if self._command(line):
                continue
            if not line and not allow_empty:
                self.console.print("Type an answer, or ? for help.")
                continue
            try:
                return parse(line)
            except InputError as error:
                self.console.print(render.lines(str(error), " Type ? for help."))

    def _command(self, line: str) -> bool:
        """Run `line` if it is a command; False when it is an answer."""
        assert self.session is not None
        command = line.lower()
        if command == "q":
            raise Quit
        if command == "?":
            self.console.print(Text(HELP))
        elif opening := OPEN.fullmatch(command):
            self._open_quote(opening[1])
        elif command in ("h", "f", "d") and self.asking is None:
            self.console.print("h, f and d work while a question waits for its answer.")
        elif command == "h":
            hint = self.session.next_hint()
            self.console.print(render.lines("Hint: ", hint) if hint else Text("No more hints for this question."))
        elif command == "f":
            self.say(render.facts(self.scenario, self.asking.facts))
        elif command == "d":
            self.say(render.doctrine(self.asking, self.context))
        else:
            return False
        return True

    # --- the end ---------------------------------------------------------------------

    def _finish(self, session: Session) -> None:
        if session.mode == "exam":
            self.console.print()
            self.say(render.lines(("Your answers, with the court's", "bold")))
            for number, outcome in enumerate(list(session.history), 1):
                node = self.scenario.nodes[outcome.node_id]
                self.console.print()
                self.say(
                    render.lines((f"Question {number}: {render.node_title(self.scenario, outcome.node_id)}", "bold"))
                )
                if isinstance(node, ShortNode):
                    outcome = self._correct_short(session, node, outcome)
                self.say(render.explained(self.scenario, outcome, self.context, self.number))
        self.console.print()
        self.say(render.summary(self.scenario, session.summary(), self.context, self.number))

    def open_quotes_until_done(self) -> None:
        """After the summary, the quotes shown can still be opened; Enter (or the input's end) finishes."""
        if not self.quotes:
            return
        while True:
            try:
                line = self.prompter.ask(
                    f"o and a quote's number (1 to {len(self.quotes)}) opens it in the opinion; Enter finishes:"
                ).strip()
            except EndOfInput:
                return
            if not line or line.lower() == "q":
                return
            if not self._command(line):
                self.console.print("Type o and a quote's number, e.g. o 1, or press Enter to finish.")

    # --- the court's words ---------------------------------------------------------------

    def number(self, quote: Quote) -> int:
        """The number `o N` opens `quote` by: the same number each time the same quote is shown."""
        if quote not in self.quotes:
            self.quotes.append(quote)
        return self.quotes.index(quote) + 1

    def _open_quote(self, which: str | None) -> None:
        if not self.quotes:
            self.console.print("o opens a quote once the court's words are shown; none is numbered yet.")
            return
        if which is None or not which.isdigit() or not 1 <= int(which) <= len(self.quotes):
            self.console.print(render.lines(f"Type o and a quote's number from 1 to {len(self.quotes)}, e.g. o 1."))
            return
        quote = self.quotes[int(which) - 1]
        self.say(render.passage(int(which), open_passage(self.scenario, self.folder, quote)))


def run_plain(
    scenario: Scenario,
    folder: Path,
    context: BankContext | None,
    content_hash: str,
    locations: Locations,
    mode: Mode = "tutor",
    retry: bool = False,
) -> int:
    """Play `scenario` (its file in `folder`) at the prompt; the exit code is EXIT_FINISHED or EXIT_INPUT_ENDED."""
    console, err = consoles()
    prompter = Prompter(console)
    recorder = Recorder.open(locations, err)
    try:
        session = begin(
            recorder,
            lambda saved: pick_resume(
                prompter, saved.started_at, saved.answered, changed=saved.content_hash != content_hash
            ),
            scenario,
            mode,
            retry,
            content_hash,
            console,
        )
        if session is None:
            return EXIT_FINISHED
        walk = PlainWalk(console, scenario, folder, context, recorder, prompter)
        code = walk.run(session)
        if session.finished and code == EXIT_FINISHED:
            walk.open_quotes_until_done()
        return code
    except Quit:
        return EXIT_FINISHED
    except EndOfInput:
        return EXIT_INPUT_ENDED
    finally:
        recorder.close()


def pick_resume(prompter: Prompter, started_at: str, answered: int, changed: bool) -> bool:
    """Ask whether to resume an unfinished attempt; True resumes."""
    prompter.console.print(f"You have an unfinished attempt from {started_at} with {answered} answer(s).")
    if changed:
        prompter.console.print(
            "The scenario file has been edited since; your answers are replayed against the new text."
        )
    while True:
        line = prompter.ask("r to resume it, n to start a new one:").strip().lower()
        if line in ("r", "n"):
            return line == "r"
        if line == "q":
            raise Quit
        prompter.console.print("Type r or n.")


def pick_from_library(locations: Locations) -> Path:
    """List the library and ask which scenario to play, by number or id. Raises Quit or EndOfInput."""
    from tutor.scenario.bank import scan

    console, _ = consoles()
    prompter = Prompter(console)
    entries = scan(locations)
    playable = [e for e in entries if not e.broken]
    console.print(render.lines(("The library", "bold")))
    for number, entry in enumerate(playable, 1):
        console.print(render.library_row(number, entry))
    for entry in entries:
        if entry.problem is not None:
            console.print(
                render.lines("Cannot be played until fixed (see qi-tutor validate): ", entry.problem.render())
            )
    if not playable:
        console.print("No scenario in the library can be played.")
        raise Quit
    by_id = {entry.id: entry for entry in playable}
    while True:
        line = prompter.ask("Which scenario? Its number or id (q quits):").strip()
        if line.lower() == "q":
            raise Quit
        if line in by_id:
            return by_id[line].path
        try:
            (number,) = parse_numbers(line, len(playable), many=False)
        except InputError as error:
            console.print(render.lines(str(error), " Or type a scenario's id."))
            continue
        return playable[number - 1].path
