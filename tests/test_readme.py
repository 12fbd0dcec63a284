"""The README keeps its promises: the two commands, the CI's test command, the parameters."""

from __future__ import annotations

import re

from analysis.builder import readme
from analysis.cli import project_config
from analysis.paths import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
INSTALL = (
    "python3 -m venv .venv && .venv/bin/pip install --no-deps -r requirements.lock -e ."
    " && .venv/bin/pre-commit install"
)


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_gives_the_build_and_the_test_command_installing_from_the_lock() -> None:
    commands = _commands()
    assert f"{INSTALL} && .venv/bin/csto-report build" in commands
    assert f"{INSTALL} && .venv/bin/python -m pytest" in commands


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{INSTALL} && .venv/bin/python -m pytest" in ci.splitlines()


def test_the_parameters_listed_for_the_notebooks_are_the_notebooks_own() -> None:
    """Every entry is right; a notebook just added may wait for the commit hook to list it."""
    config = project_config()
    found = readme.problems(
        PROJECT_DIR / "README.md", config.notebooks_dir, config.display, complete=False
    )
    assert found == []


def _documented_statuses() -> dict[int, str]:
    """The rows of the README's table of exit statuses: {status: meaning}."""
    section = README.split("### Exit statuses", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", section, re.MULTILINE)
    return {int(status): meaning for status, meaning in rows}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _code_statuses() -> dict[int, list[str]]:
    """Every exit status the code can return: the command line's `EXIT_*` constants and the
    `exit_status` of every error class (`analysis/errors.py` and the builder's own)."""
    import analysis.builder.config  # ConfigError
    import analysis.builder.pipeline  # the errors a build raises
    import analysis.builder.watch  # noqa: F401  # a cluster's
    from analysis import cli, errors

    statuses: dict[int, list[str]] = {}
    for name in dir(cli):
        if name.startswith("EXIT_"):
            statuses.setdefault(getattr(cli, name), []).append(f"cli.{name}")
    for cls in [errors.ReportError, *_subclasses(errors.ReportError)]:
        statuses.setdefault(cls.exit_status, []).append(cls.__name__)
    return statuses


def test_the_exit_table_lists_exactly_the_statuses_the_code_returns() -> None:
    documented, code = _documented_statuses(), _code_statuses()
    assert sorted(documented) == sorted(code), (documented.keys(), code)


def test_a_refused_write_and_a_lost_cluster_have_the_statuses_the_table_gives_them() -> None:
    from analysis import errors

    documented = _documented_statuses()
    assert "refused a write" in documented[errors.ReportsFolderError.exit_status]
    assert "read-only folder" in documented[errors.ReportsFolderError.exit_status]
    assert "no worker" in documented[errors.ClusterError.exit_status]
    assert "a worker died" in documented[errors.WorkerLost.exit_status]
    assert "--no-wait" in documented[errors.BuildLocked.exit_status]


def test_the_researchers_sections_come_before_the_operators() -> None:
    """The reports, JupyterLab, the data and adding things, then cron, Dask and speed."""
    headings = re.findall(r"^#{2,3} (.+)$", README, flags=re.MULTILINE)
    researcher = ["The reports", "Working on the notebooks in JupyterLab", "The data"]
    researcher += [heading for heading in headings if heading.startswith("Adding ")]
    operator = ["Exit statuses", "Scheduled runs", "Building on a Dask cluster", "Speed"]
    assert max(map(headings.index, researcher)) < min(map(headings.index, operator))
