"""The exit status of every command, defined once so scripts can tell outcomes apart."""

from __future__ import annotations

OK = 0
"""Done; for `validate`, nothing wrong was found."""
PROBLEMS = 1
"""The input has problems (a scenario that does not validate, a file that cannot be read as asked)."""
USAGE = 2
"""The command line was wrong (an unknown option, a bad value)."""
STORE = 3
"""The progress record could not be read or written; nothing was changed."""
INPUT_ENDED = 4
"""Plain mode's input ended before the walk did; the answers given so far are saved."""
CRASHED = 70
"""An unexpected error in the program itself (EX_SOFTWARE); the record holds every answer saved before it."""
