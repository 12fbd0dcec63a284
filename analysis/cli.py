"""The `csto-report` command line: validate the data, build, list and verify reports."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from analysis.errors import ParameterError, ReportError

if TYPE_CHECKING:
    from analysis.builder.cluster import Cluster
    from analysis.builder.config import BuildConfig
    from analysis.builder.kernel_fork import KernelForkServer

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_VERDICT_CHANGED = 6
EXIT_INTERRUPTED = 130

EXECUTORS = ("local", "dask")
"""Where `build --executor` runs the notebooks: in this machine's processes, or on Dask."""

FAIL_ON = ("verdict-change",)
"""What `build --fail-on` can watch for: a verdict of the fact check that changed."""

CONFIG_SECTION = "csto-report"
"""The table of pyproject.toml, `[tool.csto-report]`, that configures the build."""


@functools.cache
def project_config() -> BuildConfig:
    """The build configuration of this checkout, from `[tool.csto-report]` in pyproject.toml."""
    from analysis.builder.config import load_config
    from analysis.paths import PROJECT_DIR

    return load_config(PROJECT_DIR / "pyproject.toml", CONFIG_SECTION)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (every status is listed in the README)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        status: int = args.run(args)
        return status
    except ReportError as error:
        print(f"csto-report: error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("csto-report: interrupted; the published reports are unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> NoReturn:
    """The `csto-report` command: `main()`, then exit at once with its status.

    A build leaves the Jupyter and pandas stack imported, and tearing such an interpreter
    down takes most of a second after the work is done. By the time `main` returns, every
    file is written, every lock released, every thread, kernel and temporary folder gone; so
    the output is flushed and the process ends without that teardown.
    """
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (cron's or systemd's stop) unwinds like Ctrl-C, so staging is cleaned up."""
    raise KeyboardInterrupt


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {' '.join(message.split())}\n")


def _parser() -> argparse.ArgumentParser:
    from analysis.builder.options import MAX_VARIANTS

    parser = _Parser(
        prog="csto-report",
        description="Validate the CSTO article's data and build its reports.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="execute notebooks and publish a run of reports")
    build.add_argument(
        "notebooks",
        nargs="*",
        metavar="NOTEBOOK",
        help="a name such as 01_demographics, or a path (default: all)",
    )
    build.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter for every notebook that declares it",
    )
    build.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="NAME=V1,V2,...",
        help="build one variant of the one NOTEBOOK per value (repeat for the product of"
        f" several parameters; at most {MAX_VARIANTS} variants), each its own page, plus a"
        " page that compares them; a variant is named NOTEBOOK~NAME=VALUE",
    )
    build.add_argument(
        "--params-file",
        type=Path,
        metavar="FILE.yaml",
        help="parameters from YAML: NAME: VALUE, or NOTEBOOK: {NAME: VALUE}",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="the reports folder (default: reports/)",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="execute every notebook, even when its inputs are unchanged",
    )
    build.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="notebooks executed at once (default: the number of cores, plus one)",
    )
    build.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop a cell that runs longer (exit status 3)",
    )
    build.add_argument(
        "--wait",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="wait for another build in DIR (default) or exit with status 5",
    )
    build.add_argument(
        "--keep", type=int, default=None, metavar="N", help="keep only the newest N successful runs"
    )
    build.add_argument("--quiet", action="store_true", help="print only errors (for cron)")
    build.add_argument(
        "--fail-on",
        action="append",
        default=[],
        choices=FAIL_ON,
        help="publish as usual, but exit 6 when the new run changed a verdict (for cron)",
    )
    build.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="where notebooks execute: here (default) or on a Dask cluster (needs --scheduler)",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler, such as tcp://127.0.0.1:8786 (with --executor dask)",
    )
    build.set_defaults(run=_build)

    params = commands.add_parser("params", help="a notebook's parameters: type, default, help")
    params.add_argument("notebook", metavar="NOTEBOOK")
    params.set_defaults(run=_params)

    listing = commands.add_parser("list", help="the notebooks, and the runs under DIR")
    listing.add_argument("--out", type=Path, default=None, metavar="DIR")
    listing.set_defaults(run=_list)

    verify = commands.add_parser(
        "verify", help="re-execute a run from its manifest and name each file whose bytes differ"
    )
    verify.add_argument("run_dir", type=Path, metavar="RUN")
    verify.set_defaults(run=_verify)

    diff = commands.add_parser(
        "diff", help="what changed between two runs: verdicts, figures, rows, and their causes"
    )
    diff.add_argument("old_run", type=Path, metavar="RUN_A")
    diff.add_argument("new_run", type=Path, metavar="RUN_B")
    diff.add_argument("--json", action="store_true", help="the report as JSON, for machines")
    diff.set_defaults(run=_diff)

    validate = commands.add_parser(
        "validate", help="check every table against the descriptor and the article"
    )
    validate.add_argument("--data", type=Path, default=None, help="a data package folder")
    validate.add_argument("--seed", type=Path, default=None, help="the article's text file")
    validate.add_argument(
        "--write-readme", action="store_true", help="first write the README's notebook parameters"
    )
    validate.set_defaults(run=_validate)
    return parser


def _build(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        template = None
        if args.force and args.executor == "local":
            # Every notebook will execute: the kernel template imports the stack meanwhile.
            from analysis.builder.kernel_fork import start_template

            config = project_config()
            template = stack.enter_context(start_template(config.preload, config.warm_up))
        return _build_with(args, template)


def _build_with(args: argparse.Namespace, template: KernelForkServer | None) -> int:
    from analysis.builder.config import with_environment
    from analysis.builder.pipeline import build_reports
    from analysis.builder.sweep import parse_sweep

    overrides, per_notebook = _parameters(args.param, args.params_file)
    if args.sweep and len(args.notebooks) != 1:
        raise ParameterError(f"--sweep needs exactly one NOTEBOOK, not {len(args.notebooks)}")
    sweep = [parse_sweep(text) for text in args.sweep]
    say = (lambda line: None) if args.quiet else _say
    cluster = _cluster(args.executor, args.scheduler)
    try:
        result = build_reports(
            args.notebooks,
            config=with_environment(project_config(), os.environ),
            overrides=overrides,
            per_notebook=per_notebook,
            out=args.out,
            force=args.force,
            jobs=args.jobs,
            timeout=args.timeout,
            wait=args.wait,
            keep=args.keep,
            sweep=sweep,
            say=say,
            warn=_warn,
            cluster=cluster,
            template=template,
        )
    finally:
        if cluster is not None:
            cluster.close()
    run_dir = result.run_dir if result.exit_status == EXIT_OK and not result.up_to_date else None
    if run_dir is not None and "verdict-change" in args.fail_on and _verdicts_changed(run_dir):
        _warn(f"verdicts changed: see {run_dir / 'changes.html'}")
        return EXIT_VERDICT_CHANGED
    return result.exit_status


def _cluster(executor: str, scheduler: str | None) -> Cluster | None:
    """The Dask cluster to build on, connected, or None for the local executor."""
    if executor != "dask":
        if scheduler is not None:
            raise ParameterError("--scheduler is only for --executor dask")
        return None
    if not scheduler:
        raise ParameterError("--executor dask needs --scheduler ADDRESS (such as tcp://HOST:8786)")
    from analysis.builder.cluster import connect

    return connect(scheduler, project_config)


def _verdicts_changed(run_dir: Path) -> bool:
    """Whether the run's change report lists a verdict that changed."""
    import json

    report = json.loads((run_dir / "changes.json").read_text(encoding="utf-8"))
    return bool(report.get("verdicts"))


def _diff(args: argparse.Namespace) -> int:
    from analysis.facts.changes import compare_runs
    from analysis.site.changes import changes_json, diff_text

    for run in (args.old_run, args.new_run):
        if not (run / "manifest.json").is_file():
            _warn(f"error: {run}: not a run folder (no manifest.json)")
            return EXIT_USAGE
    changes = compare_runs(args.old_run, args.new_run, current=args.new_run.resolve().name)
    print(changes_json(changes) if args.json else diff_text(changes), end="")
    return EXIT_OK


def _say(line: str) -> None:
    print(line, flush=True)


def _warn(line: str) -> None:
    print(f"csto-report: {line}", file=sys.stderr, flush=True)


def _parameters(
    pairs: Sequence[str], params_file: Path | None
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """`-p` pairs and a params file as overrides for all notebooks and per notebook."""
    from analysis.builder.params import read_params_file
    from analysis.builder.plan import available_notebooks

    overrides: dict[str, Any] = {}
    per_notebook: dict[str, dict[str, Any]] = {}
    if params_file is not None:
        names = {nb.stem for nb in available_notebooks(project_config().notebooks_dir)}
        overrides, per_notebook = read_params_file(params_file, names)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p {pair!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    return overrides, per_notebook


def _params(args: argparse.Namespace) -> int:
    from analysis.builder.params import notebook_parameters
    from analysis.builder.plan import resolve_notebooks

    config = project_config()
    (notebook,) = resolve_notebooks([args.notebook], config.notebooks_dir)
    parameters = notebook_parameters(notebook, config.display(notebook))
    if not parameters:
        print(f"{notebook.stem} takes no parameters")
    for parameter in parameters:
        print(parameter.line())
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from analysis.builder.notebook_rules import title_and_summary
    from analysis.builder.plan import available_notebooks
    from analysis.builder.runs import list_runs

    config = project_config()
    out = args.out or config.reports_dir
    print("notebooks:")
    for notebook in available_notebooks(config.notebooks_dir):
        print(f"  {notebook.stem:<28} {title_and_summary(notebook)[0]}")
    found = list_runs(out)
    print(f"runs in {out}:" if found else f"runs in {out}: none yet")
    for run in found:
        print(f"  {run.run_id:<28} {run.status}{'  (latest)' if run.latest else ''}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from analysis.builder.verify import verify_run

    differing = verify_run(args.run_dir, config=project_config(), say=_say)
    for path in differing:
        print(f"differs: {path}")
    if differing:
        print(f"{len(differing)} file(s) differ from {args.run_dir}", file=sys.stderr)
        return 1
    print(f"{args.run_dir}: every output re-made byte for byte")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from analysis.builder import notebook_rules, readme
    from analysis.data.validation import validate_package
    from analysis.paths import DATA_DIR, PROJECT_DIR, SEED_PATH, display_path

    data_dir, config, text = args.data or DATA_DIR, project_config(), PROJECT_DIR / "README.md"
    if args.write_readme:
        readme.write(text, config.notebooks_dir, config.display)
    problems = validate_package(data_dir, args.seed or SEED_PATH)
    problems += notebook_rules.folder_problems(config.notebooks_dir, config.display)
    fix = "run `csto-report validate --write-readme`"
    wrong, unlisted = readme.check(text, config.notebooks_dir, config.display, fix)
    for line in unlisted:
        print(f"note: {line}")
    for problem in problems + wrong:
        print(problem, file=sys.stderr)
    if problems or wrong:
        return EXIT_USAGE
    print(f"{display_path(data_dir)}: valid")
    return EXIT_OK
