"""Checking many files: each scenario against its bank, each vocabulary once, in N processes.

`qi-tutor validate` and `check` hand this module the files to check and print what
it returns. A scenario is loaded (every load-time problem), then checked against the
doctrine and misconceptions of its bank (`tutor.checker.checks`). Vocabularies
(doctrine.yaml, misconceptions.yaml, glossary.yaml, course.yaml, *.errata.yaml) are checked once per run however
many scenarios use them, in the parent process; scenarios are spread over `jobs`
worker processes, each keeping its own cache of loaded banks. The shipped bank's
vocabularies are checked by `qi-tutor check` (and the test suite), not again each time
an instructor validates a file that falls back on them; if they fail to load, that is
still reported.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.scenario.context import BankContext
from tutor.scenario.files import (
    BANK_FILES,
    COURSE_FILE,
    DOCTRINE_FILE,
    ERRATA_SUFFIX,
    GLOSSARY_FILE,
    MISCONCEPTIONS_FILE,
    VOCABULARY_FILES,
)
from tutor.scenario.load import (
    find_vocabulary,
    load_context,
    load_model,
    load_scenario,
)
from tutor.scenario.model import DoctrineFile, ErrataFile, GlossaryFile, MisconceptionFile, Scenario
from tutor.scenario.problems import Problem, ScenarioError


@dataclass
class FileReport:
    path: Path
    problems: list[Problem]
    scenario: Scenario | None = None  # kept only when the caller asked for it (check --walk)


def is_vocabulary(path: Path) -> bool:
    return path.name in BANK_FILES or path.name.endswith(ERRATA_SUFFIX)


def check_vocabulary(path: Path) -> list[Problem]:
    """A doctrine, misconceptions, glossary, course or errata file: loaded, then checked on its own terms."""
    from tutor.checker.checks import check_doctrine, check_misconceptions
    from tutor.checker.glossary_checks import check_glossary

    try:
        if path.name == COURSE_FILE:
            from tutor.checker.course_checks import check_course
            from tutor.scenario.course import CourseFile

            course, loaded = load_model(path, CourseFile)
            return loaded.warnings + check_course(course, loaded)
        if path.name == DOCTRINE_FILE:
            doctrine, loaded = load_model(path, DoctrineFile)
            return loaded.warnings + check_doctrine(doctrine, loaded)
        if path.name == MISCONCEPTIONS_FILE:
            misconceptions, loaded = load_model(path, MisconceptionFile)
            return loaded.warnings + check_misconceptions(misconceptions, loaded)
        if path.name == GLOSSARY_FILE:
            glossary, loaded = load_model(path, GlossaryFile)
            try:
                links: DoctrineFile | None = load_context(path).doctrine
            except ScenarioError:
                links = None  # the doctrine's own check reports why; links cannot be checked meanwhile
            return loaded.warnings + check_glossary(glossary, loaded, links)
        _errata, loaded = load_model(path, ErrataFile)
        return loaded.warnings
    except ScenarioError as error:
        return error.problems


class ScenarioChecker:
    """Checks scenario files one by one, loading each bank's vocabularies once."""

    def __init__(self, keep_models: bool = False):
        self.keep_models = keep_models
        self.contexts: dict[tuple[Path, ...], BankContext | None] = {}
        self.banks: dict[Path, tuple[Path, ...]] = {}  # folder -> its vocabularies, looked up once per run
        self.context_problems: dict[tuple[Path, ...], list[Problem]] = {}

    def context_for(self, path: Path) -> BankContext | None:
        key = self.banks.get(path.parent)
        if key is None:
            key = self.banks[path.parent] = _vocabulary_pair(path)
        if key not in self.contexts:
            try:
                self.contexts[key] = load_context(path)
            except ScenarioError as error:
                self.contexts[key] = None
                self.context_problems[key] = error.problems  # each names its vocabulary file
        return self.contexts[key]

    def check(self, path: Path) -> FileReport:
        from tutor.checker.checks import check_scenario

        try:
            scenario, loaded = load_scenario(path)
        except ScenarioError as error:
            return FileReport(path, error.problems)
        problems = list(loaded.warnings)
        context = self.context_for(path)
        if context is not None:
            try:
                problems += check_scenario(scenario, loaded, context)
            except Exception as error:  # a checker bug must cost one file's report, not the run
                # Located at the file's top, like every problem: an editor can still jump to it.
                why = "it needs more memory than is available" if isinstance(error, MemoryError) else error
                problems.append(
                    Problem(
                        path,
                        1,
                        1,
                        "error",
                        "internal-error",
                        f"the checker failed on this file: {type(error).__name__}: {why}",
                        "please report this, with the file, to the qi-tutor maintainers",
                    )
                )
        else:
            problems += self.context_problems[self.banks[path.parent]]
        return FileReport(path, problems, scenario if self.keep_models else None)


def _vocabulary_pair(path: Path) -> tuple[Path, ...]:
    return tuple(find_vocabulary(path, name) for name in VOCABULARY_FILES)


def vocabularies_of(scenarios: Iterable[Path]) -> list[Path]:
    """The instructor's vocabulary files the given scenarios are checked against, each once."""
    from tutor.paths import bundled_bank

    shipped = bundled_bank().resolve()
    folders = {path.parent: path for path in scenarios}
    found = dict.fromkeys(v for path in folders.values() for v in _vocabulary_pair(path))
    return [v for v in found if v.resolve().parent != shipped]


def _check_chunk(paths: list[Path]) -> list[FileReport]:
    checker = ScenarioChecker()
    return [checker.check(path) for path in paths]


def check_files(
    scenarios: list[Path], vocabularies: list[Path], jobs: int = 1, keep_models: bool = False
) -> list[FileReport]:
    """Every problem in every file, scenarios in the order given, then vocabularies."""
    # Results are dropped as we go, but the parser makes many small objects: the cyclic
    # GC would rescan them again and again for nothing (the baseline measured 1.1-1.4x).
    gc.disable()
    try:
        if jobs > 1 and len(scenarios) > 1 and not keep_models:
            reports = _in_processes(scenarios, jobs)
        else:
            checker = ScenarioChecker(keep_models)
            reports = [checker.check(path) for path in scenarios]
        wanted = dict.fromkeys([*vocabularies, *vocabularies_of(scenarios)])
        reports += [FileReport(path, check_vocabulary(path)) for path in wanted]
    finally:
        gc.enable()
    return reports


def _in_processes(scenarios: list[Path], jobs: int) -> list[FileReport]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported model with the workers (spawn would re-import
    # pydantic in each, ~200 ms); it is the safe choice only on Linux.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    jobs = min(jobs, len(scenarios))
    chunks = [scenarios[n::jobs] for n in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        results = list(pool.map(_check_chunk, chunks))
    by_path = {report.path: report for chunk in results for report in chunk}
    return [by_path[path] for path in scenarios]
