"""What a file must be before `restore` makes it a student's record: exactly what qi-tutor writes.

A restored file is trusted by every later command, so it is compared with the schema
the migrations build (tables and indexes, their SQL word for word; no triggers, no
views: a trigger could rewrite or delete answers as they are saved), then every value
is checked the way the store will read it: declared types, JSON columns with
`json_valid`, times as UTC ISO 8601, and every answer pointing at an attempt. Each
problem is one line naming the row (attempt and answer number) and the column.
"""

from __future__ import annotations

import sqlite3

from tutor.store import schema

SHOWN = 5  # problems listed in a message; the rest are counted
TIME_TAIL = "*[^0-9:.+Z-]*"  # after YYYY-MM-DDTHH:MM:SS only an offset or fraction may follow
PLACES = {
    "attempts": "'attempt ' || id",
    "answers": "'attempt ' || attempt_id || ', answer ' || seq",
    "answer_steps": "'answer row ' || answer_id",
    "cards": "'the card for ' || scenario_id || ' ' || node_id",
    "reviews": "'review ' || id",
    "unanswered": "'attempt ' || attempt_id || ', unanswered ' || node_id",
    "reports": "'report ' || id",
}
TYPES = {"INTEGER": ("integer",), "REAL": ("real", "integer"), "TEXT": ("text",)}


def _objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """name -> (type, SQL with its whitespace collapsed), for everything but SQLite's own tables."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    return {name: (kind, " ".join((sql or "").split())) for kind, name, sql in rows}


def built(version: int) -> dict[str, tuple[str, str]]:
    """The schema the migrations build at `version`."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        schema.migrate(conn, target=version)
        return _objects(conn)
    finally:
        conn.close()


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """How the file's tables, indexes, triggers and views differ from what the migrations build at `version`."""
    found, wanted = _objects(conn), built(version)
    problems = []
    for name, (kind, _) in sorted(found.items()):
        if kind in ("trigger", "view"):
            problems.append(
                f"it holds a {kind} ({name}), which qi-tutor never makes"
                + (": it could change or delete answers as they are saved" if kind == "trigger" else "")
            )
        elif name not in wanted:
            problems.append(f"it holds a {kind} qi-tutor does not make ({name})")
        elif found[name] != wanted[name]:
            problems.append(f"its {kind} {name} is not the one qi-tutor makes at schema version {version}")
    problems += [f"the {kind} {name} is missing" for name, (kind, _) in sorted(wanted.items()) if name not in found]
    return problems


def _conditions(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(SQL that is true for a bad value, what is wrong) for each column of `table`."""
    checks = []
    for _, column, declared, _, _, _ in conn.execute(f"PRAGMA table_info({table})"):
        if declared.upper() in TYPES:  # a column of another declared type keeps whatever it holds
            types = ", ".join(f"'{t}'" for t in TYPES[declared.upper()])
            checks.append((f"typeof({column}) NOT IN ({types}, 'null')", f"{column} is not {declared.lower()}"))
        if column in schema.JSON_COLUMNS.get(table, ()):
            checks.append((f"{column} IS NOT NULL AND NOT json_valid({column})", f"{column} is not JSON"))
        if column in schema.TIME_COLUMNS.get(table, ()):
            checks.append(
                (
                    f"{column} IS NOT NULL AND (datetime({column}) IS NULL OR {column} NOT GLOB"
                    f" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'"
                    f" OR substr({column}, 20) GLOB '{TIME_TAIL}')",
                    f"{column} is not a UTC time",
                )
            )
    return checks


def value_problems(conn: sqlite3.Connection) -> list[str]:
    """Every stored value that the store could not read as it reads them, at the latest schema, by row."""
    problems = []
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith("sqlite_"):
            continue
        place = PLACES.get(table, f"'{table} row ' || rowid")
        checks = _conditions(conn, table)
        if not checks:
            continue
        which = " ".join(f"WHEN {sql} THEN '{what}'" for sql, what in checks)
        rows = conn.execute(
            f"SELECT {place}, CASE {which} END FROM {table} WHERE {' OR '.join(sql for sql, _ in checks)}"
        ).fetchall()
        problems += [f"{where}: its {what}" for where, what in rows]
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        problems.append(f"{len(orphans)} row(s) point at an attempt or answer that is not there")
    return problems


def summary(problems: list[str]) -> str:
    listed = "; ".join(problems[:SHOWN])
    return listed + (f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else "")
