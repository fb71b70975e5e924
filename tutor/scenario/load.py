"""From a path to a validated model, or to every problem that stands in the way.

`load_model` is the one way any part of qi-tutor turns a YAML file into a model:
parse safely (yamlload), validate (pydantic), and report each failure on its line.
It raises `ScenarioError` holding every problem found, never a traceback; warnings
that did not stop loading ride along on `LoadedFile.warnings`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tutor.scenario.context import BankContext
from tutor.scenario.files import DOCTRINE_FILE, GLOSSARY_FILE, MISCONCEPTIONS_FILE
from tutor.scenario.model import DoctrineFile, GlossaryFile, MisconceptionFile, Scenario
from tutor.scenario.problems import LoadedFile, Problem, ScenarioError
from tutor.scenario.pydantic_problems import expects_text, validation_problems
from tutor.scenario.yamlload import ParsedYaml, read_yaml

M = TypeVar("M", bound=BaseModel)

# How far above a scenario to look for its bank's vocabularies: the scenario's own
# folder, then up to two parents (e.g. bank/cases/floyd/floyd-a.yaml finds bank/doctrine.yaml).
VOCABULARY_SEARCH_LEVELS = 2


def load_model(path: Path, model_cls: type[M]) -> tuple[M, LoadedFile]:
    """Load `path` as `model_cls`. Raises ScenarioError with every problem found."""
    parsed = read_yaml(Path(path))
    loaded = parsed.loaded
    problems = list(parsed.problems)
    model = None
    try:
        model = model_cls.model_validate(loaded.data)
    except ValidationError as error:
        problems += validation_problems(error, loaded, model_cls)
    loaded.warnings = _coercion_warnings(parsed, model_cls)
    if model is None or any(p.severity == "error" for p in problems):
        raise ScenarioError(sorted(problems + loaded.warnings, key=_by_position))
    loaded.warnings += problems
    return model, loaded


def _coercion_warnings(parsed: ParsedYaml, model_cls: type[BaseModel]) -> list[Problem]:
    """Where we kept `no` or `1.10` as text but YAML 1.1 tools would not have."""
    warnings = []
    for where, written in parsed.coercions.items():
        if expects_text(model_cls, where):
            warnings.append(
                parsed.loaded.problem(
                    where,
                    "yaml11-coercion",
                    f"`{written}` is read here as the text {written!r}, but older YAML tools read it as a "
                    f"{_yaml11_kind(written)}",
                    f'quote it, "{written}", so every tool agrees',
                    severity="warning",
                )
            )
    return warnings


def _yaml11_kind(written: str) -> str:
    if written.lower() in ("yes", "no", "on", "off"):
        return "boolean"
    if written[:4].isdigit() and written[4:5] == "-":
        return "date"
    return "number"


def _by_position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def load_scenario(path: Path) -> tuple[Scenario, LoadedFile]:
    return load_model(path, Scenario)


def _stands(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _folders_up(scenario_path: Path) -> list[Path]:
    folder = Path(scenario_path).resolve().parent
    return [folder, *folder.parents][: VOCABULARY_SEARCH_LEVELS + 1]


def find_vocabulary(scenario_path: Path, name: str) -> Path:
    """`name` beside the scenario, else in up to two parent folders, else the shipped bank's."""
    for candidate in _folders_up(scenario_path):
        # Whatever stands there is the bank's (a FIFO or a loop is then refused, located, on reading).
        if _stands(candidate / name):
            return candidate / name
    from tutor.paths import bundled_bank

    return bundled_bank() / name


def vocabulary_layers(scenario_path: Path, name: str) -> list[Path]:
    """The files whose entries a scenario sees, lowest first: the shipped bank's, then each folder's above it.

    An instructor's `doctrine.yaml` holds only what it adds or changes; the shipped
    file stays underneath, so a new scenario never has to copy it.
    """
    from tutor.paths import bundled_bank

    shipped = (bundled_bank() / name).resolve()
    found = [c / name for c in reversed(_folders_up(scenario_path)) if _stands(c / name)]
    return [shipped, *(path for path in found if path.resolve() != shipped)]


def _layered(models: list[M]) -> M:
    """One vocabulary from its layers: a key in a higher layer replaces the same key below it, whole."""
    merged = models[0]
    for over in models[1:]:
        if isinstance(over, DoctrineFile) and isinstance(merged, DoctrineFile):
            sources = {s.id: s for s in merged.sources} | {s.id: s for s in over.sources}
            entries = merged.entries | over.entries
            merged = merged.model_copy(update={"entries": entries, "sources": list(sources.values())})
        elif isinstance(over, MisconceptionFile) and isinstance(merged, MisconceptionFile):
            update = {"misconceptions": merged.misconceptions | over.misconceptions}
            merged = merged.model_copy(update=update)
        elif isinstance(over, GlossaryFile) and isinstance(merged, GlossaryFile):
            cited = {s.id: s for s in merged.sources} | {s.id: s for s in over.sources}
            merged = merged.model_copy(update={"terms": merged.terms | over.terms, "sources": list(cited.values())})
    return merged


def _anchored(model: M, loaded: LoadedFile) -> tuple[M, LoadedFile]:
    """A doctrine layer's source paths made absolute: once layers merge, each must still name its own folder's file."""
    if isinstance(model, DoctrineFile):
        folder = loaded.path.parent
        sources = [s.model_copy(update={"path": str(folder / s.path)}) for s in model.sources]
        model = model.model_copy(update={"sources": sources})
    return model, loaded


def load_context(scenario_path: Path) -> BankContext:
    """The doctrine, misconceptions and glossary a scenario is checked against, every layer merged.

    Raises ScenarioError. The `LoadedFile` kept for each is the nearest layer's: messages name the file the
    instructor edits, and that file's folder bounds where sources may live.
    """
    loaded: list[tuple[BaseModel, LoadedFile]] = []
    problems = []
    kinds: tuple[tuple[str, type[BaseModel]], ...] = (
        (DOCTRINE_FILE, DoctrineFile),
        (MISCONCEPTIONS_FILE, MisconceptionFile),
        (GLOSSARY_FILE, GlossaryFile),
    )
    for name, model_cls in kinds:
        layers = []
        for path in vocabulary_layers(scenario_path, name):
            if name == GLOSSARY_FILE and not _stands(path):
                continue  # a bank may do without a glossary; a scenario never refers to one by key
            try:
                layers.append(_anchored(*load_model(path, model_cls)))
            except ScenarioError as error:
                problems += error.problems
        if layers:
            loaded.append((_layered([model for model, _ in layers]), layers[-1][1]))
    if problems:
        raise ScenarioError(problems)
    (doctrine, doctrine_file), (misconceptions, misconceptions_file), *rest = loaded
    assert isinstance(doctrine, DoctrineFile) and isinstance(misconceptions, MisconceptionFile)
    glossary = rest[0][0] if rest else None
    assert glossary is None or isinstance(glossary, GlossaryFile)
    return BankContext(doctrine, doctrine_file, misconceptions, misconceptions_file, glossary)


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes: a saved session names the exact scenario text it ran on."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
