"""Untrusted YAML in, plain data and source positions out: safely, strictly, fast.

Instructors' files are untrusted input. PyYAML alone has traps (each measured on
this project's machines): an alias bomb expands to billions of nodes, libyaml's
recursive composer segfaults on 25,000 nested brackets, a 50 MB file takes 24 s and
1 GB, duplicate keys silently overwrite, and YAML 1.1 turns `no` into False and
`12:30` into 750.

So we never compose nodes. We read libyaml's parse events (an iterative C loop that
cannot overflow the stack) and build the data ourselves in one pass, which gives
every guard for free: depth is the length of our stack, an alias or anchor is an
event we refuse on sight, duplicate keys are a set per mapping, and each value's
line and column are on its event. Scalars resolve the YAML 1.2 way for null, booleans
and plain numbers; everything else stays a string (pydantic parses dates and numbers
where the model expects them).

Marks: a mapping entry is marked where its key is written (an unknown key, a missing
child or a wrong value all point at that line), a list item where the item starts.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.resolver import Resolver

from tutor.regular_files import read_regular
from tutor.scenario.problems import LoadedFile, Loc, Problem, ScenarioError

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_REPORTED = 50  # of one kind of non-fatal problem (duplicate keys, tags, tab lines) per file
MAX_INT_DIGITS = 18  # longer digit strings stay text: Python refuses int() past 4,300 digits

_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = Resolver.yaml_implicit_resolvers  # first character -> [(tag, regex)], PyYAML's YAML 1.1 rules
_YAML12_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML12_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_YAML12_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
# Characters YAML forbids in a stream (libyaml reports them only as a character offset).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _event_source() -> type:
    """libyaml's parser when PyYAML was built with it; the pure one (8-9x slower) otherwise."""
    if yaml.__with_libyaml__:
        return yaml.CSafeLoader
    if not getattr(_event_source, "warned", False):
        _event_source.warned = True  # type: ignore[attr-defined]
        print(
            "qi-tutor: warning: PyYAML was built without libyaml; loading is 8-9x slower "
            "(reinstall PyYAML from a wheel to fix)",
            file=sys.stderr,
        )
    return yaml.SafeLoader


@dataclass
class ParsedYaml:
    """A successfully parsed file, with the problems that did not stop parsing.

    `coercions` maps the path of each plain scalar that YAML 1.1 tools would read as
    a non-string (`no`, `010`, `12:30`, `1.10`, a date) to its text. The loader keeps
    them as strings; whoever knows the expected type decides whether to warn.
    """

    loaded: LoadedFile
    problems: list[Problem] = field(default_factory=list)
    coercions: dict[Loc, str] = field(default_factory=dict)


def read_yaml(path: Path) -> ParsedYaml:
    """Read and parse one file. Raises ScenarioError when no data can be had from it."""
    try:
        # Never more than the cap, even when stat lies; never a FIFO or a device, which would block.
        raw = read_regular(path, MAX_BYTES)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ScenarioError(
            [
                Problem(
                    path,
                    None,
                    None,
                    "error",
                    "unreadable",
                    f"cannot read this file: {reason}",
                    "check the path and its permissions",
                )
            ]
        ) from None
    return parse_yaml(raw, path)


def parse_yaml(raw: bytes | str, path: Path) -> ParsedYaml:
    """Parse YAML text or bytes already in memory (bytes are checked as UTF-8 first)."""
    text = _decode(raw, path) if isinstance(raw, bytes) else raw
    if len(text) > MAX_BYTES:
        raise ScenarioError(
            [
                _fatal(
                    path,
                    1,
                    1,
                    "file-too-large",
                    f"the file is larger than {MAX_BYTES // 1_000_000} MB",
                    "a scenario is normally under 100 KB: split it, or check that this is the right file",
                )
            ]
        )
    bad = _FORBIDDEN.search(text)
    if bad:
        line, column = _position(text, bad.start())
        raise ScenarioError(
            [
                _fatal(
                    path,
                    line,
                    column,
                    "control-character",
                    f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
                    "delete it; to write a tab or line break in text, type it directly",
                )
            ]
        )
    builder = _Builder(path, text)
    try:
        builder.run(_event_source()(text))
    except yaml.MarkedYAMLError as error:
        raise ScenarioError(builder.problems + _syntax_problems(path, text, error)) from None
    except yaml.YAMLError as error:  # a reader error without a mark; not expected after the checks above
        raise ScenarioError(
            [*builder.problems, _fatal(path, 1, 1, "yaml-syntax", f"this is not valid YAML: {error}", None)]
        ) from None
    return ParsedYaml(LoadedFile(path, text, builder.root, builder.marks), builder.problems, builder.coercions)


def _decode(raw: bytes, path: Path) -> str:
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            [
                _fatal(
                    path,
                    1,
                    1,
                    "file-too-large",
                    f"the file is larger than {MAX_BYTES // 1_000_000} MB; it was not read",
                    "a scenario is normally under 100 KB: split it, or check that this is the right file",
                )
            ]
        )
    for bom, name in _UTF16_32_BOMS:
        if raw.startswith(bom):
            return _utf16(path, name)
    if b"\x00" in raw[:4]:  # ASCII text in UTF-16/32 without a byte order mark
        return _utf16(path, "UTF-16 or UTF-32")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise ScenarioError(
            [
                _fatal(
                    path,
                    line,
                    column,
                    "not-utf8",
                    f"byte 0x{raw[start]:02X} is not UTF-8 (byte offset {start})",
                    "save the file as UTF-8 in your editor (a Latin-1 or Windows-1252 é or curly quote is the "
                    "usual cause)",
                )
            ]
        ) from None


def _utf16(path: Path, name: str) -> str:
    raise ScenarioError(
        [
            _fatal(
                path,
                1,
                1,
                "utf16",
                f"the file is encoded as {name}",
                "save it as UTF-8 (in most editors: File > Save with Encoding > UTF-8)",
            )
        ]
    )


def _syntax_problems(path: Path, text: str, error: yaml.MarkedYAMLError) -> list[Problem]:
    """A parser error, or the tabs that caused it (YAML forbids tabs in indentation)."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    tabs = _tab_offsets(text, line)
    if tabs:
        return [_tab_problem(path, text, offset) for offset in tabs]
    column = mark.column + 1 if mark else 1
    what = " ".join(part for part in (error.context, error.problem) if part)
    hint = (
        "the rest of this file cannot be checked until this is fixed; "
        "look for a missing colon, a stray indent or an unclosed quote or bracket"
    )
    if "mapping values are not allowed" in what:
        # `title: Roe v. Doe: Officer Doe` — the second colon starts a mapping inside plain text.
        hint = (
            'a colon and a space inside plain text start a new key: quote the value ("..."); '
            "the rest of this file cannot be checked until this is fixed"
        )
    return [_fatal(path, line, column, "yaml-syntax", f"YAML syntax error: {what}", hint)]


def _tab_offsets(text: str, last_line: int) -> list[int]:
    """Where the first few tabs in indentation are, on lines up to `last_line` (one pass, however many)."""
    offsets: list[int] = []
    line, counted_to = 1, 0
    for match in _TAB_INDENT.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if line > last_line or len(offsets) == MAX_REPORTED:
            break
        offsets.append(match.end() - 1)
    return offsets


def _tab_problem(path: Path, text: str, offset: int) -> Problem:
    line, column = _position(text, offset)
    return _fatal(
        path,
        line,
        column,
        "tab-indent",
        "a tab in the indentation",
        "YAML indents with spaces only: replace the tab with spaces",
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _fatal(path: Path, line: int | None, column: int | None, code: str, message: str, hint: str | None) -> Problem:
    return Problem(path, line, column, "error", code, message, hint)


class _Builder:
    """Turns a parse-event stream into dicts, lists and scalars, recording marks."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        self.root: Any = None
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.coercions: dict[Loc, str] = {}

    def run(self, parser: Any) -> None:
        get = parser.get_event
        marks = self.marks
        # Each frame: [container, path, pending key or None, {key: line} for mappings]
        stack: list[list[Any]] = []
        documents = 0
        while True:
            event = get()
            kind = event.__class__
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    self._stop(
                        event,
                        "alias",
                        f"anchors (&{event.anchor}) and aliases are not allowed",
                        "write the value out in full; aliases let a small file expand without limit",
                    )
                mark = event.start_mark
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if frame[3] is not None and frame[2] is None:  # a mapping key
                        if kind is not ScalarEvent:
                            self._stop(
                                event,
                                "complex-key",
                                "a mapping key must be plain text",
                                "write the key as a word, e.g. `prompt:`",
                            )
                        self._key(frame, event)
                        continue
                    key = frame[2] if frame[3] is not None else len(container)
                    where = frame[1] + (key,)
                    if frame[3] is None:
                        marks[where] = (mark.line + 1, mark.column + 1)
                else:
                    if documents > 1:
                        self._stop(
                            event,
                            "yaml-syntax",
                            "a scenario file holds one YAML document; a second one starts here",
                            "remove the `---` line and what follows, or move it to its own file",
                        )
                    if kind is ScalarEvent and event.implicit[0] and not event.value:
                        break  # `---` alone, or only comments: reported as empty below
                    if kind is not MappingStartEvent:
                        self._stop(
                            event,
                            "not-a-mapping",
                            "the file must be a mapping of keys (format:, id:, title: ...) at the top level",
                            "start the file with `format: 1` and the other top-level keys, each at column 1",
                        )
                    where = ()
                    marks[where] = (mark.line + 1, mark.column + 1)
                if kind is ScalarEvent:
                    value = self._scalar(event, where)
                    child = None
                elif len(stack) >= MAX_DEPTH:
                    self._stop(
                        event,
                        "too-deep",
                        f"values are nested more than {MAX_DEPTH} levels deep",
                        "a scenario needs about 8 levels; look for runaway brackets or indentation",
                    )
                elif kind is MappingStartEvent:
                    self._tag(event, where)
                    value = {}
                    child = [value, where, None, {}]
                else:
                    self._tag(event, where)
                    value = []
                    child = [value, where, None, None]
                if stack:
                    if frame[3] is None:
                        container.append(value)
                    else:
                        container[key] = value
                        frame[2] = None
                else:
                    self.root = value
                if child is not None:
                    stack.append(child)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
            elif kind is AliasEvent:
                self._stop(
                    event,
                    "alias",
                    f"aliases (*{event.anchor}) are not allowed",
                    "write the value out in full; aliases let a small file expand without limit",
                )
            elif kind is DocumentStartEvent:
                documents += 1
            elif kind is DocumentEndEvent:
                continue
            elif kind is StreamEndEvent:
                break
        if self.root is None:
            self.problems.append(
                _fatal(
                    self.path,
                    1,
                    1,
                    "empty-file",
                    "the file has no content",
                    "run `qi-tutor new FILE` for a commented template to start from",
                )
            )
            raise ScenarioError(self.problems)

    def _key(self, frame: list[Any], event: ScalarEvent) -> None:
        key = event.value
        assert event.start_mark is not None  # the loader gives every event its marks
        line = event.start_mark.line + 1
        where = frame[1] + (key,)
        seen = frame[3]
        if key in seen and len(self.problems) < MAX_REPORTED:
            self.problems.append(
                _fatal(
                    self.path,
                    line,
                    event.start_mark.column + 1,
                    "duplicate-key",
                    f"duplicate key '{key}' (first at line {seen[key]})",
                    "delete one of them: YAML would silently keep only the last",
                )
            )
        else:
            seen[key] = line
        if event.tag is not None and event.tag != _STR_TAG:
            self._tag(event, where)
        self.marks[where] = (line, event.start_mark.column + 1)
        frame[2] = key

    def _scalar(self, event: ScalarEvent, where: Loc) -> Any:
        value = event.value
        if not event.implicit[0]:  # quoted, block or explicitly tagged: a string
            if event.tag is not None and event.tag != _STR_TAG:
                self._tag(event, where)
            return value
        if not value:
            return None
        resolvers = _YAML11.get(value[0])
        if resolvers is None:
            return value
        for tag, regex in resolvers:  # noqa: B007 (the matching tag is read after the loop)
            if regex.match(value):
                break
        else:
            return value
        kind = tag[18:]  # after "tag:yaml.org,2002:"
        if kind == "null":
            return None
        if kind == "bool" and value in _YAML12_BOOL:
            return _YAML12_BOOL[value]
        if kind == "int" and len(value) <= MAX_INT_DIGITS and _YAML12_INT.match(value):
            return int(value)
        # A float only when it reads back as written: `1.10` would lose its zero, so it stays text.
        if kind == "float" and _YAML12_FLOAT.match(value) and repr(float(value)) == value.lstrip("+"):
            return float(value)
        if kind in ("bool", "int", "float", "timestamp"):
            self.coercions[where] = value
        return value

    def _tag(self, event: Any, where: Loc) -> None:
        if event.tag is not None and len(self.problems) < MAX_REPORTED:
            mark = event.start_mark
            self.problems.append(
                _fatal(
                    self.path,
                    mark.line + 1,
                    mark.column + 1,
                    "yaml-tag",
                    f"the tag {event.tag} is not part of the scenario format",
                    "remove the tag; write the value plainly",
                )
            )

    def _stop(self, event: Any, code: str, message: str, hint: str) -> None:
        mark = event.start_mark
        self.problems.append(_fatal(self.path, mark.line + 1, mark.column + 1, code, message, hint))
        raise ScenarioError(self.problems)
