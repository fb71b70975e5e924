"""The instructor's commands on opinion texts: `quote` finds words and gives their pin; `--fix-pins` writes it.

`qi-tutor quote SOURCE "words"` looks the words up exactly as the checker does
(`tutor.sources.quotes`), and prints the passage with the words marked, its line, its
page or heading, and the pin to write. The case citation comes from the source's
header (`CITATION:`) or `--citation`.

`validate --fix-pins` rewrites, in place, each pin the checker says is wrong and for
which it knows the right one; only the pin's own value on its line changes, so the
file's comments, layout and every other line stay byte for byte as they were.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from tutor.exit_codes import OK, PROBLEMS, USAGE
from tutor.paths import Locations
from tutor.scenario.problems import Problem
from tutor.terminal_text import shown

_CITATION_LINE = re.compile(r"^CITATION:[ \t]*(?P<cite>[^;\n]+)", re.MULTILINE)
FIXABLE = ("pin-mismatch", "pin-format")
_PIN_KEY = re.compile(r"pin:[ \t]*")


def header_citation(text: str) -> str | None:
    """`CITATION: 471 U.S. 1 (1985); 105 S. Ct. 1694` in a source's header -> `471 U.S. 1 (1985)`."""
    found = _CITATION_LINE.search(text)
    return found["cite"].strip() if found else None


def run_quote(args: argparse.Namespace, locations: Locations) -> int:
    from tutor.sources.pins import pin_of
    from tutor.sources.quotes import search_quote
    from tutor.sources.text import UnreadableSource, source_text

    path = Path(args.source)
    try:
        src = source_text(path)
    except FileNotFoundError:
        print(f"qi-tutor quote: no such file: {shown(str(path))}", file=sys.stderr)
        return USAGE
    except (UnreadableSource, OSError) as error:
        print(f"qi-tutor quote: {shown(str(path))} {error}", file=sys.stderr)
        return USAGE
    for problem in src.problems:
        print(problem.render(), file=sys.stderr)
    result = search_quote(args.words, src)
    found = result.location
    if found is None:
        for fragment, why in result.missing:
            print(f'not in {path.name}: "{shown(fragment)}"\n    {why}', file=sys.stderr)
        if result.apart:
            print(f"the fragments are in {path.name}, but not in order within one paragraph", file=sys.stderr)
        for fragment in result.short:
            print(f'the fragment "{shown(fragment)}" has fewer than four words', file=sys.stderr)
        return PROBLEMS
    citation = args.citation or header_citation(src.text)
    line = src.text.split("\n")[found.paragraph]
    offset = sum(len(part) + 1 for part in src.text.split("\n")[: found.paragraph])
    marked, done = [], 0
    for start, end in found.spans:
        marked += [line[done : start - offset], "»", line[start - offset : end - offset], "«"]
        done = end - offset
    marked.append(line[done:])
    where = f"line {found.paragraph + 1}"
    if found.pages is not None:
        first, last = found.pages
        where += f", page {first}" + (f"-{last}" if last != first else "")
    elif src.paged:
        where += ", page unknown (after an omission, before the next marker)"
    elif found.heading:
        where += f', under "{found.heading}"'
    if found.footnote is not None:
        where += f", footnote {found.footnote}"
    print(f"{path.name}, {where}:")
    print(shown("".join(marked), limit=100_000))
    pin = pin_of(found, citation, src.markers.reporter)
    print(f"pin: {pin}" if pin else "pin: none (the passage stands before any page or heading)")
    if found.damaged and not result.sic:
        print("note: the words reproduce damage its errata file lists: use the reading, or mark it [sic]")
    return OK


def yaml_scalar(value: str) -> str:
    """The pin as YAML writes it: plain when that reads back the same, else single-quoted."""
    plain_safe = re.fullmatch(r"[A-Za-z0-9][\w .,()&\-–]*", value) and ": " not in value and " #" not in value
    return value if plain_safe else "'" + value.replace("'", "''") + "'"


def _value_end(line: str, start: int) -> int | None:
    """Where the scalar starting at `start` ends (None: a block scalar, which is left alone)."""
    first = line[start : start + 1]
    if first in (">", "|", ""):
        return None
    if first in ("'", '"'):
        at = start + 1
        while at < len(line):
            if line[at] == first:
                if first == "'" and line[at + 1 : at + 2] == "'":
                    at += 2
                    continue
                return at + 1
            at += 2 if first == '"' and line[at] == "\\" else 1
        return None
    comment = line.find(" #", start)
    return len((line if comment < 0 else line[:comment]).rstrip())


def fix_pins(problems: Iterable[Problem]) -> dict[Path, int]:
    """Write each pin the problems say is wrong, where they give the right one; pins fixed per file."""
    wanted: dict[Path, dict[int, tuple[int, str]]] = {}
    for problem in problems:
        hint = problem.hint or ""
        if problem.code in FIXABLE and hint.startswith("write: ") and problem.line and problem.column:
            wanted.setdefault(problem.path, {})[problem.line] = (problem.column, hint.removeprefix("write: "))
    fixed: dict[Path, int] = {}
    for path, lines_to_fix in wanted.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        count = 0
        for number, (column, pin) in lines_to_fix.items():
            line = lines[number - 1]
            start = column - 1
            key = _PIN_KEY.match(line, start)  # a problem may point at the key rather than its value
            if key:
                start = key.end()
            end = _value_end(line, start)
            if end is None:
                continue
            lines[number - 1] = line[:start] + yaml_scalar(pin) + line[end:]
            count += lines[number - 1] != line
        if count:
            path.write_text("\n".join(lines), encoding="utf-8")
            fixed[path] = count
    return fixed


def run_source_import(args: argparse.Namespace, locations: Locations) -> int:
    """`qi-tutor source import FILE`: one source file per opinion, and an errata skeleton beside each."""
    from tutor.sources.errata import errata_path
    from tutor.sources.importer import ERRATA_SKELETON, import_cap_json, import_html, import_plain, source_file

    path = Path(args.file)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(f"qi-tutor source import: no such file: {shown(str(path))}", file=sys.stderr)
        return USAGE
    except (OSError, UnicodeDecodeError) as error:
        print(f"qi-tutor source import: cannot read {shown(str(path))}: {error}", file=sys.stderr)
        return USAGE
    html = path.suffix.lower() in (".html", ".htm", ".xml") or raw.lstrip().startswith("<")
    if path.suffix.lower() == ".json":
        import json

        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            print(f"qi-tutor source import: {shown(str(path))} is not JSON: {error}", file=sys.stderr)
            return USAGE
        result = import_cap_json(data if isinstance(data, dict) else {})
    else:
        result = import_html(raw) if html else import_plain(raw)
    if not result.opinions:
        print(f"qi-tutor source import: no opinion text found in {shown(str(path))}", file=sys.stderr)
        return PROBLEMS
    folder = Path(args.output) if args.output else path.parent
    stem = path.stem
    names = [
        f"{stem}.txt" if len(result.opinions) == 1 else f"{stem}-{opinion.kind}-{n + 1}.txt"
        for n, opinion in enumerate(result.opinions)
    ]
    targets = [folder / name for name in names]
    existing = [t for t in targets if t.exists() or t == path]
    if existing and not args.force:
        print(f"qi-tutor source import: {shown(str(existing[0]))} exists (--force to replace it)", file=sys.stderr)
        return USAGE
    folder.mkdir(parents=True, exist_ok=True)
    for opinion, target in zip(result.opinions, targets, strict=True):
        target.write_text(source_file(opinion, path.name, result.case), encoding="utf-8")
        errata = errata_path(target)
        if not errata.exists():
            errata.write_text(ERRATA_SKELETON, encoding="utf-8")
        pages = f"pages {opinion.pages[0]}-{opinion.pages[-1]}" if opinion.pages else "no page markers"
        notes = f", {len(opinion.footnotes)} footnotes" if opinion.footnotes else ""
        print(f"{target}: {opinion.kind}, {len(opinion.paragraphs)} paragraphs, {pages}{notes}")
    for problem in result.unplaced:
        print(f"not placed: {problem}")
    print("next: fill in the header's CASE and CITATION, and the errata file's damage", file=sys.stderr)
    return OK
