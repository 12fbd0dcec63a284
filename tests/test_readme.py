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
    config = project_config()
    assert readme.problems(PROJECT_DIR / "README.md", config.notebooks_dir, config.display) == []


def test_every_exit_status_is_documented() -> None:
    for status in (0, 1, 2, 3, 4, 5, 6, 7, 8, 130):
        assert re.search(rf"^\| {status} \|", README, re.MULTILINE), status
