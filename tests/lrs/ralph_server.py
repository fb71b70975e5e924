"""Ralph's LRS for the tests, with its file-system backend made to append.

Ralph 5.1's file-system LRS backend writes every POST with operation type CREATE,
so the second POST to a running server fails with a 500 ("already exists and
overwrite is not allowed"). A real LRS appends; so does this one, and nothing else
of Ralph is changed. Run as `python -m tests.lrs.ralph_server runserver -b fs ...`.
"""

from __future__ import annotations

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
from ralph.cli import cli

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
