"""`python -m tutor`: the same as the `qi-tutor` console script."""

import sys

from tutor.cli import main

sys.exit(main())
