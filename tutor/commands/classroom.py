"""What export, send and report share for a class: who the learner is, and the statements about them.

The learner's home (`--xapi-home`, else the `xapi_home` setting) must be an absolute
http(s) address, because every IRI in a statement is built on it. A class key
(`$QI_TUTOR_CLASS_KEY`, else the `class_key` setting) turns the student's name into
a pseudonym before anything is written (`tutor.store.xapi.pseudonym`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from typing import Any

from tutor.paths import Locations
from tutor.settings import Settings
from tutor.store.export import ANONYMOUS
from tutor.store.progress import ProgressStore
from tutor.store.xapi import HOME, Learner, Versions, check_home, statements, versions_for

CLASS_KEY_ENV = "QI_TUTOR_CLASS_KEY"


class UsageProblem(ValueError):
    """A command-line value that cannot be used; the message says which and why (exit 2)."""


def learner(args: argparse.Namespace, settings: Settings) -> Learner:
    home = getattr(args, "xapi_home", None) or settings.xapi_home or HOME
    try:
        home = check_home(home)
    except ValueError as error:
        raise UsageProblem(f"--xapi-home: {error}") from None
    return Learner(home, os.environ.get(CLASS_KEY_ENV) or settings.class_key)


def student_name(args: argparse.Namespace, settings: Settings) -> str | None:
    name = getattr(args, "student", None)
    if name is not None and not name.strip():
        raise UsageProblem("--student wants a name (or an e-mail address), not an empty string")
    return name or settings.student


def anonymous_warning(rows: list[dict[str, Any]]) -> str | None:
    if any(row["student"] == ANONYMOUS for row in rows):
        return (
            'these answers carry no student name ("anonymous"): a class report cannot tell them from others\'. '
            "Give your name with --student NAME (or an e-mail address), or set it once in the settings."
        )
    return None


def kept_versions(store: ProgressStore, locations: Locations, rows: list[dict[str, Any]]) -> Versions:
    """The questions of each scenario version the rows were answered on.

    Versions played before the store kept them (progress from before migration 5) are
    taken from the scenario file when it is still that version, and kept from now on.
    """
    from tutor.commands.progress import _scenario_paths
    from tutor.scenario.load import content_hash, load_scenario
    from tutor.scenario.problems import ScenarioError

    versions = store.versions()
    wanted = {(r["scenario_id"], r["content_hash"]) for r in rows} - set(versions)
    paths = _scenario_paths(locations, {scenario_id for scenario_id, _ in wanted}) if wanted else {}
    for scenario_id, path in paths.items():
        digest = content_hash(path)
        if (scenario_id, digest) not in wanted:
            continue
        try:
            scenario = load_scenario(path)[0]
        except ScenarioError:
            continue
        store.keep_version(scenario, digest)
        versions.update(versions_for({(scenario_id, digest): scenario}))
    return versions


def class_statements(
    store: ProgressStore, locations: Locations, rows: list[dict[str, Any]], who: Learner
) -> Iterator[dict[str, Any]]:
    return statements(rows, who, kept_versions(store, locations, rows))
