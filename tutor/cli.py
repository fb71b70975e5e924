"""The `qi-tutor` command line: argument parsing only.

Each subcommand's work lives in `tutor.commands.<area>`, imported only when that
subcommand runs, so `--help`, `--version` and the headless commands never pay for
Textual (150-450 ms) and `validate` pays only for YAML and pydantic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from importlib import import_module, metadata

from tutor import __version__, exit_codes

# subcommand -> "module:function"; the function takes (args, locations) and returns an exit code.
HANDLERS = {
    "play": "tutor.commands.play:run_play",
    "serve": "tutor.ui.serve:run_serve",
    "validate": "tutor.commands.authoring:run_validate",
    "check": "tutor.commands.authoring:run_check",
    "schema": "tutor.commands.authoring:run_schema",
    "new": "tutor.commands.authoring:run_new",
    "quote": "tutor.commands.sources:run_quote",
    "map": "tutor.commands.authoring:run_map",
    "migrate": "tutor.commands.migrate:run_migrate",
    "reviewed": "tutor.commands.reviewed:run_reviewed",
    "brief": "tutor.commands.brief:run_brief",
    "glossary": "tutor.commands.glossary:run_glossary",
    "source import": "tutor.commands.sources:run_source_import",
    "paths": "tutor.commands.paths:run_paths",
    "stats": "tutor.commands.progress:run_stats",
    "review": "tutor.commands.progress:run_review",
    "export": "tutor.commands.lms:run_export",
    "report": "tutor.commands.progress:run_report",
    "send": "tutor.commands.classroom:run_send",
    "roster": "tutor.commands.roster:run_roster",
    "reset": "tutor.commands.progress:run_reset",
    "backup": "tutor.commands.progress:run_backup",
    "restore": "tutor.commands.progress:run_restore",
}


def _version_line() -> str:
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return f"qi-tutor {__version__} (textual {textual}, Python {sys.version.split()[0]})"


def _profile(text: str) -> str:
    """argparse's check of --profile: the rule lives in tutor.paths, the usage exit (2) is argparse's."""
    from tutor.paths import BadProfile, profile_name

    try:
        return profile_name(text)
    except BadProfile as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--profile wants ")) from error


def _seed(text: str) -> int:
    from tutor.seeds import parse_seed

    try:
        return parse_seed(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _minutes(text: str) -> int:
    from tutor.study.timing import minutes_allowed

    try:
        return minutes_allowed(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _order_options() -> argparse.ArgumentParser:
    """--seed and --no-shuffle, for the commands that show questions (the library, play, review)."""
    order = argparse.ArgumentParser(add_help=False)
    order.add_argument(
        "--seed",
        type=_seed,
        metavar="N",
        default=argparse.SUPPRESS,
        help="show every attempt's choices in the order seed N gives (scripts, tests; also $QI_TUTOR_SEED)",
    )
    order.add_argument(
        "--no-shuffle",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show choices in file order (proofreading; $QI_TUTOR_SEED=off)",
    )
    return order


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where progress and settings live (default: $QI_TUTOR_DATA_DIR, else the platform's data folder)",
    )
    common.add_argument(
        "--profile",
        metavar="NAME",
        type=_profile,
        default=argparse.SUPPRESS,
        help="keep this student's progress apart on a shared machine (letters, digits, '-' and '_')",
    )
    order = _order_options()
    common.add_argument(
        "--bank",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="add a folder of scenarios to the library (repeatable; also $QI_TUTOR_BANK)",
    )

    parser = argparse.ArgumentParser(  # exits 2 on a usage error: exit_codes.USAGE
        prog="qi-tutor",
        description="Practise qualified-immunity analysis on Floyd v. City of Detroit and Sigley v. City of "
        "Parma Heights.",
        parents=[common, order],
        epilog="Run with no subcommand to open the library.",
    )
    parser.add_argument("--version", action="version", version=_version_line())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser(
        "play", parents=[common, order], help="open one scenario (an id from the library or a YAML file)"
    )
    play.add_argument("scenario", nargs="?", help="scenario id or path to a YAML file")
    play.add_argument(
        "--mode",
        choices=["tutor", "exam"],
        default="tutor",
        help="tutor: feedback after each answer; exam: all feedback at the end",
    )
    play.add_argument(
        "--plain",
        action="store_true",
        help="numbered text prompts instead of the full-screen UI (screen readers, scripts, pipes)",
    )
    play.add_argument(
        "--minutes",
        type=_minutes,
        metavar="N",
        help="with --mode exam: a timed exam, N minutes on the clock (answers close at zero)",
    )
    play.add_argument("--retry", action="store_true", help="replay only the questions missed in the last attempt")
    play.add_argument(
        "--watch",
        action="store_true",
        help="reload the scenario when its file, vocabularies or sources change, keeping your place (authors)",
    )
    play.add_argument(
        "--lrs", metavar="URL", help="send each answer to the class's LRS as you go (default: the lrs setting)"
    )

    serve = sub.add_parser(
        "serve",
        parents=[common, order],
        help="the tutor in a browser, one name and record per visitor (no login: see the warning it prints)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    serve.add_argument(
        "--url",
        metavar="URL",
        help="the address students open when it is not http://HOST:PORT (behind a proxy, or --host 0.0.0.0)",
    )

    validate = sub.add_parser(
        "validate", parents=[common], help="check scenario files and report every problem with its line"
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--jobs", type=int, default=1, metavar="N", help="check files in N processes")
    validate.add_argument("--strict", action="store_true", help="warnings also fail")
    validate.add_argument(
        "--fix-pins", action="store_true", help="rewrite each wrong pin in place with the one the checker computes"
    )

    check = sub.add_parser(
        "check", parents=[common], help="validate the whole bank (shipped and --bank folders), or the PATHs given"
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="scenario files or folders to check instead of the whole bank"
    )
    check.add_argument(
        "--walk", action="store_true", help="also compute every scenario's score range and the court's path"
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--max-paths", type=int, default=20, metavar="N", help="with --walk: list at most N paths per scenario"
    )
    check.add_argument("--strict", action="store_true", help="warnings also fail")

    schema = sub.add_parser(
        "schema", parents=[common], help="print the JSON Schema of the scenario format (for editors)"
    )
    schema.add_argument(
        "--kind",
        choices=["scenario", "doctrine", "misconceptions", "glossary"],
        default="scenario",
        help="which file's schema (default: a scenario's)",
    )
    schema_to = schema.add_mutually_exclusive_group()
    schema_to.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    schema_to.add_argument(
        "--write", metavar="DIR", help="write all the schemas into DIR, where modelines look for them"
    )

    new = sub.add_parser("new", parents=[common], help="write a commented template for a new scenario")
    new.add_argument("path", metavar="FILE", help="the YAML file to create")
    new.add_argument("--id", help="the scenario id (default: the file name)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    quote = sub.add_parser(
        "quote", parents=[common], help="find words in an opinion text: its passage, page or heading, and pin"
    )
    quote.add_argument("source", metavar="SOURCE", help="the opinion text (e.g. sources/roe-v-doe.txt)")
    quote.add_argument("words", metavar="WORDS", help="the words to find, as the quote will give them")
    quote.add_argument("--citation", metavar="CITE", help="the case citation (default: the source header's CITATION)")

    scenario_map = sub.add_parser(
        "map", parents=[common], help="a scenario's tree: steps, types, the court's path, wrong turns, scores"
    )
    scenario_map.add_argument("scenario", metavar="SCENARIO", help="the scenario's YAML file")
    scenario_map.add_argument("--format", choices=["tree", "dot"], default="tree", help="tree: text; dot: Graphviz")

    migrate = sub.add_parser(
        "migrate",
        parents=[common],
        help='rewrite values format 1 no longer accepts (correct: yes, points: "1") in place',
    )
    migrate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    migrate.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    reviewed = sub.add_parser(
        "reviewed",
        parents=[common],
        help="record that SCENARIO was reviewed against its sources as they stand now (their hashes, who, when)",
    )
    reviewed.add_argument("scenario", metavar="SCENARIO", help="scenario id or path to a YAML file")
    reviewed.add_argument("--by", required=True, metavar="NAME", help="who reviewed it")
    reviewed.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="when (default: today)")

    brief = sub.add_parser(
        "brief", parents=[common], help="a case brief of SCENARIO: facts, each point the court decided, the outcome"
    )
    brief.add_argument("scenario", metavar="SCENARIO", help="scenario id or path to a YAML file")
    brief.add_argument("--format", choices=["md", "txt"], default="md")
    brief.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

    glossary = sub.add_parser("glossary", parents=[common], help="the terms of art the scenarios use, defined")
    glossary.add_argument("term", nargs="*", metavar="TERM", help="the term to define (none: list every term)")

    source = sub.add_parser("source", parents=[common], help="opinion texts: import a saved page as a source")
    source_sub = source.add_subparsers(dest="source_command", metavar="ACTION", required=True)
    imported = source_sub.add_parser(
        "import", parents=[common], help="a saved CourtListener page or star-paged text, as a source file per opinion"
    )
    imported.add_argument("file", metavar="FILE", help="the saved page (HTML) or plain text")
    imported.add_argument("--output", metavar="DIR", help="where to write (default: beside FILE)")
    imported.add_argument("--force", action="store_true", help="replace files that exist")

    sub.add_parser("paths", parents=[common], help="show where qi-tutor keeps its files")

    stats = sub.add_parser("stats", parents=[common], help="your attempts, scores and weak steps")
    stats.add_argument("--format", choices=["text", "json"], default="text")

    review = sub.add_parser("review", parents=[common, order], help="review the decision points that are due")
    review.add_argument("--plain", action="store_true", help="numbered text prompts instead of the full-screen UI")
    review.add_argument("--limit", type=int, default=20, metavar="N", help="at most N questions")

    export = sub.add_parser(
        "export",
        parents=[common],
        help="export your answers for an instructor, the bank for Moodle, Canvas or Anki, or your review log",
    )
    export.add_argument(
        "--format",
        choices=["jsonl", "csv", "md", "xapi", "gift", "qti", "anki", "reviews", "reports"],
        default="jsonl",
        help="jsonl, csv, md, xapi: your answers; gift (Moodle), qti (Canvas, a zip), anki (an .apkg): the "
        "bank's questions; reviews: your review log as FSRS ReviewLog dictionaries (see docs/lms.md); "
        "reports: your 'this question is wrong' reports, as CSV (save as .csv for `qi-tutor report`)",
    )
    export.add_argument(
        "--scenario",
        action="append",
        metavar="ID",
        help="gift, qti, anki: only this scenario (an id or a YAML file; repeatable; default: the whole bank)",
    )
    export.add_argument(
        "--excel", action="store_true", help="csv: UTF-8 with a BOM and CRLF line ends, as Excel opens without asking"
    )
    export.add_argument("--since", metavar="DATE", help="only answers on or after DATE (YYYY-MM-DD)")
    export.add_argument("--student", metavar="NAME", help="the name to put on the export (default: from settings)")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument(
        "--xapi-home",
        metavar="URL",
        help="xapi: the homePage of student accounts and the base of activity ids "
        "(default: the xapi_home setting, else https://qi-tutor.example; use your school's address)",
    )

    report = sub.add_parser("report", parents=[common], help="merge students' exports into one class report")
    report.add_argument("inputs", nargs="*", metavar="FILE-OR-FOLDER")
    report.add_argument(
        "--roster", metavar="FILE", help="show names for class-mode pseudonyms, from a `qi-tutor roster` file"
    )
    report.add_argument("--format", choices=["md", "json"], default="md")
    report.add_argument(
        "--xapi", action="store_true", help="the files hold xAPI statements (`export --format xapi`), not export rows"
    )
    report.add_argument("--output", "-o", metavar="FILE")
    report.add_argument("--lrs", metavar="URL", help="read the class's statements from this LRS instead of files")
    report.add_argument("--allow-http", action="store_true", help="--lrs: allow plain http beyond this machine")

    roster = sub.add_parser(
        "roster", parents=[common], help="map class-mode pseudonyms back to names (for the instructor)"
    )
    roster.add_argument("names", nargs="*", metavar="NAME", help="students' names, as they give them")
    roster.add_argument("--names", dest="names_file", metavar="FILE", help="more names, one a line")
    roster.add_argument(
        "--key-file", metavar="FILE", help="the class key's file (default: $QI_TUTOR_CLASS_KEY, else the setting)"
    )
    roster.add_argument("--output", "-o", metavar="FILE", help="write the roster to FILE instead of standard output")

    send = sub.add_parser(
        "send",
        parents=[common],
        help="send your answers to the class's learning record store (credentials: $QI_TUTOR_LRS_AUTH)",
    )
    send.add_argument("--lrs", metavar="URL", help="the LRS's xAPI address (default: the lrs setting)")
    send.add_argument("--student", metavar="NAME", help="your name or e-mail address (default: from settings)")
    send.add_argument("--xapi-home", metavar="URL", help="your school's address (default: the xapi_home setting)")
    send.add_argument("--allow-http", action="store_true", help="allow plain http beyond this machine")
    send.add_argument("--batch", type=int, default=200, metavar="N", help="statements per request (default 200)")

    reset = sub.add_parser(
        "reset", parents=[common], help="move your progress aside and start afresh (nothing is deleted)"
    )
    reset.add_argument("--scenario", metavar="ID", help="only this scenario's progress")
    reset.add_argument("--yes", action="store_true", help="do not ask")

    backup = sub.add_parser("backup", parents=[common], help="copy the progress database to a file")
    backup.add_argument("output", nargs="?", metavar="FILE")

    restore = sub.add_parser(
        "restore", parents=[common], help="replace the progress database with a backup (the current one is kept aside)"
    )
    restore.add_argument("input", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask")
    return parser


# These draw on the terminal with escape sequences of their own (Textual, or plain mode's Rich);
# every other command's output passes through `terminal_text.SafeStream`.
INTERACTIVE = {"play", "review"}


def main(argv: Sequence[str] | None = None) -> int:
    from tutor.terminal_text import guard_output, unguard_output

    guard_output()  # from the start: argparse echoes the values it refuses
    try:
        return _main(argv)
    finally:
        unguard_output()


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.command or "play") in INTERACTIVE:
        from tutor.terminal_text import unguard_output

        unguard_output()
    from tutor.paths import Locations

    # The global options are accepted before or after the subcommand; SUPPRESS keeps a
    # subcommand's unset copy from overwriting a value given before it.
    locations = Locations.resolve(
        data_dir=getattr(args, "data_dir", None),
        profile=getattr(args, "profile", None),
        banks=getattr(args, "bank", []),
    )
    command = args.command or "play"
    if command in ("play", "review"):
        from tutor.seeds import configure, environment_policy

        try:
            environment_policy()  # a bad QI_TUTOR_SEED is a usage error now, not a traceback mid-walk
        except ValueError as error:
            print(f"qi-tutor: {error}", file=sys.stderr)
            return exit_codes.USAGE
        configure(getattr(args, "seed", None), not getattr(args, "no_shuffle", False))
    if args.command is None:
        args.scenario, args.mode, args.plain, args.retry, args.lrs, args.watch = (
            None,
            "tutor",
            False,
            False,
            None,
            False,
        )
    if command == "source":
        command = f"source {args.source_command}"
    module_name, _, function = HANDLERS[command].partition(":")
    handler = getattr(import_module(module_name), function)
    try:
        return int(handler(args, locations))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `qi-tutor export | head` closes our stdout early; that is not an error.
        sys.stderr.close()
        return exit_codes.OK
