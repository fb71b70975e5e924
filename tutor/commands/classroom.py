"""`qi-tutor send`, and what export, send and report share for a class: the learner and the statements.

The learner's home (`--xapi-home`, else the `xapi_home` setting) must be an absolute
http(s) address, because every IRI in a statement is built on it. A class key
(`$QI_TUTOR_CLASS_KEY`, else the `class_key` setting) turns the student's name into
a pseudonym before anything is written (`tutor.store.xapi.pseudonym`). The LRS's
credentials ("user:password") come from `$QI_TUTOR_LRS_AUTH`, else the `lrs_auth`
setting: never from the command line, which any user of the machine can read in `ps`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tutor import exit_codes
from tutor.commands.common import fail
from tutor.paths import Locations
from tutor.scenario.model import ChoiceNode
from tutor.settings import Settings
from tutor.store.export import ANONYMOUS
from tutor.store.progress import ProgressStore
from tutor.store.xapi import HOME, Learner, Versions, check_home, statements, versions_for

if TYPE_CHECKING:  # the HTTP client is imported only when an LRS is in play: `play` starts without it
    from tutor.store.lrs import Client
    from tutor.store.outbox import Outbox

CLASS_KEY_ENV = "QI_TUTOR_CLASS_KEY"
LRS_AUTH_ENV = "QI_TUTOR_LRS_AUTH"


class UsageProblem(ValueError):
    """A command-line value that cannot be used; the message says which and why (exit 2)."""


def learner(args: argparse.Namespace, settings: Settings) -> Learner:
    home = getattr(args, "xapi_home", None) or settings.xapi_home or HOME
    try:
        home = check_home(home)
    except ValueError as error:
        raise UsageProblem(f"--xapi-home: {error}") from None
    return Learner(home, class_key(settings))


def class_key(settings: Settings) -> str | None:
    """The class key: `$QI_TUTOR_CLASS_KEY`, else the `class_key` setting; None outside class mode."""
    return os.environ.get(CLASS_KEY_ENV) or settings.class_key


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
    """The questions of each scenario version the rows were answered on."""
    return questions_asked(store, locations, rows)[0]


def questions_asked(
    store: ProgressStore, locations: Locations, rows: list[dict[str, Any]]
) -> tuple[Versions, set[tuple[str, str, str]]]:
    """The questions of each scenario version the rows were answered on, and the choice nodes kept in file order.

    Versions played before the store kept them (progress from before migration 7) are
    taken from the scenario file when it is still that version (export reads the store
    only, so nothing is written here). Which nodes opt out of shuffling (`shuffle:
    false`) the store does not keep: it is read from a scenario file that is still the
    version played, and a version no longer at hand is taken to shuffle, the default.
    """
    from tutor.commands.progress import _scenario_paths
    from tutor.scenario.load import load_scenario
    from tutor.scenario.problems import ScenarioError

    versions = dict(store.versions())
    played = {(r["scenario_id"], r["content_hash"]) for r in rows}
    file_order: set[tuple[str, str, str]] = set()
    paths = _scenario_paths(locations, {scenario_id for scenario_id, _ in played}) if played else {}
    for scenario_id, path in paths.items():
        try:
            text = path.read_bytes()
        except OSError:
            continue
        digest = hashlib.sha256(text).hexdigest()  # as `tutor.scenario.load.content_hash`, from the bytes read once
        missing = (scenario_id, digest) not in versions
        if (scenario_id, digest) not in played or (not missing and b"shuffle" not in text):
            continue  # nothing to learn from this file
        try:
            scenario = load_scenario(path)[0]
        except ScenarioError:
            continue
        if missing:
            versions.update(versions_for({(scenario_id, digest): scenario}))
        file_order |= {
            (scenario_id, digest, node_id)
            for node_id, node in scenario.nodes.items()
            if isinstance(node, ChoiceNode) and not node.shuffle
        }
    return versions, file_order


def class_statements(
    store: ProgressStore, locations: Locations, rows: list[dict[str, Any]], who: Learner
) -> Iterator[dict[str, Any]]:
    return statements(rows, who, kept_versions(store, locations, rows))


def client(args: argparse.Namespace, settings: Settings) -> Client:
    """The LRS named by --lrs (else the `lrs` setting), with its credentials; UsageProblem when there is none."""
    from tutor.store.lrs import Client, statements_url

    url = getattr(args, "lrs", None) or settings.lrs
    if not url:
        raise UsageProblem("no LRS: give --lrs URL (the LRS's xAPI address) or set `lrs` in the settings")
    try:
        endpoint = statements_url(url, allow_http=getattr(args, "allow_http", False))
    except ValueError as error:
        raise UsageProblem(f"--lrs: {error}") from None
    return Client(endpoint, os.environ.get(LRS_AUTH_ENV) or settings.lrs_auth)


def run_send(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.store.errors import StoreError
    from tutor.store.export import export_rows
    from tutor.store.lrs import LrsError, Sent, send

    settings = Settings.load(locations)
    try:
        student = student_name(args, settings)
        who = learner(args, settings)
        lrs = client(args, settings)
    except UsageProblem as error:
        return fail(str(error), exit_codes.USAGE)
    if not student:
        return fail(
            "send needs to know who you are: give --student NAME (or an e-mail address), or set `student` "
            "in the settings; with a class key only a pseudonym leaves this machine",
            exit_codes.USAGE,
        )
    store = ProgressStore(locations.database, locations.backups)
    sent = Sent()
    try:
        rows = export_rows(store, student=student)
        sent = send(store, lrs, class_statements(store, locations, rows, who), batch=args.batch)
    except StoreError as error:
        return fail(str(error), error.exit_code)
    except LrsError as error:
        print(f"qi-tutor: {error}", file=sys.stderr)
        return fail(
            f"{sent.posted} statement(s) were accepted before that and are recorded; "
            "`qi-tutor send` again sends the rest, and nothing twice",
            exit_codes.PROBLEMS,
        )
    finally:
        store.close()
    print(
        f"Sent {sent.posted} statement(s) to {lrs.endpoint} in {sent.batches} batch(es)"
        + (f"; {sent.already} the LRS already had were left out." if sent.already else ".")
    )
    return exit_codes.OK


def lrs_rows(args: argparse.Namespace, locations: Locations, problems: list[str]) -> Iterator[dict[str, Any]]:
    """The class's answers as the LRS holds them, voiding applied (report --lrs): the statements are listed twice,
    the voids first, so the report's memory follows the voids, not the class's size."""
    from tutor.store.xapi_read import standing

    lrs = client(args, Settings.load(locations))

    def listed() -> Iterator[tuple[Any, str]]:
        for page_number, page in enumerate(lrs.pages(), 1):
            for index, statement in enumerate(page, 1):
                yield statement, f"{lrs.endpoint} page {page_number} statement {index}"

    yield from standing(listed, problems)


def start_outbox(args: argparse.Namespace, locations: Locations) -> Outbox | None:
    """play's background sender, when an LRS is configured (--lrs or the `lrs` setting) and the student named."""
    from tutor.store.export import export_rows
    from tutor.store.outbox import Outbox

    settings = Settings.load(locations)
    if not (getattr(args, "lrs", None) or settings.lrs):
        return None
    try:
        student = student_name(args, settings)
        who = learner(args, settings)
        lrs = client(args, settings)
    except UsageProblem as error:
        print(f"qi-tutor: not sending to the LRS: {error}", file=sys.stderr)
        return None
    if not student:
        print("qi-tutor: not sending to the LRS: set your name (`student` in the settings) first", file=sys.stderr)
        return None
    lrs.retries = 1  # the worker's next pass is the retry; a request never holds it for long
    lrs.timeout = 10.0
    name = student
    return Outbox(
        locations.database, lrs, lambda store: class_statements(store, locations, export_rows(store, name), who)
    ).start()


def stop_outbox(outbox: Outbox | None) -> None:
    if outbox is None:
        return
    waiting = outbox.stop()
    if waiting:
        reason = f" ({outbox.problem})" if outbox.problem else ""
        print(
            f"qi-tutor: {waiting} statement(s) wait to go to {outbox.client.endpoint}{reason}; "
            "they go with the next play or `qi-tutor send`.",
            file=sys.stderr,
        )
