"""The library index: every scenario in the banks, with what the library list shows, and the course.

Parsing a scenario costs 3-10 ms, so the library never parses a bank it has seen
before: the index is cached as JSON in the data directory, one row per file keyed by
path, size and mtime_ns, and only new or changed files are read again (parsed and
validated, but not checked against their sources: that is `qi-tutor check`). A file
that does not load is listed as broken with its first problem, so the library can
say what is wrong instead of hiding it. A bank's `course.yaml` is indexed the same way
(`Course`): the order the library groups its cases in, and what comes next after a walk.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tutor import __version__
from tutor.paths import Locations
from tutor.regular_files import why_not_regular
from tutor.scenario.files import BANK_FILES, COURSE_FILE, ERRATA_SUFFIX
from tutor.scenario.problems import Problem, ScenarioError
from tutor.terminal_text import shown

INDEX_FILE = "library-index.json"
# The cache is thrown away whenever qi-tutor changes: a new version may read files differently.
INDEX_VERSION = f"1/{__version__}"


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    id: str | None = None
    title: str | None = None
    case_name: str | None = None
    citation: str | None = None
    defendant: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    fewest_questions: int | None = None  # on the shortest walk from start to an end
    most_questions: int | None = None
    problem: Problem | None = field(default=None)  # the first problem, when the file does not load

    @property
    def broken(self) -> bool:
        return self.problem is not None

    def as_json(self) -> dict[str, Any]:
        row = asdict(self)
        row["path"] = str(self.path)
        row["tags"] = list(self.tags)
        row["problem"] = self.problem.as_dict() if self.problem else None
        return row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> LibraryEntry:
        problem = row.get("problem")
        if problem:
            problem = Problem(**(problem | {"path": Path(problem["path"])}))
        return cls(**(row | {"path": Path(row["path"]), "tags": tuple(row["tags"]), "problem": problem}))


def bank_files(bank: Path) -> list[Path]:
    """Every scenario file in one folder and below it (vocabularies, the course and hidden folders left out)."""
    found: dict[Path, None] = {}
    if not bank.is_dir():
        return []
    for path in sorted(bank.rglob("*.yaml")):
        hidden = any(part.startswith(".") for part in path.relative_to(bank).parts)
        if not hidden and path.name not in BANK_FILES and not path.name.endswith(ERRATA_SUFFIX):
            try:
                found[path.resolve()] = None
            except RuntimeError:  # a symlink loop (Python 3.11): listed, so its entry says what is wrong
                found[path.absolute()] = None
    return list(found)


def scenario_files(locations: Locations) -> list[Path]:
    """Every scenario file in the banks, in bank order."""
    return list(dict.fromkeys(path for bank in locations.banks for path in bank_files(bank)))


@dataclass(frozen=True)
class CourseStop:
    id: str
    why: str


@dataclass(frozen=True)
class Course:
    """The banks' courses as one: each instructor's bank first, then the shipped one; an id keeps its first place.

    So an instructor's course that lists shipped scenarios puts them in its own order.
    """

    title: str | None = None
    stops: tuple[CourseStop, ...] = ()
    problems: tuple[Problem, ...] = ()  # a course file that does not load: the library says so

    def position(self, scenario_id: str | None) -> int | None:
        """The scenario's place in the course, from 1; None when the course leaves it out."""
        return next((n for n, stop in enumerate(self.stops, 1) if stop.id == scenario_id), None)

    def why(self, scenario_id: str | None) -> str | None:
        place = self.position(scenario_id)
        return None if place is None else self.stops[place - 1].why

    def after(self, scenario_id: str) -> CourseStop | None:
        """The stop after this scenario's; None at the end or when the course leaves it out."""
        place = self.position(scenario_id)
        return None if place is None or place >= len(self.stops) else self.stops[place]


def _course_row(path: Path) -> dict[str, Any]:
    """One course file as the index keeps it (loaded only when it is new or changed)."""
    from tutor.scenario.course import CourseFile
    from tutor.scenario.load import load_model

    try:
        course, _loaded = load_model(path, CourseFile)
    except ScenarioError as error:
        first = min(error.problems, key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
        return {"title": None, "stops": [], "problem": first.as_dict()}
    return {"title": course.title, "stops": [[s.id, s.why] for s in course.scenarios], "problem": None}


def _course_from_row(row: dict[str, Any]) -> Course:
    """A course as the index keeps it; KeyError, TypeError or ValueError when the row is damaged."""
    stops = tuple(CourseStop(str(scenario_id), str(why)) for scenario_id, why in row["stops"])
    problem = row["problem"]
    problems = (Problem(**(problem | {"path": Path(problem["path"])})),) if problem else ()
    return Course(row["title"], stops, problems)


def _merged(courses: list[Course]) -> Course:
    stops: dict[str, CourseStop] = {}
    for course in courses:
        for stop in course.stops:
            stops.setdefault(stop.id, stop)
    title = next((course.title for course in courses if course.title), None)
    return Course(title, tuple(stops.values()), tuple(p for course in courses for p in course.problems))


def scan(locations: Locations) -> list[LibraryEntry]:
    """The library, read from the cache where files are unchanged."""
    return read_library(locations)[0]


def read_library(locations: Locations) -> tuple[list[LibraryEntry], Course]:
    """The library and its course, read from the cache where files are unchanged."""
    cache_path = locations.data_dir / INDEX_FILE
    cached = _read_cache(cache_path)
    rows: dict[str, dict[str, Any]] = {}
    entries = []
    for path in scenario_files(locations):
        try:
            stat = path.stat()
        except OSError:
            if path.is_symlink():  # a loop or a dangling link: listed as broken, so the author sees it
                entries.append(index_entry(path))
            continue  # otherwise deleted between listing and reading
        key = [stat.st_size, stat.st_mtime_ns]
        row: Any = cached.get(str(path))
        entry = _from_cache(row, key)
        if entry is None:
            entry = index_entry(path)
            row = {"key": key, "entry": entry.as_json()}
        rows[str(path)] = row
        entries.append(entry)
    courses = []
    for bank in (*locations.banks[1:], locations.banks[0]):  # the instructor's courses before the shipped one
        path = bank / COURSE_FILE
        try:
            stat = path.stat()
        except OSError:
            continue
        key = [stat.st_size, stat.st_mtime_ns]
        row = cached.get(str(path))
        try:
            if not isinstance(row, dict) or row.get("key") != key:
                raise ValueError("changed")
            course = _course_from_row(row["course"])
        except (KeyError, TypeError, ValueError):  # new, changed or a damaged row: read the file
            row = {"key": key, "course": _course_row(path)}
            course = _course_from_row(row["course"])
        rows[str(path)] = row
        courses.append(course)
    if rows != cached:
        _write_cache(locations, cache_path, rows)
    return entries, _merged(courses)


def index_entry(path: Path) -> LibraryEntry:
    """Read one file's library metadata (a broken entry when it does not load)."""
    # Imported here: with a warm index the library never parses, so start-up
    # need not pay for pydantic and the scenario model (about 0.3 s).
    from tutor.scenario.load import load_scenario

    try:
        scenario, _loaded = load_scenario(path)
    except ScenarioError as error:
        first = min(error.problems, key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
        return LibraryEntry(path, problem=first)
    from tutor.scenario.graph import question_counts

    fewest, most = question_counts(scenario)
    return LibraryEntry(
        path,
        id=scenario.id,
        title=scenario.title,
        case_name=scenario.case.name,
        citation=scenario.case.citation,
        defendant=scenario.defendant,
        tags=tuple(scenario.tags),
        summary=scenario.summary,
        fewest_questions=fewest,
        most_questions=most,
    )


def find(locations: Locations, id_or_path: str) -> Path:
    """A scenario file named by path or by id. Raises LookupError saying what exists."""
    candidate = Path(id_or_path).expanduser()
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        why = why_not_regular(candidate)
        if why is None:
            return candidate
        if not candidate.exists() and not candidate.is_symlink():
            raise LookupError(f"no scenario file {shown(id_or_path)}")
        raise LookupError(f"the scenario file {shown(id_or_path)} {why}")
    entries = scan(locations)
    for entry in entries:
        if entry.id == id_or_path:
            return entry.path
    known = [e.id for e in entries if e.id]
    close = difflib.get_close_matches(id_or_path, known, n=1)
    hint = f"did you mean {close[0]}?" if close else "known ids: " + (", ".join(known) or "none")
    raise LookupError(f"no scenario with id {id_or_path} in the library; {hint}")


def _read_cache(path: Path) -> dict[str, dict[str, Any]]:
    """The cached rows, or none when the cache is missing, unreadable or from another version."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(document, dict)
        or document.get("version") != INDEX_VERSION
        or not isinstance(document.get("files"), dict)
    ):
        return {}
    return document["files"]


def _from_cache(row: Any, key: list[int]) -> LibraryEntry | None:
    if not isinstance(row, dict) or row.get("key") != key:
        return None
    try:
        return LibraryEntry.from_json(row["entry"])
    except (KeyError, TypeError, ValueError):  # a damaged row: read the file again
        return None


def _write_cache(locations: Locations, path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Write atomically (a temporary file renamed over the old one); a cache that cannot be written is skipped."""
    try:
        locations.ensure(path)
        handle, temporary = tempfile.mkstemp(prefix=".library-index-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": INDEX_VERSION, "files": rows}, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
