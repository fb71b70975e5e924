"""A second qi-tutor process for the store tests: `python -m tests.store.child COMMAND DB [ARG]`.

The reliability tests need real separate processes (to SIGKILL one, to race two,
to run as another user); each command here is one such process.

- `play DB N`: answer mini.yaml along the court's path, printing each node once its
  answer is committed; after N answers print "waiting" and block until killed.
- `stream DB`: record answers without pause, printing each answer id once committed.
- `hammer DB COUNT GO`: wait for the file GO to exist, then record COUNT answers.
- `write DB`: start one attempt; print a StoreError's message and exit with its code.
- `race DB INDEX:WALKS:GO`: wait for GO, then walk mini.yaml WALKS times the way plain
  mode does (resume what is offered, else start afresh), printing each answer as JSON
  [index, walk, attempt, node] once committed; the short answer names the child and walk.
- `cli -- ARGS...`: run `qi-tutor ARGS` (DB is ignored), for commands run as another user.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tests.store.conftest import MINI, RIGHT
from tutor.engine.session import AnswerError, Session
from tutor.scenario.load import load_scenario
from tutor.store.errors import StoreError
from tutor.store.progress import ProgressStore


def race(store: ProgressStore, arg: str) -> int:
    index, walks, go = arg.split(":", 2)
    scenario = load_scenario(MINI)[0]
    while not Path(go).exists():
        time.sleep(0.001)
    for walk in range(int(walks)):
        saved = store.resumable(scenario.id)
        session, attempt = Session(scenario, content_hash="h"), None
        if saved is not None:
            try:
                session, attempt = Session.from_dict(scenario, saved.state), saved.attempt_id
            except AnswerError:
                store.abandon_attempt(saved.attempt_id)
        while not session.finished:
            node = session.current_id
            response = RIGHT[node] if node != "state-right" else f"child {index} walk {walk}: unarmed, not to be shot"  # type: ignore[index]
            outcome = session.answer(response)
            if attempt is None:
                attempt = store.start_attempt(scenario.id, "h", "tutor")
            store.record_answer(attempt, outcome)
            print(json.dumps([int(index), walk, attempt, node]), flush=True)
            time.sleep(0.005)
        store.finish_attempt(attempt)  # type: ignore[arg-type]
    return 0


def main(command: str, db: str, *args: str) -> int:
    if command == "cli":
        from tutor.cli import main as cli

        return cli(list(args))
    arg = args[0] if args else ""
    store = ProgressStore(Path(db))
    if command == "race":
        return race(store, arg)
    if command == "write":
        try:
            store.start_attempt("mini-roe", "h", "tutor")
        except StoreError as error:
            print(error, flush=True)
            return error.exit_code
        print("written", flush=True)
        return 0
    scenario = load_scenario(MINI)[0]
    if command == "play":
        session = Session(scenario, content_hash="h")
        attempt = store.start_attempt(scenario.id, "h", "tutor")
        for _ in range(int(arg)):
            node = session.current_id
            store.record_answer(attempt, session.answer(RIGHT[node]))  # type: ignore[index]
            print(node, flush=True)
        print("waiting", flush=True)
        sys.stdin.read()
        return 0
    if command == "hammer":
        count, go = arg.split(":")
        while not Path(go).exists():
            time.sleep(0.001)
    else:
        count = "1000000"
    for _ in range(int(count)):
        session = Session(scenario, content_hash="h")
        attempt = store.start_attempt(scenario.id, "h", "tutor")
        answer_id = store.record_answer(attempt, session.answer(RIGHT[session.current_id]))  # type: ignore[index]
        if command == "stream":
            print(answer_id, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
