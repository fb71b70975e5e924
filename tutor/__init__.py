"""qi-tutor: practise US qualified-immunity analysis on real Sixth Circuit opinions.

Importing this package is cheap: no Textual, pydantic or YAML until a command needs them.
"""

from tutor._version import __version__

__all__ = ["__version__"]
