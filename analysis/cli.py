"""The `csto-report` command line: validate the data, build, list and verify reports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.errors import CstoError

EXIT_OK = 0
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (documented in the README)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
        return status
    except CstoError as error:
        print(f"csto-report: error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("csto-report: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csto-report",
        description="Validate the CSTO article's data and build its reports.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check every table against the descriptor and the article"
    )
    validate.add_argument(
        "--data", type=Path, default=None, help="a data package folder (default: the package's)"
    )
    validate.add_argument("--seed", type=Path, default=None, help="the article's text file")
    validate.set_defaults(run=_validate)
    return parser


def _validate(args: argparse.Namespace) -> int:
    from analysis.paths import DATA_DIR, SEED_PATH, display_path
    from analysis.validation import validate_package

    data_dir = args.data or DATA_DIR
    problems = validate_package(data_dir, args.seed or SEED_PATH)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return EXIT_USAGE
    print(f"{display_path(data_dir)}: valid")
    return EXIT_OK
