"""Reading `qi-tutor export` files back, one checked row at a time, for `qi-tutor report`.

An instructor's folder holds what students sent: files re-saved by pandas or Excel,
with a BOM, `;` or tab between cells, `TRUE` for true, or not an export at all. Each
file is read as a stream (bounded memory at any size) and every field's type is
checked, so a file is either read as written or refused with its file and line:
never a traceback, never a report built on a misread. Exports of older format
versions (see `export.FORMAT`) are read too.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import math
import operator
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tutor.store.export import FORMAT, restore

CSV_FIELD_LIMIT = 128 * 1024  # bytes; no export cell comes near it (a short answer is a few hundred)
JSON_LINE_LIMIT = 1024 * 1024  # characters; a line longer than this is not one of our rows
MAX_DEPTH = 8  # an export row nests at most 2 deep (a factors answer); deeper is refused before parsing
MAX_STATEMENT_DEPTH = 32  # an xAPI statement nests about 6 deep (object.definition.choices[].description)
DELIMITERS = (",", ";", "\t")
KINDS = ("choice", "factors", "short")
XAPI_HINT = (
    "an xAPI statements file, not a `qi-tutor export` row file: read it with `qi-tutor report --xapi FILE`, "
    "or send it to the class's LRS and use `qi-tutor report --lrs URL`"
)

REQUIRED = (
    "student",
    "scenario_id",
    "content_hash",
    "attempt_id",
    "seq",
    "node_id",
    "step",
    "kind",
    "answer",
    "full_marks",
    "misconceptions",
    "answered_at",
)


class Refused(ValueError):
    """One row (or a whole file) that cannot be read as an export; the message says why."""


class FileRefused(Exception):
    """The rest of the file cannot be read: `line` says where it stopped (0: before any line)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


# --- field checks -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Refused(f"wants text, not {_kind(value)}")
    return value


def _id_text(value: Any) -> str:
    if not _text(value):
        raise Refused("is empty")
    return str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(f"wants a whole number, not {_kind(value)}")
    if value < 0:
        raise Refused(f"wants a whole number from 0, not {value}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused(f"wants a number, not {_kind(value)}")
    if not math.isfinite(value):
        raise Refused(f"wants a finite number, not {value}")
    return float(value)


def _optional_number(value: Any) -> float | None:
    return None if value is None else _number(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Refused(f"wants true or false, not {_kind(value)}")
    return value


def _optional_boolean(value: Any) -> bool | None:
    return None if value is None else _boolean(value)


def _names(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Refused(f"wants a list of names, not {_kind(value)}")
    return value


def _optional_names(value: Any) -> list[str] | None:
    return None if value is None else _names(value)


def _optional_integer(value: Any) -> int | None:
    return None if value is None else _integer(value)


def _breakdown(value: Any) -> dict[str, list[float]]:
    if not isinstance(value, dict):
        raise Refused(f"wants an object of step: [earned, possible], not {_kind(value)}")
    for pair in value.values():
        if not isinstance(pair, list) or len(pair) != 2:
            raise Refused(f"wants [earned, possible] for each step, not {_kind(pair)}")
        for number in pair:
            _number(number)
    return value


def _optional_breakdown(value: Any) -> dict[str, list[float]] | None:
    return None if value is None else _breakdown(value)


def moment(value: Any) -> dt.datetime:
    """The moment a time field names: ISO 8601 with its UTC offset (times in other zones still compare right)."""
    try:
        found = dt.datetime.fromisoformat(_text(value))
    except ValueError:
        raise Refused(f"wants an ISO 8601 time, not {str(value)[:40]!r}") from None
    if found.tzinfo is None:
        raise Refused(f"wants a time with its UTC offset, not {value!r}")
    return found


def _time(value: Any) -> str:
    moment(value)
    return str(value)


def _optional_time(value: Any) -> str | None:
    return None if value is None else _time(value)


def _format(value: Any) -> int:
    found = _integer(value)
    if not 1 <= found <= FORMAT:
        raise Refused(f"is {found}: this qi-tutor reads export formats 1 to {FORMAT}; a newer qi-tutor wrote this")
    return found


def _kind(value: Any) -> str:
    return {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


CHECKS: dict[str, Callable[[Any], Any]] = {
    "format": _format,
    "student": _optional_text,
    "scenario_id": _id_text,
    "content_hash": _id_text,
    "attempt_id": _integer,
    "attempt_uuid": _optional_text,
    "seed": _optional_integer,
    "tool_version": _optional_text,
    "mode": _optional_text,
    "purpose": _optional_text,
    "seq": _integer,
    "node_id": _id_text,
    "step": _id_text,
    "kind": _id_text,
    "chosen": _optional_names,
    "shown": _optional_names,
    "earned": _number,
    "possible": _number,
    "by_step": _optional_breakdown,
    "full_marks": _boolean,
    "auto_earned": _number,
    "corrected": _optional_names,
    "corrected_at": _optional_time,
    "misconceptions": _names,
    "hints_used": _integer,
    "agreed": _optional_boolean,
    "started_at": _optional_time,
    "answered_at": _time,
    "finished_at": _optional_time,
    "seconds": _optional_number,
}


def _answer(kind: str, value: Any) -> Any:
    if kind == "choice" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if kind == "factors" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return value
    if kind == "short" and isinstance(value, str):
        return value
    want = {"choice": "a list of choice ids", "factors": "an object of row: option", "short": "text"}[kind]
    raise Refused(f"answer: a {kind} answer wants {want}, not {_kind(value)}")


def checked(raw: dict[str, Any]) -> dict[str, Any]:
    """The row with every known field type-checked; unknown fields (a spreadsheet's index column) are dropped."""
    missing = [name for name in REQUIRED if name not in raw]
    if missing:
        raise Refused(f"missing {', '.join(missing)}; is this a `qi-tutor export` file?")
    row: dict[str, Any] = {"format": 1}  # format 1 carried no `format` field
    for name, check in CHECKS.items():
        if name in raw:
            try:
                row[name] = check(raw[name])
            except Refused as error:
                raise Refused(f"{name} {error}") from None
    row["answer"] = raw["answer"]
    return _whole(row)


def _whole(row: dict[str, Any]) -> dict[str, Any]:
    """The checks across fields: a known kind, and an answer of the shape that kind gives."""
    if row["kind"] not in KINDS:
        raise Refused(f"kind is {row['kind']!r}; one of {', '.join(KINDS)} was expected")
    row["answer"] = _answer(row["kind"], row["answer"])
    return row


# --- JSON lines ---------------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise Refused(f"{name} is not a number JSON allows")


def _too_deep(line: str, limit: int = MAX_DEPTH) -> bool:
    if line.count("[") + line.count("{") <= limit:
        return False  # the usual case, decided in C
    depth = deepest = 0
    for char in line:  # a cheap bound; brackets inside strings only make it stricter
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest > limit


def json_lines(
    lines: Iterator[tuple[int, str]], statements_allowed: bool = False
) -> Iterator[tuple[int, dict[str, Any] | Refused]]:
    """(line, object or why not) per non-blank line; an xAPI statement stops the file unless `statements_allowed`."""
    for number, line in lines:
        if not line.strip():
            continue
        if len(line) > JSON_LINE_LIMIT:
            yield number, Refused(f"a line of {len(line):,} characters; export rows are far shorter")
            continue
        limit = MAX_STATEMENT_DEPTH if statements_allowed else MAX_DEPTH
        if _too_deep(line, limit):
            yield number, Refused(f"nested more than {limit} deep; no export row or statement is")
            continue
        try:
            data = json.loads(line, parse_constant=_no_constant)
        except Refused as error:
            yield number, error
            continue
        except ValueError as error:
            yield number, Refused(f"not a JSON line ({error})")
            continue
        if not isinstance(data, dict):
            yield number, Refused(f"a JSON {_kind(data).removeprefix('a ').removeprefix('an ')}, not an object")
            continue
        if "actor" in data and "verb" in data and not statements_allowed:
            raise FileRefused(number, XAPI_HINT)
        yield number, data


# --- CSV ------------------------------------------------------------------------------------------
# Each column gets one converter from its cell straight to the checked value (a spreadsheet's
# spellings, TRUE or 3.0, accepted), so a million-row class costs one pass per cell.


def _cell_text(cell: str) -> str:
    return restore(cell)


def _cell_optional_text(cell: str) -> str | None:
    return restore(cell) or None


def _cell_id(cell: str) -> str:
    return _id_text(restore(cell))


def _cell_integer(cell: str) -> int:
    if cell.isascii() and cell.isdigit():
        return int(cell)  # the usual cell: a whole number from 0, as written
    try:
        whole = int(cell)
    except ValueError:
        whole = None
    if whole is not None:
        return _integer(whole)
    number = _cell_number(cell)
    if not number.is_integer():
        raise Refused(f"wants a whole number, not {cell[:40]!r}")
    return _integer(int(number))


def _cell_number(cell: str) -> float:
    try:
        number = float(cell)
    except ValueError:
        raise Refused(f"wants a number, not {cell[:40]!r}") from None
    return _number(number)


def _cell_boolean(cell: str) -> bool:
    lowered = cell.strip().lower()
    if lowered not in ("true", "false"):
        raise Refused(f"wants true or false, not {cell[:40]!r}")
    return lowered == "true"


def _cell_names(cell: str) -> list[str]:
    return [part for part in restore(cell).split(";") if part]


def _cell_answer(cell: str) -> Any:
    cell = restore(cell)
    if _too_deep(cell):
        raise Refused(f"nested more than {MAX_DEPTH} deep; export answers are flat")
    try:
        return json.loads(cell, parse_constant=_no_constant)
    except ValueError:
        raise Refused(f"is not the JSON an export writes: {cell[:40]!r}") from None


def _optional(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda cell: None if cell == "" else convert(cell)


CELLS: dict[str, Callable[[str], Any]] = {
    "format": lambda cell: _format(_cell_integer(cell)),
    "student": _cell_text,
    "scenario_id": _cell_id,
    "content_hash": _cell_id,
    "attempt_id": _cell_integer,
    "attempt_uuid": _cell_optional_text,
    "seed": _optional(_cell_integer),
    "tool_version": _cell_optional_text,
    "mode": _cell_optional_text,
    "purpose": _cell_optional_text,
    "seq": _cell_integer,
    "node_id": _cell_id,
    "step": _cell_id,
    "kind": _cell_id,
    "answer": _cell_answer,
    "chosen": _optional(lambda cell: _names(_cell_answer(cell))),
    "shown": _optional(_cell_names),
    "earned": _optional(_cell_number),
    "possible": _optional(_cell_number),
    "by_step": _optional(lambda cell: _breakdown(_cell_answer(cell))),
    "full_marks": _cell_boolean,
    "auto_earned": _optional(_cell_number),
    "corrected": _optional(_cell_names),
    "corrected_at": _optional(lambda cell: _time(restore(cell))),
    "misconceptions": _cell_names,
    "hints_used": _optional(_cell_integer),
    "agreed": _optional(_cell_boolean),
    "started_at": _optional(lambda cell: _time(restore(cell))),
    "answered_at": lambda cell: _time(restore(cell)),
    "finished_at": _optional(lambda cell: _time(restore(cell))),
    "seconds": _optional(_cell_number),
}


_UNSEEN = object()
CACHE_CELLS = 4096  # per column: a class's ids, names, answers and times repeat; the cache stays small


Plan = list[tuple[int, str, Callable[[str], Any], dict[str, Any]]]
# A row in parts: its attempt's fields, its answer's, the rest, and its time. The first three are
# columns whose cells repeat together (one attempt's; one answer at one place in a walk; the few
# others), checked once per combination seen and then shared, read-only, by every row that repeats
# them: a class's million rows hold far fewer attempts and distinct answers, so most rows cost
# three lookups and the parsing of their time.
Row = dict[str, Any]
Parts = tuple[Row, Row, Row, str, dt.datetime]  # attempt, answer, the rest, answered_at, and that time parsed
_fromisoformat = dt.datetime.fromisoformat
FILE = ("format", "student", "scenario_id", "content_hash", "tool_version", "mode", "purpose")  # rarely change
ATTEMPT = (*FILE, "attempt_id", "attempt_uuid", "seed", "started_at", "finished_at")
CONTENT = (
    "seq",
    "node_id",
    "step",
    "kind",
    "answer",
    "chosen",
    "earned",
    "possible",
    "by_step",
    "full_marks",
    "auto_earned",
    "corrected",
    "corrected_at",
    "misconceptions",
    "hints_used",
    "agreed",
)


class _Group:
    """Columns checked together, once per combination of their cells; `within` checks some of them for it."""

    def __init__(self, header: list[str], columns: tuple[str, ...], defaults: Row, within: _Group | None = None):
        self.indices = [i for i, name in enumerate(header) if name in columns]
        own = [i for i in self.indices if within is None or i not in within.indices]
        self.plan: Plan = [(i, header[i], CELLS[header[i]], {}) for i in own]
        self.key = operator.itemgetter(*self.indices) if self.indices else (lambda cells: ())
        self.seen: dict[Any, Row] = {}
        self.defaults, self.within = defaults, within

    def values(self, cells: list[str]) -> Row:
        """The checked values of this group's cells: computed once per combination, then shared (never change them)."""
        key = self.key(cells)
        found = self.seen.get(key)
        if found is None:
            start = dict(self.defaults) if self.within is None else {**self.within.values(cells)}
            found = _cells(start, self.plan, cells)
            if "kind" in found:
                found = _whole(found)
            if len(self.seen) >= CACHE_CELLS:
                self.seen.clear()
            self.seen[key] = found
        return found


def _cells(row: Row, plan: Plan, cells: list[str]) -> Row:
    """`row` with the planned cells' checked values. A cell seen before in its column reuses its value (shared:
    read, never changed)."""
    for index, name, convert, seen in plan:
        cell = cells[index]
        value = seen.get(cell, _UNSEEN)
        if value is _UNSEEN:
            try:
                value = convert(cell)
            except Refused as error:
                raise Refused(f"{name} {error}") from None
            if len(seen) < CACHE_CELLS:
                seen[cell] = value
        row[name] = value
    return row


def _answered_at(cell: str) -> tuple[dt.datetime, str]:
    """The row's time, parsed, and the text it is written as (a neutralised cell loses its `'`)."""
    try:
        text = restore(cell)
        return moment(text), text
    except Refused as error:
        raise Refused(f"answered_at {error}") from None


def _delimiter(header: str) -> str:
    """The delimiter that splits the header into the most export column names: `,`, `;` or tab."""
    known = set(CHECKS) | {"answer"}
    return max(DELIMITERS, key=lambda d: len(known & {c.strip().strip('"') for c in header.split(d)}))


def _csv_parts(lines: Iterator[str]) -> Iterator[tuple[int, Parts | Refused]]:
    first = next(lines, None)
    if first is None:
        return
    reader = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first), strict=True)
    try:
        header = next(reader)
        if "actor" in first and "verb" in first:
            raise FileRefused(1, XAPI_HINT)
        from tutor.store import reports

        if reports.is_reports_header(header):  # `export --format reports`: students' reports, not answers
            yield from _report_rows(reader, header)
            return
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise FileRefused(
                1, f"the header lacks {', '.join(missing)}; is this a `qi-tutor export --format csv` file?"
            )
        # An attempt's cells, checked once per attempt; those a whole file shares, once per file.
        attempt = _Group(header, ATTEMPT, {}, within=_Group(header, FILE, {"format": 1}))  # 1 had no `format`
        content = _Group(header, CONTENT, {})
        at = header.index("answered_at")  # unique to each row: checked row by row, never cached
        grouped = {*ATTEMPT, *CONTENT, "answered_at"}
        other = _Group(header, tuple(name for name in header if name in CELLS and name not in grouped), {})
        width = len(header)
        # The loop below runs once per row of a class's million: the group lookups are inlined (a
        # method call per row costs as much as the lookup), and a row's time is parsed once, in C.
        attempt_key, attempts, content_key, contents = attempt.key, attempt.seen, content.key, content.seen
        other_key, others = other.key, other.seen
        for cells in reader:
            if len(cells) != width:
                if any(cells):
                    yield reader.line_num, Refused(f"{len(cells)} cells where the header has {width}")
                continue
            try:
                written = cells[at]
                try:
                    when = _fromisoformat(written)
                except ValueError:
                    when = None
                if when is None or when.tzinfo is None:  # neutralised, or not a time: the full check says why
                    when, written = _answered_at(written)
                of_attempt = attempts.get(attempt_key(cells))
                if of_attempt is None:
                    of_attempt = attempt.values(cells)
                of_answer = contents.get(content_key(cells))
                if of_answer is None:
                    of_answer = content.values(cells)
                rest = others.get(other_key(cells))
                if rest is None:
                    rest = other.values(cells)
                yield reader.line_num, (of_attempt, of_answer, rest, written, when)
            except Refused as error:
                yield reader.line_num, error
    except csv.Error as error:
        raise FileRefused(reader.line_num, f"not readable as CSV ({error})") from None


def _report_rows(reader: Any, header: list[str]) -> Iterator[tuple[int, Parts | Refused]]:
    """A reports file's rows, each its own three parts (its `record` field tells them from answers)."""
    from tutor.store.reports import checked_cells

    for cells in reader:
        if len(cells) != len(header):
            if any(cells):
                yield reader.line_num, Refused(f"{len(cells)} cells where the header has {len(header)}")
            continue
        try:
            row = checked_cells(header, cells)
            yield reader.line_num, (row, row, row, row["reported_at"], moment(row["reported_at"]))
        except Refused as error:
            yield reader.line_num, error


# --- files -------------------------------------------------------------------------------------------


def lines_of(handle: BinaryIO) -> Iterator[tuple[int, str]]:
    """Numbered text lines of a UTF-8 file (BOM or none); a line that is not UTF-8 stops the file with its number."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FileRefused(
                number,
                f"not UTF-8 (byte 0x{raw[error.start]:02x} at column {error.start + 1}); "
                "save the file as UTF-8 (CSV UTF-8 in Excel) or export it again",
            ) from None


def _parsed(path: Path, lines: Iterator[str]) -> Iterator[tuple[int, Parts | Refused]]:
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _csv_parts(lines)  # checked cell by cell
    return _json_parts(lines)


def _json_parts(lines: Iterator[str]) -> Iterator[tuple[int, Parts | Refused]]:
    for number, raw in json_lines(enumerate(lines, 1)):
        if isinstance(raw, Refused):
            yield number, raw
            continue
        try:
            row = checked(raw)
        except Refused as error:
            yield number, error
            continue
        yield number, (row, row, row, row["answered_at"], moment(row["answered_at"]))


def read_parts(path: Path) -> Iterator[tuple[int, Parts | Refused]]:
    """(line, the checked row in its parts or the reason it was refused) for each row; raises FileRefused when
    the file stops. A JSON row is its own first three parts. The parts are shared between rows: read, never change.

    Read as UTF-8 text first (fast); a byte that is not UTF-8 sends it round again line by
    line, which names the line, and the rows already given are not given twice.
    """
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    last = 0
    try:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for item in _parsed(path, iter(handle)):
                    last = item[0]
                    yield item
        except UnicodeDecodeError:
            with path.open("rb") as handle:
                for number, row in _parsed(path, (line for _, line in lines_of(handle))):
                    if number > last:
                        yield number, row
    except OSError as error:
        raise FileRefused(0, f"cannot be read ({error.strerror})") from None
    finally:
        csv.field_size_limit(previous)


def read_file(path: Path) -> Iterator[tuple[int, Row | Refused]]:
    """(line, checked row or the reason it was refused) for each row, as `read_parts` reads them, one dict each."""
    for number, parts in read_parts(path):
        if isinstance(parts, Refused):
            yield number, parts
        elif "record" in parts[0]:  # a report row: one dict already
            yield number, dict(parts[0])
        else:
            yield number, {**parts[0], **parts[1], **parts[2], "answered_at": parts[3]}
