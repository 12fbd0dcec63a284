"""The README keeps its promises: the two commands, the CI's test command, the parameters."""

from __future__ import annotations

import re

from analysis.builder.params import notebook_parameters
from analysis.builder.plan import available_notebooks
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


def test_parameters_listed_for_every_notebook_match_the_notebooks() -> None:
    for notebook in available_notebooks(project_config().notebooks_dir):
        block = re.search(rf"`{notebook.stem}`\n\n```python\n(.*?)\n```", README, re.DOTALL)
        assert block, f"README lists no parameters for {notebook.stem}"
        assert block.group(1).splitlines() == [p.line() for p in notebook_parameters(notebook)]


def test_every_exit_status_is_documented() -> None:
    for status in (0, 1, 2, 3, 4, 5, 6, 7, 8, 130):
        assert re.search(rf"^\| {status} \|", README, re.MULTILINE), status
