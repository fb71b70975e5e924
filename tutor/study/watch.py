"""`play --watch`: which files a scenario reads, whether they changed, and the walk carried onto a new version.

An author proofreading keeps the scenario open and saves edits; each good save
replaces the walk with one over the new text, at the same place where it can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tutor.engine.session import AnswerError, Session
from tutor.scenario.model import Scenario

VOCABULARIES = ("doctrine.yaml", "misconceptions.yaml")


def watched_files(path: Path) -> list[Path]:
    """The scenario file, its folder's vocabularies and every file under its folder's `sources/`."""
    folder = path.resolve().parent
    sources = folder / "sources"
    found = sorted(p for p in sources.rglob("*") if p.is_file()) if sources.is_dir() else []
    return [path, *(folder / name for name in VOCABULARIES), *found]


def stamps(path: Path) -> dict[Path, int | None]:
    """Each watched file's modification time in nanoseconds (None: missing); a change in any is a change."""
    out: dict[Path, int | None] = {}
    for file in watched_files(path):
        try:
            out[file] = file.stat().st_mtime_ns
        except OSError:
            out[file] = None
    return out


@dataclass(frozen=True)
class CarriedOver:
    """The walk over the new version, and what the student should be told about their place."""

    session: Session
    message: str


def carry_over(old: Session, scenario: Scenario, content_hash: str) -> CarriedOver:
    """`old`'s walk on the new `scenario`: its answers replayed when they still fit; else the same
    question afresh; else (that question is gone) the start."""
    state = {**old.to_dict(), "content_hash": content_hash}
    try:
        if state["scenario"] != scenario.id:
            raise AnswerError("the scenario's id changed")
        return CarriedOver(Session.from_dict(scenario, state), "Reloaded: same place, answers kept.")
    except AnswerError:
        pass
    nodes = None if old.nodes is None else [n for n in old.nodes if n in scenario.nodes]
    where = old.current_id
    keep = nodes is None and where is not None and where in scenario.nodes
    session = Session(
        scenario,
        mode=old.mode,
        nodes=nodes,
        content_hash=content_hash,
        seed=old.seed,
        current_id=where if keep else None,
    )
    if keep:
        return CarriedOver(session, f"Reloaded: the earlier answers no longer fit the new text; still at {where}.")
    gone = f"{where} is no longer in the scenario" if where else "the walk had ended"
    return CarriedOver(session, f"Reloaded: {gone}; back to the start.")
