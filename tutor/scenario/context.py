"""The shared vocabularies a scenario is checked and played against.

A scenario refers to `doctrine.yaml` and `misconceptions.yaml` by key, and its words
are explained by `glossary.yaml`. The loader finds them beside the scenario (an
instructor's own bank) or falls back to the shipped bank's, and hands them around in
one `BankContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.scenario.model import DoctrineFile, GlossaryFile, MisconceptionFile
from tutor.scenario.problems import LoadedFile


@dataclass
class BankContext:
    doctrine: DoctrineFile
    doctrine_file: LoadedFile
    misconceptions: MisconceptionFile
    misconceptions_file: LoadedFile
    glossary: GlossaryFile | None = None  # None only where a bank ships none (the shipped bank does)
    # Files already checked in this run, so a bank's vocabularies are reported once.
    checked: set[str] = field(default_factory=set)
