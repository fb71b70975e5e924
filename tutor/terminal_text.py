"""What may reach a terminal: the one definition of characters a terminal would obey.

Text from scenario files, opinion texts, the progress record and the keyboard is data.
A terminal obeys C0 and C1 control characters (an escape sequence can clear the
screen or retitle the window) and the bidirectional overrides and isolates (U+202A-
U+202E, U+2066-U+2069) reorder what the reader sees. Tab and newline are layout and
pass. Every front end and headless command passes such text through `clean` (for
display) or `shown` (for messages, where the author must see what is there); typed
input is `clean`ed before it is stored; the checker rejects controls and warns on
bidirectional overrides in author text, using the same patterns.
"""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters other than tab and newline."""

BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they reorder the text a reader sees."""

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Everything a terminal must never receive raw: `CONTROL` and `BIDI` together."""

MESSAGE_LIMIT = 200
"""How many characters of a value a message quotes before it shortens it."""


def clean(text: str) -> str:
    """`text` without the characters a terminal would obey (tab and newline kept)."""
    return UNSAFE.sub("", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` for a message: unsafe characters as visible escapes, shortened past `limit` characters."""
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text):,} characters)"
    return UNSAFE.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class SafeStream:
    """A text stream that writes every unsafe character as `\\uXXXX`: visible to a reader, and the
    same character to a JSON parser, so `--format json` output stays valid and exact.

    `raw` is the stream beneath, for a writer that emits its own escape sequences (Rich's
    colours) and has `clean`ed the values it writes itself.
    """

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(UNSAFE.sub(_json_escape, text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, encoding, isatty, fileno...: the stream's own
        return getattr(self.raw, name)


def guard_output() -> None:
    """From here on, nothing a terminal would obey leaves through standard output or error raw."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


def unguard_output() -> None:
    """Hand the real streams back (the interactive front ends draw with escape sequences of their own)."""
    if isinstance(sys.stdout, SafeStream):
        sys.stdout = sys.stdout.raw
    if isinstance(sys.stderr, SafeStream):
        sys.stderr = sys.stderr.raw


def raw_stream(stream: TextIO) -> TextIO:
    """The stream beneath a SafeStream (or the stream itself), for a writer that `clean`s its own values."""
    return stream.raw if isinstance(stream, SafeStream) else stream
