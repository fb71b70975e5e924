"""Plain mode: one scenario as numbered text prompts, for screen readers, scripts and pipes.

A thin front end: the engine's `Session` walks and scores, the study layer records
every answer as it is given and words what happened (`tutor.study`), `tutor.plain.render`
prints that, and `tutor.plain.input` reads the lines. This module only turns those lines
into the responses the engine expects, in the order a walk asks for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.text import Text

from tutor import exit_codes
from tutor.engine.session import AnswerError, Mode, Outcome, Session
from tutor.paths import Locations
from tutor.plain import render
from tutor.plain.input import HELP, EndOfInput, InputError, Prompter, Quit, consoles, parse_numbers, parse_rubric
from tutor.scenario.bank import Course, LibraryEntry, read_library
from tutor.scenario.model import ChoiceNode, FactorsNode, Quote, ShortNode
from tutor.study import reporting, said, timing
from tutor.study.next_steps import next_steps
from tutor.study.offers import CHANGED, NOTHING_TO_RETRY, begin, offer, retrying
from tutor.study.playable import Playable
from tutor.study.recorder import Recorder
from tutor.study.walk import Walk
from tutor.study.words import NOTHING_CHOSEN

T = TypeVar("T")
OPEN = re.compile(r"o(?:\s+(\S+))?")  # `o 2`: open quote 2 in the opinion
REPORT = re.compile(r"(!!?)(?:\s*(.*))?", re.DOTALL)  # `! comment`: this question; `!! comment`: the feedback
GLOSSARY = re.compile(r"(?:g(?:\s+(\d+))?|glossary(?:\s+(.+))?)")  # `g`, `g 2`, `glossary seizure`


class TimeUp(Exception):
    """A timed exam reached zero while a question waited: no more answers are taken."""


class PlainWalk:
    """One walk through a scenario at the prompt."""

    def __init__(
        self,
        console: Console,
        walk: Walk,
        prompter: Prompter,
        briefs: Path | None = None,
        course: Course | None = None,
        entries: Sequence[LibraryEntry] = (),
    ) -> None:
        self.console = console
        self.course, self.entries = course, entries  # for the course's next case under the summary
        self.walk = walk
        self.scenario = walk.scenario
        self.context = walk.context
        self.quoted = walk.playable.quoted  # the pins shown after the words prose quotes
        self.prompter = prompter
        self.session: Session = walk.session
        self.asking: ChoiceNode | FactorsNode | ShortNode | None = None  # the question h, f and d are about
        # Every quote shown so far, and whether it is a doctrine entry's; `o N` opens quotes[N - 1].
        self.quotes: list[tuple[Quote, bool]] = []
        self.last: Outcome | None = None  # the answer whose feedback was shown last: `g` finds its terms too
        self.briefs = briefs  # where `b` saves a case brief (None: the current folder)
        self.feedback_shown: Outcome | None = None  # the answer whose feedback was printed last; `!!` reports it

    def say(self, texts: Sequence[Text] | Text) -> None:
        for text in [texts] if isinstance(texts, Text) else texts:
            self.console.print(text)

    # --- the walk ------------------------------------------------------------------

    def run(self) -> int:
        session = self.session
        self.say(render.header(self.scenario, session.mode))
        self.say(render.facts(self.scenario, None, self.quoted))
        try:
            while not session.finished:
                try:
                    self._ask_and_answer(session)
                except TimeUp:
                    self.walk.attempt.time_up()
                    self.console.print(timing.TIME_UP)
                    break
            self._finish(session)
        except Quit:
            self.console.print("Stopped. Your answers so far are saved; run the same command to resume.")
            return self._close(session, exit_codes.OK)
        except EndOfInput:
            self.console.print("Input ended. Your answers so far are saved; run the same command to resume.")
            return self._close(session, exit_codes.OK if session.finished else exit_codes.INPUT_ENDED)
        return self._close(session, exit_codes.OK)

    def _close(self, session: Session, code: int) -> int:
        if session.finished:
            self.walk.attempt.finish()
        return code

    def _ask_and_answer(self, session: Session) -> None:
        node = session.question()
        attempt = self.walk.attempt
        self.console.print()
        left = attempt.time_left()
        if left is not None:
            if left <= 0:
                raise TimeUp
            self.console.print(timing.time_left(left) + (f" {timing.FIVE_MINUTES}" if left <= timing.WARN_AT else ""))
        self.say(render.question(self.scenario, node, self.walk.progress(), self.quoted))
        self.asking = node
        attempt.shown()
        while True:
            response = self._read_response(node)
            if attempt.timed_out:
                self.console.print(timing.LATE)
                raise TimeUp
            try:
                outcome = session.answer(response)
                break
            except AnswerError as error:  # the grammar let through what the engine refuses
                self.console.print(render.lines(f"{error}. Try again."))
        # Once answered, the session has moved on: h must not spend the next question's hints.
        self.asking = None
        self.walk.attempt.answered(outcome)
        if session.mode == "exam":
            self.console.print("Answer recorded.")
            return
        if isinstance(node, ShortNode):
            outcome = self._correct_short(session, node, outcome)
        self.last = outcome
        self.say(render.explained(self.scenario, outcome, self.context, self.number, self.quoted))
        self.feedback_shown = outcome

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
        self.walk.attempt.corrected(corrected)
        return corrected

    def _read(self, prompt: str, parse: Callable[[str], T], allow_empty: bool = False) -> T:
        while True:
            line = self.prompter.ask(prompt).strip()
            if self._command(line):
                continue
            if not line and not allow_empty:
                self.console.print(f"{NOTHING_CHOSEN} Type an answer, or ? for help.")
                continue
            try:
                return parse(line)
            except InputError as error:
                self.console.print(render.lines(str(error), " Type ? for help."))

    def _command(self, line: str) -> bool:
        """Run `line` if it is a command; False when it is an answer."""
        command = line.lower()
        if command == "q":
            raise Quit
        if command == "?":
            self.console.print(Text(HELP))
        elif opening := OPEN.fullmatch(command):
            self._open_quote(opening[1])
        elif command in ("h", "f", "d"):
            self._about_the_question(command)
        elif reporting_line := REPORT.fullmatch(line):
            self._report(reporting_line[1] == "!!", (reporting_line[2] or "").strip())
        elif asked := GLOSSARY.fullmatch(line.strip()):
            self._glossary(asked[1], asked[2])
        elif command == "b":
            self._save_brief()
        else:
            return False
        return True

    def _report(self, about_feedback: bool, comment: str) -> None:
        """`!` reports the question waiting, `!!` the feedback shown last; the comment is asked for if not given."""
        shown, asking = self.feedback_shown, self.asking
        if about_feedback and shown is None:
            self.console.print("!! reports the feedback shown for an answer; none is shown yet. ! reports a question.")
            return
        if not about_feedback and asking is None:
            self.console.print("! reports the question waiting for its answer; !! reports the feedback shown last.")
            return
        comment = comment or self.prompter.ask(reporting.ASK).strip()
        if not comment:
            self.console.print(reporting.CANCELLED)
            return
        if about_feedback and shown is not None:
            report = reporting.feedback_report(self.walk, shown, comment)
        else:
            assert asking is not None
            report = reporting.question_report(self.walk, asking, self.session.current_id or "", comment)
        self.console.print(reporting.keep(self.walk, report))

    def _about_the_question(self, command: str) -> None:
        """h, f and d: a hint, the question's facts, its doctrine."""
        asking = self.asking
        if asking is None:
            self.console.print("h, f and d work while a question waits for its answer.")
        elif command == "h":
            hint = self.session.next_hint()
            self.console.print(
                render.row_text(said.row("Hint: ") + said.prose(hint, self.quoted))
                if hint
                else Text("No more hints for this question.")
            )
        elif command == "f":
            self.say(render.facts(self.scenario, asking.facts, self.quoted))
        else:
            self.say(render.doctrine(self.scenario, asking, self.context, self.number))

    def _terms_on_screen(self) -> list[str]:
        """The glossary terms in the facts, the question waiting and the last feedback shown."""
        from tutor.study.glossary import scenario_texts, terms_on
        from tutor.study.said import explained

        node_id = self.session.current_id if self.asking is not None else None
        texts = scenario_texts(self.scenario, node_id)
        if self.last is not None:
            texts += scenario_texts(self.scenario, self.last.node_id)
            texts += [line for b in explained(self.scenario, self.last, self.context, self.quoted) for line in b.lines]
        return terms_on(self.context, texts)

    def _glossary(self, number: str | None, word: str | None) -> None:
        """g lists the terms on screen, g N shows one of them, glossary TERM any entry."""
        from tutor.study.glossary import look_up

        if self.context.glossary is None:
            self.console.print("This bank has no glossary.")
            return
        if word is not None:
            self.say(render.blocks(look_up(self.context, word), self.number))
            return
        terms = self._terms_on_screen()
        if number is not None and terms and 1 <= int(number) <= len(terms):
            self.say(render.blocks(look_up(self.context, terms[int(number) - 1]), self.number))
        elif not terms:
            self.console.print("No glossary term appears here; glossary TERM looks up any term.")
        else:
            self.say([render.lines(("Glossary terms here:", "bold"))])
            self.say([render.lines(f"  {n}. {term}") for n, term in enumerate(terms, 1)])
            self.console.print(render.lines(f"Type g and a number (1 to {len(terms)}), or glossary TERM."))

    def _save_brief(self) -> None:
        from tutor.study.brief import write_brief

        folder = self.briefs or Path.cwd()
        try:
            path = write_brief(self.scenario, self.context, folder, self.quoted)
        except OSError as error:
            self.console.print(render.lines(f"Could not save the brief in {folder}: {error.strerror or error}"))
            return
        self.console.print(render.lines(f"Case brief saved: {path}"))

    # --- the end ---------------------------------------------------------------------

    def _finish(self, session: Session) -> None:
        if session.mode == "exam":
            self.console.print()
            self.say(render.review_heading(self.number))
            for index, outcome in enumerate(list(session.history)):
                node = self.scenario.nodes[outcome.node_id]
                if isinstance(node, ShortNode):
                    self._correct_short(session, node, outcome)
                self.say(render.review_answer(session, index, self.context, self.number, self.quoted))
                self.feedback_shown = outcome
        attempt = self.walk.attempt
        self.say(render.summary(session, self.context, self.number, len(attempt.unanswered), self.quoted))
        self.say(render.blocks(timing.summary(session, attempt.seconds, attempt.unanswered), self.number))
        self.say(render.blocks(next_steps(self.walk, self.course, self.entries), self.number))

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

    def number(self, quote: Quote, from_doctrine: bool = False) -> int:
        """The number `o N` opens `quote` by: the same number each time the same quote is shown."""
        if (quote, from_doctrine) not in self.quotes:
            self.quotes.append((quote, from_doctrine))
        return self.quotes.index((quote, from_doctrine)) + 1

    def _open_quote(self, which: str | None) -> None:
        if not self.quotes:
            self.console.print("o opens a quote once the court's words are shown; none is numbered yet.")
            return
        if which is None or not which.isdigit() or not 1 <= int(which) <= len(self.quotes):
            self.console.print(render.lines(f"Type o and a quote's number from 1 to {len(self.quotes)}, e.g. o 1."))
            return
        quote, from_doctrine = self.quotes[int(which) - 1]
        self.say(render.passage(int(which), self.walk.passage(quote, from_doctrine)))


def run_plain(
    playable: Playable,
    locations: Locations,
    mode: Mode = "tutor",
    retry: bool = False,
    minutes: int | None = None,
    clock: timing.Clock | None = None,
) -> int:
    """Play `playable` at the prompt (`minutes`: a timed exam); the exit code is exit_codes.OK or INPUT_ENDED."""
    console, err = consoles()
    prompter = Prompter(console)
    recorder = Recorder.at(locations, lambda message: err.print(Text(f"qi-tutor: {message}")))
    if clock is not None:
        recorder.clock = clock
    try:
        walk = start_walk(recorder, playable, prompter, mode, retry, minutes)
        if walk is None:
            return exit_codes.OK
        entries, course = read_library(locations)
        plain_walk = PlainWalk(console, walk, prompter, locations.briefs, course, entries)
        code = plain_walk.run()
        if walk.session.finished and code == exit_codes.OK:
            plain_walk.open_quotes_until_done()
        return code
    except Quit:
        return exit_codes.OK
    except EndOfInput:
        return exit_codes.INPUT_ENDED
    finally:
        recorder.close()


def start_walk(
    recorder: Recorder, playable: Playable, prompter: Prompter, mode: Mode, retry: bool, minutes: int | None = None
) -> Walk | None:
    """The study layer's start offers, asked at the prompt: resume, else a new walk (timed, given `minutes`)
    or a retry.

    None when `retry` finds nothing to replay.
    """
    console = prompter.console
    start = offer(recorder, playable, minutes)
    saved = start.saved
    if saved is not None and start.changed:
        console.print(Text(CHANGED))
    elif saved is not None and pick_resume(prompter, saved.started_at, saved.answered):
        return begin(recorder, playable, start, "resume")
    if not retry:
        return begin(recorder, playable, start, "timed" if minutes else mode)
    if saved is not None:
        recorder.abandon(saved.attempt_id)
    if not start.missed:
        console.print(NOTHING_TO_RETRY)
        return None
    console.print(Text(retrying(len(start.missed))))
    return begin(recorder, playable, start, "retry", mode)


def pick_resume(prompter: Prompter, started_at: str, answered: int) -> bool:
    """Ask whether to resume an unfinished attempt; True resumes."""
    prompter.console.print(f"You have an unfinished attempt from {started_at} with {answered} answer(s).")
    while True:
        line = prompter.ask("r to resume it, n to start a new one:").strip().lower()
        if line in ("r", "n"):
            return line == "r"
        if line == "q":
            raise Quit
        prompter.console.print("Type r or n.")


def pick_from_library(locations: Locations) -> Path:
    """List the library by case, in course order, and ask which scenario to play, by number or id.

    Raises Quit or EndOfInput.
    """
    from tutor.study.library import by_case, status

    console, err = consoles()
    prompter = Prompter(console)
    entries, course = read_library(locations)
    recorder = Recorder.at(locations, lambda message: err.print(Text(f"qi-tutor: {message}")))
    unfinished, finished = recorder.unfinished(), recorder.finished()
    recorder.close()
    title = f", in the order of the course: {course.title}" if course.title else ""
    console.print(render.lines(("The library", "bold"), title))
    playable: list[LibraryEntry] = []
    for group in by_case(entries, course):
        console.print(render.lines((group.heading, "bold")))
        for entry in group.entries:
            playable.append(entry)
            shown = status(entry, unfinished.get(entry.id or ""), entry.id in finished)
            console.print(render.library_row(len(playable), entry, shown))
    for entry in entries:
        if entry.problem is not None:
            console.print(
                render.lines("Cannot be played until fixed (see qi-tutor validate): ", entry.problem.render())
            )
    for problem in course.problems:
        console.print(render.lines("The course cannot be read (see qi-tutor validate): ", problem.render()))
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
