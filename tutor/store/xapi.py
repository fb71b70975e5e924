"""xAPI statements from an export's rows, one JSON object per line, for a learning record store.

An `answered` statement per answer, whose object is the decision node as a
`cmi.interaction` (choice for choice nodes, matching for a factors grid, fill-in for a
short answer), and a `completed` statement per finished attempt, whose object is the
scenario. The actor is an `account` (homePage + the student's name), because a
student's e-mail is none of our business. Statement ids are UUIDv5 of what they
record, so exporting twice never makes duplicates in the store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.scenario.model import Scenario

HOME = "https://qi-tutor.example"  # IRIs need a home; override with `export --xapi-home URL`
VERBS = {
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
INTERACTION_TYPES = {"choice": "choice", "factors": "matching", "short": "fill-in"}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, HOME)
EN = "en-US"


def _id(*parts: Any) -> str:
    return str(uuid.uuid5(_NAMESPACE, "|".join(map(str, parts))))


def _lang(text: str) -> dict[str, str]:
    return {EN: text}


def response_string(kind: str, answer: Any) -> str:
    """The answer in xAPI's response syntax: ids joined by [,], matching pairs as source[.]target."""
    if kind == "choice":
        return "[,]".join(answer)
    if kind == "factors":
        return "[,]".join(f"{row}[.]{option}" for row, option in answer.items())
    return str(answer)


def definition(kind: str, node_id: str, scenario: Scenario | None) -> dict[str, Any]:
    """The node's cmi.interaction definition; with the scenario at hand, its prompt, choices and correct pattern."""
    found: dict[str, Any] = {"type": INTERACTION, "name": _lang(node_id), "interactionType": INTERACTION_TYPES[kind]}
    node = scenario.nodes.get(node_id) if scenario is not None else None
    if node is None or node.type != kind:
        return found
    found["name"] = _lang(node.title or node_id)
    found["description"] = _lang(node.prompt)  # type: ignore[union-attr]  # node.type == kind: a question
    if node.type == "choice":
        found["choices"] = [{"id": c.id, "description": _lang(c.text)} for c in node.choices]
        found["correctResponsesPattern"] = ["[,]".join(c.id for c in node.choices if c.correct)]
    elif node.type == "factors":
        found["source"] = [{"id": f.id, "description": _lang(f.label)} for f in node.factors]
        found["target"] = [{"id": s.id, "description": _lang(s.label)} for s in node.scale]
        found["correctResponsesPattern"] = ["[,]".join(f"{f.id}[.]{f.answer}" for f in node.factors)]
    return found


def _score(earned: float, possible: float) -> dict[str, float]:
    return {"raw": earned, "min": 0, "max": possible, "scaled": round(earned / possible, 4)}


def _duration(start: str, end: str) -> str:
    seconds = (dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds()
    return f"PT{max(seconds, 0):.0f}S"


def statements(
    rows: Iterable[Mapping[str, Any]], home: str = HOME, scenarios: Mapping[tuple[str, str], Scenario] | None = None
) -> list[dict[str, Any]]:
    """`answered` per row, then `completed` per finished attempt.

    `scenarios` (by id and content hash) enrich the interaction definitions.
    """
    home = home.rstrip("/")
    scenarios = scenarios or {}
    out: list[dict[str, Any]] = []
    attempts: dict[tuple[str, str, int], dict[str, Any]] = {}
    for row in rows:
        student, scenario_id = row["student"], row["scenario_id"]
        actor = {"objectType": "Agent", "name": student, "account": {"homePage": home, "name": student}}
        scenario_iri = f"{home}/scenarios/{scenario_id}"
        registration = _id(student, scenario_id, row["attempt_id"], row["started_at"])
        result: dict[str, Any] = {
            "success": bool(row["full_marks"]),
            "response": response_string(row["kind"], row["answer"]),
            "extensions": {
                f"{home}/xapi/misconceptions": list(row["misconceptions"]),
                f"{home}/xapi/hints-used": row["hints_used"],
            },
        }
        if row["possible"] > 0:
            result["score"] = _score(row["earned"], row["possible"])
        context = {
            "registration": registration,
            "platform": f"qi-tutor {row['tool_version']}",
            "contextActivities": {"parent": [{"objectType": "Activity", "id": scenario_iri}]},
            "extensions": {
                f"{home}/xapi/content-hash": row["content_hash"],
                f"{home}/xapi/mode": row["mode"],
                f"{home}/xapi/purpose": row["purpose"],
                f"{home}/xapi/step": row["step"],
            },
        }
        out.append(
            {
                "id": _id(student, scenario_id, row["attempt_id"], row["seq"], row["answered_at"], "answered"),
                "actor": actor,
                "verb": {"id": VERBS["answered"], "display": _lang("answered")},
                "object": {
                    "objectType": "Activity",
                    "id": f"{scenario_iri}/nodes/{row['node_id']}",
                    "definition": definition(
                        row["kind"], row["node_id"], scenarios.get((scenario_id, row["content_hash"]))
                    ),
                },
                "result": result,
                "context": context,
                "timestamp": row["answered_at"],
                "version": "1.0.3",
            }
        )
        if row["finished_at"]:
            total = attempts.setdefault(
                (student, scenario_id, row["attempt_id"]),
                {"row": row, "actor": actor, "context": context, "earned": 0.0, "possible": 0.0},
            )
            total["earned"] += row["earned"]
            total["possible"] += row["possible"]
    for (student, scenario_id, attempt_id), total in attempts.items():
        row = total["row"]
        scenario = scenarios.get((scenario_id, row["content_hash"]))
        result = {"completion": True, "duration": _duration(row["started_at"], row["finished_at"])}
        if total["possible"] > 0:
            result["score"] = _score(total["earned"], total["possible"])
        out.append(
            {
                "id": _id(student, scenario_id, attempt_id, row["started_at"], "completed"),
                "actor": total["actor"],
                "verb": {"id": VERBS["completed"], "display": _lang("completed")},
                "object": {
                    "objectType": "Activity",
                    "id": f"{home}/scenarios/{scenario_id}",
                    "definition": {"type": ASSESSMENT, "name": _lang(scenario.title if scenario else scenario_id)},
                },
                "result": result,
                "context": {
                    "registration": total["context"]["registration"],
                    "platform": total["context"]["platform"],
                    "extensions": {
                        k: v for k, v in total["context"]["extensions"].items() if not k.endswith("/xapi/step")
                    },
                },
                "timestamp": row["finished_at"],
                "version": "1.0.3",
            }
        )
    return out
