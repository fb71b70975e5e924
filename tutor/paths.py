"""Every location qi-tutor reads or writes, in one place.

Resolution order for the data directory: the `--data-dir` option, then the
`QI_TUTOR_DATA_DIR` environment variable, then the platform's user data directory
(platformdirs). `--profile NAME` gives each student on a shared machine a folder of
their own below it. Nothing here creates a directory: writers call `ensure()` first.

A profile is a name, never a path (`PROFILE_NAME`): `../x`, `/tmp/x` or `..` would
write outside the data folder or into another student's record. `Locations` refuses
any other value, so every front end that builds one gets the same rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

APP_NAME = "qi-tutor"
DATA_DIR_ENV = "QI_TUTOR_DATA_DIR"
BANK_ENV = "QI_TUTOR_BANK"
DEFAULT_PROFILE = "default"
PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
PROFILE_RULE = "a letter or digit, then up to 63 letters, digits, '-' or '_'"


class BadProfile(ValueError):
    """A profile that is not a name; the message says what a name may hold."""


def profile_name(text: str) -> str:
    """`text` if it is a valid profile name; BadProfile otherwise."""
    if not PROFILE_NAME.fullmatch(text):
        raise BadProfile(f"--profile wants a name ({PROFILE_RULE}), not {text!r}")
    return text


def bundled_bank() -> Path:
    """The shipped scenario bank: `tutor/_bank` in a wheel, `scenarios/` in a checkout."""
    packaged = resources.files("tutor") / "_bank"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "scenarios"


@dataclass(frozen=True)
class Locations:
    """Where this run keeps its data, and which scenario folders it reads."""

    data_dir: Path
    profile: str = DEFAULT_PROFILE
    extra_banks: tuple[Path, ...] = field(default=())

    def __post_init__(self) -> None:
        profile_name(self.profile)

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        profile: str | None = None,
        banks: list[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Locations:
        env = os.environ if env is None else env
        if data_dir:
            base = Path(data_dir).expanduser()
        elif env.get(DATA_DIR_ENV):
            base = Path(env[DATA_DIR_ENV]).expanduser()
        else:
            import platformdirs  # imported here: only a run without an override pays for it

            base = platformdirs.user_data_path(APP_NAME, appauthor=False)
        extra = [Path(p).expanduser() for p in (banks or [])]
        extra += [Path(p).expanduser() for p in env.get(BANK_ENV, "").split(os.pathsep) if p]
        return cls(data_dir=base.absolute(), profile=profile or DEFAULT_PROFILE, extra_banks=tuple(extra))

    @property
    def profile_dir(self) -> Path:
        """The current profile's folder; the default profile lives at the top of the data directory."""
        if self.profile == DEFAULT_PROFILE:
            return self.data_dir
        return self.data_dir / "profiles" / self.profile

    @property
    def database(self) -> Path:
        """The SQLite progress store."""
        return self.profile_dir / "progress.sqlite3"

    @property
    def settings(self) -> Path:
        """User settings (theme, student name), JSON."""
        return self.profile_dir / "settings.json"

    @property
    def backups(self) -> Path:
        """Where reset and recovery move old data; nothing is ever deleted."""
        return self.profile_dir / "backups"

    @property
    def briefs(self) -> Path:
        """Where the summary's "save a brief" writes case briefs."""
        return self.profile_dir / "briefs"

    @property
    def banks(self) -> tuple[Path, ...]:
        """Every scenario folder: the shipped bank first, then the instructor's."""
        return (bundled_bank(), *self.extra_banks)

    def ensure(self, path: Path) -> Path:
        """Create `path`'s parent folders before a first write."""
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def describe(self) -> list[tuple[str, Path | str]]:
        """Rows for `qi-tutor paths`."""
        rows: list[tuple[str, Path | str]] = [
            ("data directory", self.data_dir),
            ("profile", self.profile),
            ("progress database", self.database),
            ("settings", self.settings),
            ("backups", self.backups),
            ("case briefs", self.briefs),
            ("shipped scenarios", bundled_bank()),
        ]
        rows += [("instructor scenarios", bank) for bank in self.extra_banks]
        return rows
