"""The student's settings (theme, name for exports, the class's addresses, review parameters): a JSON file per profile.

Nothing is written until the student changes something; the file is replaced
atomically (write a temporary file beside it, then rename) so a crash mid-save
leaves the old settings, never half a file. An unreadable file falls back to the
defaults without being overwritten until the next save.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from typing import Any

from tutor.paths import Locations


@dataclass
class Settings:
    theme: str = "textual-dark"
    student: str | None = None  # the name put on exports; None asks for --student or uses "anonymous"
    xapi_home: str | None = None  # the school's address: the home of xAPI accounts and activity ids
    class_key: str | None = None  # set: statements name the student by a keyed hash (a pseudonym)
    lrs: str | None = None  # the class's LRS (its xAPI address), for `send` and `report --lrs`
    lrs_auth: str | None = None  # its "user:password"; $QI_TUTOR_LRS_AUTH wins
    # `review.parameters` in the file: FSRS parameters an instructor fitted to the class's logs. Kept as
    # written; `tutor.store.review.scheduler_with` checks them, so a bad list is named where it is used.
    review_parameters: Any = None
    problem: str | None = None  # why the file on disk could not be read, if it could not

    @classmethod
    def load(cls, locations: Locations) -> Settings:
        """The settings in the profile's file; defaults where it has none or cannot be read."""
        path = locations.settings
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            return cls(problem=f"{path}: {error}; using the defaults until you change a setting")
        if not isinstance(data, dict):
            return cls(problem=f"{path}: expected a JSON object; using the defaults until you change a setting")
        # Every text setting the file holds; a value of another type falls back to its default.
        texts = {name: data[name] for name in TEXT_SETTINGS if isinstance(data.get(name), str)}
        review = data.get("review")
        parameters = review.get("parameters") if isinstance(review, dict) else None
        return cls(**texts, review_parameters=parameters)

    def save(self, locations: Locations) -> None:
        path = locations.ensure(locations.settings)
        data: dict[str, Any] = {k: v for k, v in asdict(self).items() if k in TEXT_SETTINGS}
        if self.review_parameters is not None:
            data["review"] = {"parameters": self.review_parameters}
        handle, temp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=2)
                out.write("\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)  # our own half-written temporary file, never the student's settings
            raise
        self.problem = None


TEXT_SETTINGS = ("theme", "student", "xapi_home", "class_key", "lrs", "lrs_auth")
