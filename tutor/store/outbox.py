"""Sending to the class's LRS while the student plays, from a background thread that play never waits for.

The worker looks at the progress file every `interval` seconds (its own connection:
SQLite connections stay in their thread) and, when an answer was recorded or a mark
corrected since it last sent, posts what the LRS has not accepted (`lrs.send`). A
slow, stalled or absent LRS delays only this thread; what it could not send stays
unsent in the file, and goes with the next play or `qi-tutor send`. At the end of play
`stop` gives it `grace` seconds for a last pass, then leaves it (a daemon thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tutor.store.errors import StoreError
from tutor.store.lrs import Client, LrsError, already_sent, send
from tutor.store.progress import ProgressStore

INTERVAL_S = 1.0
GRACE_S = 3.0

Statements = Callable[[ProgressStore], Iterable[dict[str, Any]]]


class Outbox:
    def __init__(self, database: Path, client: Client, statements: Statements, interval: float = INTERVAL_S) -> None:
        self.database, self.client, self.statements, self.interval = database, client, statements, interval
        self.problem: str | None = None  # the last reason a pass failed
        self.sent = 0
        self._seen: tuple[Any, ...] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="qi-tutor-lrs", daemon=True)

    def start(self) -> Outbox:
        self._thread.start()
        return self

    def _changed(self, store: ProgressStore) -> bool:
        rows = store.rows(
            "SELECT (SELECT COUNT(*) FROM answers), (SELECT MAX(corrected_at) FROM answers),"
            " (SELECT MAX(finished_at) FROM attempts)"
        )
        seen = tuple(rows[0]) if rows else None
        if seen == self._seen:
            return False
        self._seen = seen
        return True

    def _pass(self, store: ProgressStore) -> None:
        if not self.database.exists() or not self._changed(store):
            return
        try:
            self.sent += send(store, self.client, self.statements(store)).posted
            self.problem = None
        except (LrsError, StoreError) as error:
            self.problem = str(error)
            self._seen = None  # try again on the next pass, changed or not

    def _run(self) -> None:
        with ProgressStore(self.database) as store:
            while not self._stop.is_set():
                self._pass(store)
                self._stop.wait(self.interval)
            self._pass(store)  # the last answers, given since the previous pass

    def stop(self, grace: float = GRACE_S) -> int:
        """End the worker after a last pass of at most `grace` seconds; returns how many statements wait unsent."""
        self._stop.set()
        self._thread.join(grace)
        with ProgressStore(self.database) as store:
            if not self.database.exists():
                return 0
            done = already_sent(store, self.client.endpoint)
            return sum(1 for statement in self.statements(store) if statement["id"] not in done)
