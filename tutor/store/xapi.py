"""xAPI 1.0.3 statements from an export's rows, for a class's learning record store (LRS).

An `answered` statement per answer, whose object is the decision node as a
`cmi.interaction` (choice for choice nodes, matching for a factors grid, fill-in for a
short answer), and a `completed` statement per finished attempt, whose object is the
scenario.

Statements are immutable in an LRS, and a batch holding one statement whose id it
already has with other content is refused whole (409). So a statement's id is the
UUIDv5 of everything it says: the same answer exported again is the same statement
(the LRS answers 204), and anything that differs (another home, another scenario
version, a corrected mark) is a new id. A corrected mark is sent the xAPI way: the
statement with the automatic mark, a `voided` statement pointing at it, and the
corrected statement whose `context.statement` refers to the first. The question's
definition comes from the scenario version it was answered on (kept by the store), so
editing the scenario later changes nothing already said.

Who the statements are about (`Learner`): an `account` on the school's home page, or an
`mbox` when the student's name is an e-mail address; with a class key, the account name
is a keyed hash of the name (a pseudonym the instructor maps back with the same key), so
a student's name need not leave the machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tutor import marks
from tutor.scenario.model import EndNode

if TYPE_CHECKING:
    from tutor.scenario.model import Scenario

HOME = "https://qi-tutor.example"  # IRIs need a home; override with `export --xapi-home URL`
VERSION = "1.0.3"
VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "voided": "http://adlnet.gov/expapi/verbs/voided",
}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
INTERACTION_TYPES = {"choice": "choice", "factors": "matching", "short": "fill-in"}
_NAMESPACE = uuid.UUID("8c4bd7c6-5b4f-5a0e-9d0c-2f5b8f3e6a41")  # qi-tutor's statement ids; never change it
EN = "en-US"
MAILBOX = re.compile(r"^(mailto:)?[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$")
PSEUDONYM_PREFIX = "p-"


def check_home(home: str) -> str:
    """The home as an absolute http(s) IRI without a trailing slash; ValueError says what is wrong."""
    parts = urlsplit(home)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{home!r} is not an absolute http(s) address such as https://school.example")
    return home.rstrip("/")


def ext(home: str, name: str) -> str:
    """The IRI of one of qi-tutor's extensions (see docs/class.md: the profile)."""
    return f"{home}/xapi/{name}"


def pseudonym(key: str, student: str) -> str:
    """A keyed hash of the name: stable for one class key, meaningless without it."""
    digest = hmac.new(key.encode("utf-8"), student.strip().casefold().encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:20]


@dataclass(frozen=True)
class Learner:
    """How a student's name becomes an xAPI actor: on `home`, pseudonymous when a class `key` is set."""

    home: str = HOME
    key: str | None = None

    def actor(self, student: str) -> dict[str, Any]:
        if self.key:
            return {"objectType": "Agent", "account": {"homePage": self.home, "name": pseudonym(self.key, student)}}
        if MAILBOX.match(student):
            return {"objectType": "Agent", "mbox": student if student.startswith("mailto:") else f"mailto:{student}"}
        return {"objectType": "Agent", "name": student, "account": {"homePage": self.home, "name": student}}


def _lang(text: str) -> dict[str, str]:
    return {EN: text}


def statement_id(body: Mapping[str, Any]) -> str:
    """UUIDv5 of the statement's canonical JSON (without its id): equal content, equal id; else a new one."""
    canonical = json.dumps({k: v for k, v in body.items() if k != "id"}, sort_keys=True, ensure_ascii=False)
    return str(uuid.uuid5(_NAMESPACE, canonical))


def _with_id(body: dict[str, Any]) -> dict[str, Any]:
    return {"id": statement_id(body), **body}


def response_string(kind: str, answer: Any) -> str:
    """The answer in xAPI's response syntax: ids joined by [,], matching pairs as source[.]target."""
    if kind == "choice":
        return "[,]".join(answer)
    if kind == "factors":
        return "[,]".join(f"{row}[.]{option}" for row, option in answer.items())
    return str(answer)


def definition(kind: str, node_id: str, scenario: Scenario | None) -> dict[str, Any]:
    """The node's cmi.interaction definition; with the scenario at hand, its prompt, choices and correct pattern.

    A factors grid's practice rows (the court did not weigh them) score nothing, so they are not in the key.
    """
    found: dict[str, Any] = {"type": INTERACTION, "name": _lang(node_id), "interactionType": INTERACTION_TYPES[kind]}
    node = scenario.nodes.get(node_id) if scenario is not None else None
    if node is None or node.type != kind or isinstance(node, EndNode):
        return found
    found["name"] = _lang(node.title or node_id)
    found["description"] = _lang(node.prompt)  # node.type == kind: a question
    if node.type == "choice":
        found["choices"] = [{"id": c.id, "description": _lang(c.text)} for c in node.choices]
        found["correctResponsesPattern"] = ["[,]".join(c.id for c in node.choices if c.correct)]
    elif node.type == "factors":
        found["source"] = [{"id": f.id, "description": _lang(f.label)} for f in node.factors]
        found["target"] = [{"id": s.id, "description": _lang(s.label)} for s in node.scale]
        scored = [f for f in node.factors if f.court_weighed]
        found["correctResponsesPattern"] = ["[,]".join(f"{f.id}[.]{f.answer}" for f in scored)]
    return found


def _score(earned: float, possible: float) -> dict[str, float]:
    return {"raw": earned, "min": 0, "max": possible, "scaled": round(earned / possible, 4)}


def _duration(start: str, end: str) -> str:
    return _iso_seconds((dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds())


def _iso_seconds(seconds: float) -> str:
    """An ISO 8601 duration in seconds, as xAPI's result.duration wants it: PT12.5S."""
    return f"PT{max(seconds, 0):.3f}".rstrip("0").rstrip(".") + "S"


Versions = Mapping[tuple[str, str], tuple[str, Mapping[str, Any]]]  # (id, hash) -> (title, {node: definition})


class _Writer:
    def __init__(self, learner: Learner, versions: Versions) -> None:
        self.learner, self.home, self.versions = learner, learner.home, versions

    def context(self, row: Mapping[str, Any], answer: bool) -> dict[str, Any]:
        extensions = {
            ext(self.home, "scenario"): row["scenario_id"],
            ext(self.home, "content-hash"): row["content_hash"],
            ext(self.home, "attempt"): row["attempt_id"],
            ext(self.home, "mode"): row["mode"],
            ext(self.home, "purpose"): row["purpose"],
        }
        if answer:
            extensions |= {
                ext(self.home, "node"): row["node_id"],
                ext(self.home, "step"): row["step"],
                ext(self.home, "seq"): row["seq"],
            }
        found: dict[str, Any] = {
            "registration": row["attempt_uuid"],
            "platform": f"qi-tutor {row['tool_version']}",
            "extensions": extensions,
        }
        if answer:
            found["contextActivities"] = {"parent": [{"objectType": "Activity", "id": self.scenario_iri(row)}]}
        return found

    def scenario_iri(self, row: Mapping[str, Any]) -> str:
        return f"{self.home}/scenarios/{row['scenario_id']}"

    def answered(self, row: Mapping[str, Any], earned: float, success: bool, corrected: bool) -> dict[str, Any]:
        version = self.versions.get((row["scenario_id"], row["content_hash"]))
        node_definition = (version[1] if version else {}).get(row["node_id"]) or definition(
            row["kind"], row["node_id"], None
        )
        result: dict[str, Any] = {
            "success": success,
            "response": response_string(row["kind"], row["answer"]),
            "extensions": {
                ext(self.home, "misconceptions"): list(row["misconceptions"]),
                ext(self.home, "hints-used"): row["hints_used"],
            },
        }
        if row["possible"] > 0:
            result["score"] = _score(earned, row["possible"])
        if row.get("seconds") is not None:  # the question's time on screen, when it was measured
            result["duration"] = _iso_seconds(row["seconds"])
        if corrected:
            result["extensions"][ext(self.home, "self-marked")] = list(row["corrected"])
            result["extensions"][ext(self.home, "self-marked-at")] = row["corrected_at"] or row["answered_at"]
        return {
            "actor": self.learner.actor(row["student"]),
            "verb": {"id": VERBS["answered"], "display": _lang("answered")},
            "object": {
                "objectType": "Activity",
                "id": f"{self.scenario_iri(row)}/nodes/{row['node_id']}",
                "definition": node_definition,
            },
            "result": result,
            "context": self.context(row, answer=True),
            "timestamp": row["answered_at"],
            "version": VERSION,
        }

    def voided(self, row: Mapping[str, Any], target: str) -> dict[str, Any]:
        return _with_id(
            {
                "actor": self.learner.actor(row["student"]),
                "verb": {"id": VERBS["voided"], "display": _lang("voided")},
                "object": {"objectType": "StatementRef", "id": target},
                "timestamp": row["corrected_at"] or row["answered_at"],
                "version": VERSION,
            }
        )

    def rows(self, row: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """The answer's statements: as marked; and when the student corrected the mark, voided and corrected."""
        if row["corrected"] is None:
            yield _with_id(self.answered(row, row["earned"], bool(row["full_marks"]), corrected=False))
            return
        auto_full = marks.full(row["auto_earned"], row["possible"])
        first = _with_id(self.answered(row, row["auto_earned"], auto_full, corrected=False))
        yield first
        yield self.voided(row, first["id"])
        corrected = self.answered(row, row["earned"], bool(row["full_marks"]), corrected=True)
        corrected["context"]["statement"] = {"objectType": "StatementRef", "id": first["id"]}
        yield _with_id(corrected)

    def completed(self, row: Mapping[str, Any], earned: float, possible: float) -> dict[str, Any]:
        version = self.versions.get((row["scenario_id"], row["content_hash"]))
        result: dict[str, Any] = {"completion": True, "duration": _duration(row["started_at"], row["finished_at"])}
        if possible > 0:
            result["score"] = _score(earned, possible)
        return {
            "actor": self.learner.actor(row["student"]),
            "verb": {"id": VERBS["completed"], "display": _lang("completed")},
            "object": {
                "objectType": "Activity",
                "id": self.scenario_iri(row),
                "definition": {"type": ASSESSMENT, "name": _lang(version[0] if version else row["scenario_id"])},
            },
            "result": result,
            "context": self.context(row, answer=False),
            "timestamp": row["finished_at"],
            "version": VERSION,
        }


def statements(
    rows: Iterable[Mapping[str, Any]], learner: Learner | None = None, versions: Versions | None = None
) -> Iterator[dict[str, Any]]:
    """`answered` per row (voided and corrected after a corrected mark), then `completed` per finished attempt."""
    writer = _Writer(learner or Learner(), versions or {})
    attempts: dict[str, dict[str, Any]] = {}
    for row in rows:
        yield from writer.rows(row)
        if row["finished_at"]:
            total = attempts.setdefault(
                row["attempt_uuid"], {"row": row, "auto": 0.0, "earned": 0.0, "possible": 0.0, "corrected_at": ""}
            )
            total["auto"] += row["auto_earned"] if row["corrected"] is not None else row["earned"]
            total["corrected_at"] = max(total["corrected_at"], row.get("corrected_at") or "")
            total["earned"] += row["earned"]
            total["possible"] += row["possible"]
    for total in attempts.values():
        first = _with_id(writer.completed(total["row"], total["auto"], total["possible"]))
        yield first
        if abs(total["auto"] - total["earned"]) > marks.TOLERANCE:  # a corrected mark changed the attempt's score too
            when = max(total["corrected_at"], total["row"]["finished_at"])
            yield writer.voided({**total["row"], "corrected_at": when}, first["id"])
            corrected = writer.completed(total["row"], total["earned"], total["possible"])
            corrected["context"]["statement"] = {"objectType": "StatementRef", "id": first["id"]}
            yield _with_id(corrected)


def versions_for(scenarios: Mapping[tuple[str, str], Scenario]) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """Definitions from scenarios at hand, in the form the store keeps them (`ProgressStore.versions`)."""
    return {
        key: (
            scenario.title,
            {
                node_id: definition(node.type, node_id, scenario)
                for node_id, node in scenario.nodes.items()
                if node.type in INTERACTION_TYPES
            },
        )
        for key, scenario in scenarios.items()
    }
